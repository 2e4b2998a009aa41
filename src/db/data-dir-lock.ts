import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite has no lock of its own: two processes on one folder silently lose rows and corrupt
 * indexes. The process that opens the folder holds this file (created exclusively); others read
 * it to find that process's admin address instead of opening the folder themselves.
 *
 * A PID alone does not identify the holder: in a container the gateway is PID 1 after every
 * restart, and PIDs are reused. So the file also names the process's start time and a random
 * token, and a lock counts as held only while all of them still describe one live process.
 */
export interface LockHolder {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot); absent where there is no /proc. */
  startTime?: string;
  /** Random per acquisition: tells this process's own lock from one a previous PID 1 left behind. */
  token?: string;
  /** Base URL of the holder's HTTP server, set once it listens. */
  url?: string;
  /** Secret that lets local tools (npm run keys) use the holder's admin API; the file is 0600. */
  controlToken?: string;
}

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${holder.pid}. PGlite cannot be opened by two processes ` +
        `(it would corrupt data). Stop that process, use another DATA_DIR, or set DATABASE_URL to a Postgres server.`,
    );
  }
}

export function lockPath(dataDir: string): string {
  return join(dataDir, 'gateway.lock');
}

/** Tokens of the locks this process holds now; a lock naming our PID with another token is stale. */
const ownTokens = new Set<string>();

/** The holder, if the lock file describes a live process; undefined if there is none or it is stale. */
export function readLock(dataDir: string): LockHolder | undefined {
  let holder: LockHolder;
  try {
    holder = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
  return isHeld(holder) ? holder : undefined;
}

function isHeld(holder: LockHolder): boolean {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return false;
  if (holder.pid === process.pid) return holder.token !== undefined && ownTokens.has(holder.token);
  if (!isAlive(holder.pid)) return false;
  const startTime = processStartTime(holder.pid);
  // Without /proc (macOS), or a lock written before start times were recorded, a live PID is all
  // we can check; refusing then is the safe side (a wrong takeover corrupts data).
  return startTime === undefined || holder.startTime === undefined || startTime === holder.startTime;
}

export interface DataDirLock {
  update(holder: Omit<LockHolder, 'pid' | 'startTime' | 'token'>): void;
  release(): void;
}

export function acquireLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = lockPath(dataDir);
  const token = randomBytes(16).toString('base64url');
  const startTime = processStartTime(process.pid);
  const identity: LockHolder = { pid: process.pid, ...(startTime === undefined ? {} : { startTime }), token };
  const write = (holder: LockHolder, flag: 'wx' | 'w') => writeFileSync(path, JSON.stringify(holder), { flag, mode: 0o600 });
  try {
    write(identity, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = readLock(dataDir);
    if (holder) throw new DataDirLockedError(dataDir, holder);
    rmSync(path, { force: true }); // stale: its process is gone, or the PID now belongs to another process
    write(identity, 'wx');
  }
  ownTokens.add(token);
  let released = false;
  return {
    update: (holder) => write({ ...identity, ...holder }, 'w'),
    release: () => {
      if (released) return;
      released = true;
      ownTokens.delete(token);
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

/** Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses, so count from its last ')'. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
