import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLedger } from '../src/billing/audit.js';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

// Credits on a live gateway: reservation before forwarding, settlement in the ledger's commit,
// 402s that say what ran out, the cost header, grants through the admin API.
const chat = (maxTokens = 20) => ({ inputs: 'Tell me about credits', parameters: { max_new_tokens: maxTokens } });
const USD = 1_000_000_000;

describe.each(databaseKinds())('credits on %s', (kind) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(kind, { env: { CREDITS: 'enforce' }, simulator: { latencyMs: 150 } });
  });
  afterAll(() => gateway.close());

  const account = async (user: string) => (await (await gateway.request(`/admin/credits/${user}`, { key: gateway.adminKey })).json()) as Record<string, number>;
  const grant = (user: string, amount: number) =>
    gateway.request('/admin/credits/grant', { key: gateway.adminKey, body: { user_id: user, amount_nano_usd: amount, reason: 'test' } });

  it('refuses a user without credits with a 402 that says what ran out and by how much, forwarding nothing', async () => {
    const key = await gateway.createKey('carol', ['inference']);
    const before = gateway.simulator.requests;
    const response = await gateway.request('/hf/tasks/text-generation', { key, body: chat() });
    expect(response.status).toBe(402);
    expect(response.headers.get('inference-id')).toBeTruthy();
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error_type: 'InsufficientCredits', limit: 'balance', available_nano_usd: 0 });
    expect(body.required_nano_usd).toBeGreaterThan(0);
    expect(body.error).toContain('credit balance');
    expect(gateway.simulator.requests).toBe(before);
  });

  it('bills a granted user exactly: the cost header equals the row, the balance falls by it, nothing stays reserved', async () => {
    const key = await gateway.createKey('dave', ['inference', 'billing:read']);
    expect((await grant('dave', USD)).status).toBe(200);
    const response = await gateway.request('/hf/tasks/text-generation', { key, body: chat() });
    expect(response.status).toBe(200);
    const cost = Number(response.headers.get('x-gatewayz-cost-nano-usd'));
    expect(cost).toBeGreaterThan(0);
    const row = await gateway.database.db
      .selectFrom('usage')
      .select('cost_nano_usd')
      .where('request_id', '=', response.headers.get('inference-id')!)
      .executeTakeFirstOrThrow();
    expect(row.cost_nano_usd).toBe(BigInt(cost));
    expect(await account('dave')).toMatchObject({ balance_nano_usd: USD - cost, reserved_nano_usd: 0, available_nano_usd: USD - cost });
  });

  it('never overspends: 200 concurrent requests at a balance covering 10 bill exactly the admitted ones, and the balance stays >= 0', async () => {
    const key = await gateway.createKey('erin', ['inference']);
    // The reservation of one call is its bound at max_tokens; learn it from a 402 first.
    const probe = (await (await gateway.request('/hf/tasks/text-generation', { key, body: chat(50) })).json()) as { required_nano_usd: number };
    await grant('erin', probe.required_nano_usd * 10);
    const responses = await Promise.all(Array.from({ length: 200 }, () => gateway.request('/hf/tasks/text-generation', { key, body: chat(50) })));
    const statuses = responses.map((response) => response.status);
    const admitted = responses.filter((response) => response.status === 200);
    expect(statuses.every((status) => status === 200 || status === 402)).toBe(true);
    expect(admitted.length).toBeGreaterThanOrEqual(10);
    const billed = admitted.reduce((sum, response) => sum + Number(response.headers.get('x-gatewayz-cost-nano-usd')), 0);
    const rows = await gateway.database.db.selectFrom('usage').select(['cost_nano_usd', 'status']).where('user_id', '=', 'erin').execute();
    expect(rows.filter((row) => row.status === 'success')).toHaveLength(admitted.length);
    const after = await account('erin');
    expect(after.balance_nano_usd).toBe(probe.required_nano_usd * 10 - billed);
    expect(after.balance_nano_usd).toBeGreaterThanOrEqual(0);
    expect(after.reserved_nano_usd).toBe(0);
  });

  it("holds a key to its own daily spend limit, whatever its user's balance", async () => {
    await grant('frank', USD);
    const created = (await (
      await gateway.request('/admin/keys', { key: gateway.adminKey, body: { user_id: 'frank', scopes: ['inference'], spend_limit_daily_nano_usd: 1 } })
    ).json()) as { key: string; spend_limit_daily_nano_usd: number };
    expect(created.spend_limit_daily_nano_usd).toBe(1);
    const response = await gateway.request('/hf/tasks/text-generation', { key: created.key, body: chat() });
    expect(response.status).toBe(402);
    expect(await response.json()).toMatchObject({ limit: 'key_daily', available_nano_usd: 1 });
  });

  it("counts a key's spend in its total and daily counters, and releases every reservation from the counters that hold it", async () => {
    await grant('iris', USD);
    const created = (await (
      await gateway.request('/admin/keys', { key: gateway.adminKey, body: { user_id: 'iris', scopes: ['inference'], spend_limit_daily_nano_usd: USD } })
    ).json()) as { key: string; id: string };
    const responses = await Promise.all(Array.from({ length: 5 }, () => gateway.request('/hf/tasks/text-generation', { key: created.key, body: chat() })));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    const billed = responses.reduce((sum, response) => sum + BigInt(response.headers.get('x-gatewayz-cost-nano-usd')!), 0n);
    const counters = await gateway.database.db.selectFrom('key_spend').selectAll().where('api_key_id', '=', created.id).orderBy('period').execute();
    expect(counters.map((row) => [row.spent_nano_usd, row.reserved_nano_usd])).toEqual([
      [billed, 0n],
      [billed, 0n],
    ]);
  });

  it('reserves with max_tokens unset against DEFAULT_MAX_OUTPUT_TOKENS, and sends that bound upstream', async () => {
    const key = await gateway.createKey('gina', ['inference']);
    const response = await gateway.request('/hf/tasks/text-generation', { key, body: { inputs: 'hi' } });
    const needed = (await response.json()) as { required_nano_usd: number };
    const bounded = await gateway.request('/hf/tasks/text-generation', { key, body: { inputs: 'hi', parameters: { max_new_tokens: 10 } } });
    expect(((await bounded.json()) as { required_nano_usd: number }).required_nano_usd).toBeLessThan(needed.required_nano_usd);
  });

  it('keeps the first admin user out of it (unlimited), and lets an admin switch a user to unlimited', async () => {
    expect((await gateway.request('/admin/credits/carol/mode', { key: gateway.adminKey, body: { unlimited: true } })).status).toBe(200);
    const key = await gateway.createKey('carol', ['inference']);
    expect((await gateway.request('/hf/tasks/text-generation', { key, body: chat() })).status).toBe(200);
  });

  it('the audit finds every bill adds up, and finds a tampered row', async () => {
    expect(await auditLedger(gateway.database.db)).toMatchObject({
      ok: true,
      costMismatches: [],
      balanceMismatches: [],
      reservationMismatches: [],
      keySpendMismatches: [],
    });
    const row = await gateway.database.db.selectFrom('usage').select('request_id').where('status', '=', 'success').limit(1).executeTakeFirstOrThrow();
    await gateway.database.db.updateTable('usage').set({ cost_nano_usd: 1n }).where('request_id', '=', row.request_id).execute();
    const report = await auditLedger(gateway.database.db);
    expect(report.ok).toBe(false);
    expect(report.costMismatches.map((mismatch) => mismatch.requestId)).toEqual([row.request_id]);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('credits across two gateways on one Postgres', () => {
  it('never overspends when 200 concurrent requests alternate between the two', async () => {
    const { createFreshDatabase } = await import('../scripts/fresh-postgres-database.js');
    const fresh = await createFreshDatabase(process.env.DATABASE_URL!, 'gatewayz_credits');
    const gateways = await Promise.all(
      [0, 1].map(() => startTestGateway('postgres', { databaseUrl: fresh.url, env: { CREDITS: 'enforce' }, simulator: { latencyMs: 150 } })),
    );
    try {
      const [a, b] = gateways as [TestGateway, TestGateway];
      const key = await a.createKey('hana', ['inference']);
      const probe = (await (await a.request('/hf/tasks/text-generation', { key, body: chat(50) })).json()) as { required_nano_usd: number };
      await a.request('/admin/credits/grant', { key: a.adminKey, body: { user_id: 'hana', amount_nano_usd: probe.required_nano_usd * 10 } });
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, index) => (index % 2 ? b : a).request('/hf/tasks/text-generation', { key, body: chat(50) })),
      );
      const admitted = responses.filter((response) => response.status === 200);
      expect(responses.every((response) => response.status === 200 || response.status === 402)).toBe(true);
      expect(admitted.length).toBeGreaterThanOrEqual(10);
      const billed = admitted.reduce((sum, response) => sum + Number(response.headers.get('x-gatewayz-cost-nano-usd')), 0);
      const account = (await (await b.request('/admin/credits/hana', { key: b.adminKey })).json()) as Record<string, number>;
      expect(account.balance_nano_usd).toBe(probe.required_nano_usd * 10 - billed);
      expect(account.balance_nano_usd).toBeGreaterThanOrEqual(0);
      expect(account.reserved_nano_usd).toBe(0);
      const rows = await a.database.db.selectFrom('usage').select('status').where('user_id', '=', 'hana').where('status', '=', 'success').execute();
      expect(rows).toHaveLength(admitted.length);
    } finally {
      await Promise.all(gateways.map((gateway) => gateway.close()));
      await fresh.drop();
    }
  }, 90_000);
});
