import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite has no lock of its own: two processes on one folder silently lose rows and corrupt
 * indexes. The process that opens the folder holds this file (created exclusively); others read
 * it to find that process's admin address instead of opening the folder themselves.
 */
export interface LockHolder {
  pid: number;
  /** Base URL of the holder's HTTP server, set once it listens. */
  url?: string;
  /** Secret that lets local tools (npm run keys) use the holder's admin API; the file is 0600. */
  controlToken?: string;
}

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(readonly dataDir: string, readonly holder: LockHolder) {
    super(
      `The data folder ${dataDir} is in use by process ${holder.pid}. PGlite cannot be opened by two processes ` +
        `(it would corrupt data). Stop that process, use another DATA_DIR, or set DATABASE_URL to a Postgres server.`,
    );
  }
}

export function lockPath(dataDir: string): string {
  return join(dataDir, 'gateway.lock');
}

export function readLock(dataDir: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockHolder;
    return isAlive(holder.pid) ? holder : undefined;
  } catch {
    return undefined;
  }
}

export interface DataDirLock {
  update(holder: Omit<LockHolder, 'pid'>): void;
  release(): void;
}

export function acquireLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = lockPath(dataDir);
  const write = (holder: LockHolder, flag: 'wx' | 'w') => writeFileSync(path, JSON.stringify(holder), { flag, mode: 0o600 });
  try {
    write({ pid: process.pid }, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = readLock(dataDir);
    if (holder) throw new DataDirLockedError(dataDir, holder);
    rmSync(path, { force: true }); // stale: its process is gone
    write({ pid: process.pid }, 'wx');
  }
  let released = false;
  return {
    update: (holder) => write({ pid: process.pid, ...holder }, 'w'),
    release: () => {
      if (released) return;
      released = true;
      rmSync(path, { force: true });
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
