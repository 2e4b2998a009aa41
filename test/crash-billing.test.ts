import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFreshDatabase } from '../scripts/fresh-postgres-database.js';
import { databaseKinds } from './support/databases.js';
import { exited, startGatewayProcess } from './support/gateway-process.js';

// kill -9 under load, then a restart on the same database: every Inference-Id the client got with a
// 2xx is in the ledger once with its cost, no reservation is stuck, and every balance adds up.
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

const call = (url: string, key: string, path: string, body?: unknown) =>
  fetch(url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe.each(databaseKinds())('a gateway killed under load on %s', (kind) => {
  it('loses no served request, leaves no reservation stuck, and its balances add up after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gatewayz-crash-'));
    const fresh = kind === 'postgres' ? await createFreshDatabase(process.env.DATABASE_URL!, 'gatewayz_crash') : undefined;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      CREDITS: 'enforce',
      SIMULATOR_LATENCY_MS: '40',
      INSTANCE_HEARTBEAT_MS: '300',
      DATABASE_URL: fresh?.url ?? '',
    };
    if (!fresh) delete env.DATABASE_URL;
    try {
      const first = await startGatewayProcess(env, children);
      const adminKey = /export GATEWAYZ_KEY=(\S+)/.exec(first.output())![1]!;
      const created = (await (await call(first.url, adminKey, '/admin/keys', { user_id: 'crash', scopes: ['inference'] })).json()) as { key: string };
      expect((await call(first.url, adminKey, '/admin/credits/grant', { user_id: 'crash', amount_nano_usd: 1_000_000_000 })).status).toBe(200);

      const served: string[] = [];
      let killed = false;
      const worker = async () => {
        while (!killed) {
          try {
            const response = await call(first.url, created.key, '/hf/tasks/text-generation', { inputs: 'crash test', parameters: { max_new_tokens: 8 } });
            await response.arrayBuffer();
            if (response.status === 200) served.push(response.headers.get('inference-id')!);
          } catch {
            return; // the process died under this request
          }
        }
      };
      const load = Promise.all(Array.from({ length: 8 }, worker));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      killed = true;
      first.process.kill('SIGKILL');
      await load;
      await exited(first.process);
      expect(served.length).toBeGreaterThan(10);

      const second = await startGatewayProcess(env, children);
      // Every 2xx is billed, once, with its cost: the billing callback answers each id.
      const billed = (await (await call(second.url, adminKey, '/hf/billing/requests', { requestIds: served })).json()) as {
        requests: { requestId: string; costNanoUsd: number }[];
      };
      expect(new Set(billed.requests.map((entry) => entry.requestId))).toEqual(new Set(served));
      expect(billed.requests.every((entry) => entry.costNanoUsd > 0)).toBe(true);
      // The dead instance's reservations are released (at start on PGlite; after its missed heartbeats on Postgres).
      await expect
        .poll(async () => ((await (await call(second.url, adminKey, '/admin/credits/crash')).json()) as { reserved_nano_usd: number }).reserved_nano_usd, {
          timeout: 10_000,
        })
        .toBe(0);
      const audit = (await (await call(second.url, adminKey, '/admin/audit')).json()) as { ok: boolean; rowsChecked: number };
      expect(audit).toMatchObject({ ok: true });
      expect(audit.rowsChecked).toBeGreaterThanOrEqual(served.length);
      second.process.kill('SIGTERM');
      await exited(second.process);
    } finally {
      await fresh?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
