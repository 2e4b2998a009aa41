import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createFreshDatabase } from '../scripts/fresh-postgres-database.js';

// WORKERS=2: two gateway processes behind one port, agreeing on limits through Postgres and Redis.
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
if (process.env.CI === 'true' && (!databaseUrl || !redisUrl))
  throw new Error('CI must run the WORKERS suite, but DATABASE_URL or REDIS_URL is not set (see scripts/services.sh).');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

describe.skipIf(!databaseUrl || !redisUrl)('WORKERS=2', () => {
  it('serves on one port from two processes, holds a per-key limit across both, and stops them all on SIGTERM', async () => {
    const fresh = await createFreshDatabase(databaseUrl!, 'gatewayz_workers');
    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: fresh.url,
      REDIS_URL: redisUrl!,
      WORKERS: '2',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_KEY_RPM: '5',
    };
    const primary = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(primary);
    let output = '';
    primary.stdout!.on('data', (chunk) => (output += chunk));
    primary.stderr!.on('data', (chunk) => (output += chunk));
    const key = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no admin key printed:\n${output}`)), 60_000);
      primary.stdout!.on('data', () => {
        const match = /export GATEWAYZ_KEY=(\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const url = `http://127.0.0.1:${port}`;
    const health = async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.status;
    await expect.poll(health, { timeout: 60_000, interval: 250 }).toBe(200);
    // Both workers are up once each has been forked and has listened; the primary has two children.
    await expect
      .poll(
        () =>
          execFileSync('ps', ['--ppid', String(primary.pid), '-o', 'pid='])
            .toString()
            .trim()
            .split('\n')
            .filter(Boolean).length,
        { timeout: 30_000 },
      )
      .toBe(2);

    // New connections are handed to the workers in turn; the per-key limit of 5 a minute holds across both.
    const statuses: number[] = [];
    for (let request = 0; request < 9; request++) {
      const response = await fetch(`${url}/hf/tasks/text-generation`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ inputs: 'hello', parameters: { max_new_tokens: 5 } }),
      });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(4);

    primary.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => primary.once('exit', resolve));
    expect(code).toBe(0);
    await fresh.drop();
  }, 150_000);

  it('refuses several workers on the embedded database, which one process only may open', async () => {
    const env = { ...process.env, DATABASE_URL: '', WORKERS: '2', PORT: '0' };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stderr!.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('WORKERS needs DATABASE_URL');
  }, 60_000);
});
