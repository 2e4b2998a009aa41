import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, DataDirLockedError, lockPath, processStartTime, readLock } from './data-dir-lock.js';

describe('the data folder lock', () => {
  const folders: string[] = [];
  const children: ChildProcess[] = [];
  const folder = () => {
    const path = mkdtempSync(join(tmpdir(), 'gatewayz-lock-'));
    folders.push(path);
    return path;
  };
  afterEach(() => {
    children.splice(0).forEach((child) => child.kill('SIGKILL'));
    folders.splice(0).forEach((path) => rmSync(path, { recursive: true, force: true }));
  });

  it('is held by one process at a time, readable by others, and private', () => {
    const dataDir = folder();
    const lock = acquireLock(dataDir);
    lock.update({ url: 'http://127.0.0.1:9', controlToken: 'secret' });
    expect(readLock(dataDir)).toEqual({
      pid: process.pid,
      startTime: processStartTime(process.pid),
      token: expect.any(String),
      url: 'http://127.0.0.1:9',
      controlToken: 'secret',
    });
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

  it('takes over a lock naming our own PID with another token (a container restarted as PID 1 after kill -9)', () => {
    const dataDir = folder();
    const leftBehind = { pid: process.pid, startTime: procStartTime(process.pid), token: 'previous-run', url: 'http://127.0.0.1:9' };
    writeFileSync(lockPath(dataDir), JSON.stringify(leftBehind), { mode: 0o600 });
    expect(readLock(dataDir)).toBeUndefined();
    const lock = acquireLock(dataDir);
    expect(readLock(dataDir)).toMatchObject({ pid: process.pid, token: expect.not.stringMatching(/^previous-run$/) });
    lock.release();
  });

  it('takes over a lock whose PID now belongs to an unrelated process (start time differs)', async () => {
    const dataDir = folder();
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    children.push(sleeper);
    await once(sleeper, 'spawn');
    const startTime = procStartTime(sleeper.pid!);
    expect(startTime).toMatch(/^\d+$/);
    writeFileSync(lockPath(dataDir), JSON.stringify({ pid: sleeper.pid, startTime: String(Number(startTime) - 1), token: 'x' }));
    expect(readLock(dataDir)).toBeUndefined();
    acquireLock(dataDir).release();
  });

  it('still refuses while another live gateway process holds it', async () => {
    const dataDir = folder();
    const script = [
      `import { acquireLock } from ${JSON.stringify(new URL('./data-dir-lock.ts', import.meta.url).pathname)};`,
      `acquireLock(${JSON.stringify(dataDir)}).update({ url: 'http://127.0.0.1:1' });`,
      `process.stdout.write('held\\n'); setInterval(() => {}, 1000);`,
    ].join('\n');
    const holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(holder);
    const [chunk] = (await once(holder.stdout!, 'data')) as [Buffer];
    expect(chunk.toString()).toBe('held\n');
    expect(readLock(dataDir)).toMatchObject({ pid: holder.pid, url: 'http://127.0.0.1:1' });
    expect(() => acquireLock(dataDir)).toThrow(DataDirLockedError);
  });
});

/** Read independently of the code under test, so the test also checks its parsing. */
function procStartTime(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}
