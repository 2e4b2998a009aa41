import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulatorServer, type SimulatorServer } from '../src/simulator/server.js';
import { databaseKinds } from './support/databases.js';
import { readEvents, startTestGateway, type TestGateway } from './support/test-gateway.js';

/**
 * Retries, fallbacks and circuit breakers, against two real provider adapters (OpenRouter's and
 * OpenAI's) each pointed at its own simulator; both serve gpt-4o-mini, OpenRouter first.
 */
describe.each(databaseKinds())('routing on %s', (kind) => {
  let openrouter: SimulatorServer;
  let openai: SimulatorServer;
  let gateway: TestGateway;
  const start = async (env: Record<string, string> = {}) => {
    gateway = await startTestGateway(kind, {
      simulatorAdapter: false,
      env: { OPENROUTER_API_KEY: 'sk-or', OPENROUTER_BASE_URL: openrouter.url, OPENAI_API_KEY: 'sk-oa', OPENAI_BASE_URL: openai.url, ...env },
    });
  };
  beforeEach(async () => {
    openrouter = await createSimulatorServer({ apiKey: 'sk-or' });
    openai = await createSimulatorServer({ apiKey: 'sk-oa' });
  });
  afterEach(async () => {
    await gateway.close();
    await Promise.all([openrouter.close(), openai.close()]);
  });

  const generate = async (model = 'gpt-4o-mini', extra: Record<string, unknown> = {}) => {
    const response = await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'Hi', parameters: { model, max_tokens: 3 }, ...extra } });
    const row = await gateway.database.db.selectFrom('usage').selectAll().where('request_id', '=', response.headers.get('inference-id')!).executeTakeFirst();
    return { response, provider: row?.provider };
  };

  it('retries a 5xx on the same provider, then succeeds there', async () => {
    await start();
    openrouter.planFaults([{ 'x-simulator-status': '503' }]);
    const { response, provider } = await generate();
    expect(response.status).toBe(200);
    expect(provider).toBe('openrouter');
    expect(openrouter.requests).toBe(2);
    expect(openai.requests).toBe(0);
  });

  it("honours a 429's Retry-After before retrying", async () => {
    await start();
    openrouter.planFaults([{ 'x-simulator-status': '429', 'x-simulator-retry-after': '1' }]);
    const started = Date.now();
    const { response, provider } = await generate();
    expect(response.status).toBe(200);
    expect(provider).toBe('openrouter');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('falls back to the next provider when the wait would be too long, and when retries run out', async () => {
    await start({ RETRY_MAX_WAIT_MS: '500' });
    openrouter.planFaults([{ 'x-simulator-status': '429', 'x-simulator-retry-after': '60' }]);
    const first = await generate();
    expect(first.provider).toBe('openai');
    openrouter.planFaults([{ 'x-simulator-status': '500' }, { 'x-simulator-status': '502' }]);
    const second = await generate();
    expect(second.provider).toBe('openai');
  });

  it('returns a non-retryable 400 at once, without trying another provider', async () => {
    await start();
    openrouter.planFaults([{ 'x-simulator-status': '400' }]);
    const { response } = await generate();
    expect(response.status).toBe(400);
    expect(openai.requests).toBe(0);
  });

  it('falls over a stream whose first token is too slow, before anything reached the client', async () => {
    await start({ UPSTREAM_FIRST_TOKEN_TIMEOUT_MS: '300' });
    openrouter.planFaults([{ 'x-simulator-latency-ms': '3000' }]);
    const response = await gateway.request('/hf/tasks/text-generation', {
      body: { inputs: 'Hi', stream: true, parameters: { model: 'gpt-4o-mini:fastest', max_tokens: 3 } },
    });
    expect(response.status).toBe(200);
    expect((await readEvents(response)).at(-1)).toBe('[DONE]');
    const row = await gateway.database.db
      .selectFrom('usage')
      .select('provider')
      .where('request_id', '=', response.headers.get('inference-id')!)
      .executeTakeFirstOrThrow();
    expect(row.provider).toBe('openai');
  });

  it('opens the circuits when every provider fails, fails fast meanwhile, and recovers', async () => {
    await start({ CIRCUIT_FAILURE_THRESHOLD: '2', CIRCUIT_COOLDOWN_MS: '400', RETRY_ATTEMPTS_PER_PROVIDER: '2' });
    const down = Array.from({ length: 2 }, () => ({ 'x-simulator-status': '500' }));
    openrouter.planFaults(down);
    openai.planFaults(down);
    const failed = await generate();
    expect(failed.response.status).toBe(502);
    expect(await failed.response.json()).toMatchObject({ error_type: 'UpstreamError' });
    const health = (await (await gateway.request('/health', { key: null })).json()) as { provider_status: Record<string, string> };
    expect(health.provider_status).toMatchObject({ openrouter: 'down', openai: 'down' });

    const before = openrouter.requests + openai.requests;
    const fast = await generate();
    expect(fast.response.status).toBe(502);
    expect(openrouter.requests + openai.requests).toBe(before); // no upstream call while open

    await new Promise((resolve) => setTimeout(resolve, 450));
    const recovered = await generate();
    expect(recovered.response.status).toBe(200);
    const healed = (await (await gateway.request('/health', { key: null })).json()) as { provider_status: Record<string, string> };
    expect(healed.provider_status[recovered.provider!]).toBe('healthy');
  });

  it('pins a provider with :<provider>, and keeps colons that are not a policy in the model id', async () => {
    await start();
    expect((await generate('gpt-4o-mini:openai')).provider).toBe('openai');
    expect((await generate('gpt-4o-mini:cheapest')).response.status).toBe(200);
    expect((await generate('gpt-4o-mini:no-such-policy')).response.status).toBe(404);
  });
});
