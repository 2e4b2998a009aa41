import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startGatewayProcess } from './support/gateway-process.js';

/**
 * The gateway as a user runs it: its own process on the embedded database, the printed admin
 * key, `npm run keys` while it runs, a second gateway refused, and SIGTERM finishing in-flight
 * work with its ledger rows kept across a restart.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'gatewayz-e2e-'));
const environment = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SIMULATOR_LATENCY_MS: '400', DATABASE_URL: '' };
delete (environment as Record<string, string | undefined>).DATABASE_URL;
const running: ChildProcess[] = [];

function run(command: string[], env = environment): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  return child;
}

const startGateway = () => startGatewayProcess(environment, running);

async function finished(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

const post = (url: string, key: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the gateway process on the embedded database', () => {
  let adminKey = '';
  let inFlightId = '';

  it('prints an admin key once on first start, and serves with it', async () => {
    const gateway = await startGateway();
    adminKey = /gw_live_[A-Za-z0-9_-]{43}/.exec(gateway.output())![0];
    expect(gateway.output()).toContain('SIMULATOR MODE');
    const response = await post(`${gateway.url}/hf/tasks/text-generation`, adminKey, { inputs: 'Hello' });
    expect(response.status).toBe(200);

    // npm run keys talks to the running gateway; it never opens the PGlite folder itself.
    const created = await finished(run(['scripts/keys.ts', 'create', '--user', 'carol', '--scopes', 'inference']));
    expect(created.code).toBe(0);
    const carolKey = /gw_live_[A-Za-z0-9_-]{43}/.exec(created.output)![0];
    // Credits are enforced: a new user has none until granted, with `npm run credits` while the gateway runs.
    expect((await post(`${gateway.url}/hf/tasks/text-generation`, carolKey, { inputs: 'Hi' })).status).toBe(402);
    const granted = await finished(run(['scripts/credits.ts', 'grant', '--user', 'carol', '--usd', '0.5']));
    expect(granted.code).toBe(0);
    expect(granted.output).toContain('carol: balance 0.500000000 USD');
    expect((await post(`${gateway.url}/hf/tasks/text-generation`, carolKey, { inputs: 'Hi' })).status).toBe(200);
    const shown = await finished(run(['scripts/credits.ts', 'show', '--user', 'carol']));
    expect(shown.output).toMatch(/carol: balance 0\.4\d{8} USD, reserved 0\.000000000 USD/);
    const listed = await finished(run(['scripts/keys.ts', 'list', '--user', 'carol']));
    expect(listed.output).toContain('carol');
    expect(listed.output).not.toContain(carolKey);

    // A second gateway on the same folder refuses, naming the problem; the first keeps serving.
    const second = await finished(run(['src/server.ts']));
    expect(second.code).toBe(1);
    expect(second.output).toContain('is in use by process');
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);

    // SIGTERM while a request waits on the upstream: it completes, and its row is committed.
    const inFlight = post(`${gateway.url}/hf/tasks/text-generation`, adminKey, { inputs: 'Finish me' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const exited = finished(gateway.process);
    gateway.process.kill('SIGTERM');
    const response2 = await inFlight;
    expect(response2.status).toBe(200);
    inFlightId = response2.headers.get('inference-id')!;
    expect((await exited).code).toBe(0);
  }, 120_000);

  it('restarts on the same data without a new admin key, with every committed row kept', async () => {
    const gateway = await startGateway();
    expect(gateway.output()).not.toContain('First start');
    const usage = (await (await fetch(`${gateway.url}/hf/tasks/billing/usage?limit=10`, { headers: { authorization: `Bearer ${adminKey}` } })).json()) as {
      records: { request_id: string }[];
      total_records: number;
    };
    expect(usage.total_records).toBe(3);
    expect(usage.records.map((record) => record.request_id)).toContain(inFlightId);
    gateway.process.kill('SIGTERM');
    expect((await finished(gateway.process)).code).toBe(0);
  }, 60_000);
});
