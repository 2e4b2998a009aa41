import { randomUUID } from 'node:crypto';
import { buildApp } from '../src/app.js';
import { createApiKey } from '../src/auth/api-keys-repository.js';
import { setUnlimited } from '../src/billing/credits.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open-database.js';
import { createFreshDatabase } from './fresh-postgres-database.js';

/**
 * npm run measure:billing [-- --postgres]: what billing costs a caller, measured on a live app over
 * loopback with the simulator upstream: the HF billing callback for 10,000 ids, and the request
 * path with and without a credit reservation (an unlimited user skips it; a limited user reserves
 * and settles). Prints the figures; times nothing in the test suite.
 */
const postgres = process.argv.includes('--postgres');
const fresh = postgres ? await createFreshDatabase(process.env.DATABASE_URL!, 'gatewayz_measure') : undefined;
const database = await openDatabase(fresh ? { kind: 'postgres', url: fresh.url } : { kind: 'pglite', dataDir: undefined });
const app = await buildApp({ config: loadConfig({ CREDITS: 'enforce', LOG_LEVEL: 'silent', ...(fresh ? { DATABASE_URL: fresh.url } : {}) }), database });
await app.listen({ host: '127.0.0.1', port: 0 });
const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const db = app.gateway.db;
const unlimited = await createApiKey(db, { userId: 'ops', scopes: ['admin'] });
await setUnlimited(db, 'ops', true);
const limited = await createApiKey(db, { userId: 'paying', scopes: ['inference'] });
await app.gateway.credits.invalidate('paying');
await fetch(`${url}/admin/credits/grant`, {
  method: 'POST',
  headers: { authorization: `Bearer ${unlimited.key}`, 'content-type': 'application/json' },
  body: JSON.stringify({ user_id: 'paying', amount_nano_usd: 1_000_000_000_000 }),
});

const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 8 });
async function latencies(key: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`status ${response.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
await latencies(unlimited.key, 200); // warm up
const rounds: Record<string, number[]> = { unlimited: [], reserving: [] };
for (let round = 0; round < 3; round++) {
  rounds.unlimited!.push(...(await latencies(unlimited.key, 500)));
  rounds.reserving!.push(...(await latencies(limited.key, 500)));
}
for (const [name, times] of Object.entries(rounds)) {
  times.sort((a, b) => a - b);
  console.log(
    `${postgres ? 'postgres' : 'pglite'} c=1 ${name}: p50 ${percentile(times, 0.5).toFixed(3)} ms, p99 ${percentile(times, 0.99).toFixed(3)} ms (${times.length} requests)`,
  );
}

// The callback: 10,000 ids in one call, as HF sends them; half are known.
const rows = Array.from({ length: 5_000 }, () => ({
  request_id: randomUUID(),
  api_key_id: null,
  user_id: 'ops',
  task: 'conversational',
  model: 'gpt-4o-mini',
  provider: 'simulator',
  provider_model: 'gpt-4o-mini',
  input_tokens: 10,
  output_tokens: 5,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  images: 0,
  cost_nano_usd: 4500n,
  price_id: null,
  status: 'success' as const,
  http_status: 200,
  latency_ms: 1,
  raw_usage: null,
}));
for (let start = 0; start < rows.length; start += 1_000)
  await db
    .insertInto('usage')
    .values(rows.slice(start, start + 1_000))
    .execute();
const requestIds = [...rows.map((row) => row.request_id), ...Array.from({ length: 5_000 }, () => randomUUID())];
for (let attempt = 0; attempt < 3; attempt++) {
  const started = performance.now();
  const response = await fetch(`${url}/hf/billing/requests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${unlimited.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ requestIds }),
  });
  const answer = (await response.json()) as { requests: unknown[] };
  console.log(
    `${postgres ? 'postgres' : 'pglite'} billing callback, 10,000 ids (${answer.requests.length} known): ${(performance.now() - started).toFixed(0)} ms`,
  );
}
await app.close();
await fresh?.drop();
