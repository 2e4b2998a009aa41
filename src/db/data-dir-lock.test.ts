import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, DataDirLockedError, lockPath, readLock } from './data-dir-lock.js';

describe('the data folder lock', () => {
  const folders: string[] = [];
  const folder = () => {
    const path = mkdtempSync(join(tmpdir(), 'gatewayz-lock-'));
    folders.push(path);
    return path;
  };
  afterEach(() => folders.splice(0).forEach((path) => rmSync(path, { recursive: true, force: true })));

  it('is held by one process at a time, readable by others, and private', () => {
    const dataDir = folder();
    const lock = acquireLock(dataDir);
    lock.update({ url: 'http://127.0.0.1:9', controlToken: 'secret' });
    expect(readLock(dataDir)).toEqual({ pid: process.pid, url: 'http://127.0.0.1:9', controlToken: 'secret' });
    expect(statSync(lockPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(() => acquireLock(dataDir)).toThrow(DataDirLockedError);
    lock.release();
    expect(readLock(dataDir)).toBeUndefined();
    acquireLock(dataDir).release();
  });

  it('takes over a lock whose process is gone', () => {
    const dataDir = folder();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(lockPath(dataDir), JSON.stringify({ pid: Number(dead) }));
    expect(readLock(dataDir)).toBeUndefined();
    const lock = acquireLock(dataDir);
    expect(readLock(dataDir)?.pid).toBe(process.pid);
    lock.release();
  });
});
