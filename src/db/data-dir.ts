import { chmodSync, mkdirSync, statSync } from 'node:fs';

/**
 * The data folder holds every API key hash, the ledger and the lock file's control token, and
 * PGlite writes its files 0644 in 0755 folders. So the folder itself is 0700: nothing inside is
 * reachable by another user, whatever modes PGlite picks. Call before anything opens it.
 */
export function secureDataDir(dataDir: string, log: (message: string) => void): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const mode = statSync(dataDir).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  chmodSync(dataDir, 0o700);
  log(`data folder ${dataDir} was mode ${mode.toString(8).padStart(4, '0')}; changed it to 0700 so other users cannot read it`);
}
