import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open-database.js';
import { DatabaseUnreachableError, waitForDatabase } from '../src/db/wait-for-database.js';
import { createTcpProxy, freePort, throughProxy } from './support/tcp-proxy.js';

describe('waiting for the database at startup', () => {
  it('retries with growing delays, then gives up after the bound with a clear message', async () => {
    const port = await freePort();
    const database = await openDatabase({ kind: 'postgres', url: `postgres://postgres:hunter2@127.0.0.1:${port}/gatewayz` }, { onConnectionError: () => {} });
    const lines: string[] = [];
    const startedAt = Date.now();
    try {
      const waited = waitForDatabase(database.db, { timeoutMs: 1_500, firstDelayMs: 100, log: (line) => lines.push(line) });
      await expect(waited).rejects.toThrow(DatabaseUnreachableError);
      await expect(waited).rejects.toThrow(/Database not reachable after \d+ attempts in 2 s \(ECONNREFUSED/);
    } finally {
      await database.close();
    }
    const elapsed = Date.now() - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(1_400);
    expect(elapsed).toBeLessThan(4_000);
    expect(lines.slice(0, 3)).toEqual([
      expect.stringMatching(/^database not reachable, retrying in 0\.1s /),
      expect.stringMatching(/^database not reachable, retrying in 0\.2s /),
      expect.stringMatching(/^database not reachable, retrying in 0\.4s /),
    ]);
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it.runIf(process.env.DATABASE_URL)('connects once a late server comes up', async () => {
    const server = new URL(process.env.DATABASE_URL!);
    const proxy = await createTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    const database = await openDatabase({ kind: 'postgres', url: throughProxy(process.env.DATABASE_URL!, proxy) }, { onConnectionError: () => {} });
    const lines: string[] = [];
    const late = setTimeout(() => void proxy.listen(), 700);
    try {
      await waitForDatabase(database.db, { timeoutMs: 10_000, firstDelayMs: 100, log: (line) => lines.push(line) });
      expect(lines.length).toBeGreaterThanOrEqual(2);
    } finally {
      clearTimeout(late);
      await database.close();
      await proxy.close();
    }
  });
});

describe('a gateway started while its database is down', () => {
  it('logs each retry, then exits non-zero with a clear message after DATABASE_CONNECT_TIMEOUT_MS', async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: `postgres://postgres:hunter2@127.0.0.1:${port}/gatewayz`,
      DATABASE_CONNECT_TIMEOUT_MS: '1500',
      PORT: '0',
      LOG_LEVEL: 'warn',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    // The retries are log lines (JSON, at warn); the final word is the process's own line on stderr.
    expect(output).toMatch(/"msg":"database not reachable, retrying in 0\.25s/);
    expect(output).toMatch(/gatewayz: Database not reachable after \d+ attempts in 2 s/);
    expect(output).not.toContain('Database migration failed');
    expect(output).not.toContain('hunter2');
    expect(output).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
