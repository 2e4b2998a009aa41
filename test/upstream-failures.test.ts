import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { readEvents, startTestGateway, uuidPattern, type TestGateway } from './support/test-gateway.js';

/** Upstream failures as clients see them: translated statuses, the error format, and honest ledger rows. */
describe.each(databaseKinds())('upstream failures on %s', (kind) => {
  let gateway: TestGateway | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  const lastRow = (requestId: string) => gateway!.database.db.selectFrom('usage').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();

  it.each([
    [{ 'x-simulator-status': '500' }, 502, 'UpstreamError'],
    [{ 'x-simulator-status': '400' }, 400, 'InvalidRequest'],
    [{ 'x-simulator-status': '401' }, 502, 'UpstreamError'],
    [{ 'x-simulator-status': '429', 'x-simulator-retry-after': '7' }, 429, 'RateLimited'],
    [{ 'x-simulator-fail': 'malformed-json' }, 502, 'UpstreamError'],
    [{ 'x-simulator-fail': 'reset' }, 502, 'UpstreamError'],
  ])('upstream %j -> %i %s, recorded as an error row costing nothing', async (headers, status, errorType) => {
    gateway = await startTestGateway(kind, { simulatorHeaders: headers });
    const response = await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'Hi' } });
    expect(response.status).toBe(status);
    const inferenceId = response.headers.get('inference-id')!;
    expect(inferenceId).toMatch(uuidPattern);
    const body = (await response.json()) as Record<string, string>;
    expect(body).toEqual({ error: expect.any(String), error_type: errorType, message: expect.any(String) });
    if (status === 429) expect(response.headers.get('retry-after')).toBe('7');
    expect(await lastRow(inferenceId)).toMatchObject({ status: 'error', cost_nano_usd: 0n, http_status: status });
  });

  it('504s when the upstream does not answer within UPSTREAM_TIMEOUT_MS', async () => {
    gateway = await startTestGateway(kind, { env: { UPSTREAM_TIMEOUT_MS: '200' }, simulatorHeaders: { 'x-simulator-latency-ms': '2000' } });
    const response = await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'Hi' } });
    expect(response.status).toBe(504);
    expect(((await response.json()) as { error_type: string }).error_type).toBe('UpstreamTimeout');
  });

  it('a stream cut mid-way ends with an error event and is billed for what was delivered', async () => {
    gateway = await startTestGateway(kind, { simulatorHeaders: { 'x-simulator-fail': 'reset-mid-stream' } });
    const response = await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'Hi', stream: true } });
    expect(response.status).toBe(200);
    const events = (await readEvents(response)) as Record<string, unknown>[];
    const tokens = events.filter((event) => typeof event === 'object' && 'token' in event);
    expect(tokens.length).toBeGreaterThan(0);
    // One rule for every surface (event-stream.ts): the error event is the last, without [DONE].
    expect(events).not.toContain('[DONE]');
    expect(events.at(-1)).toMatchObject({ error_type: 'UpstreamError' });
    const row = await lastRow(response.headers.get('inference-id')!);
    expect(row.status).toBe('partial');
    expect(row.output_tokens).toBeGreaterThan(0);
    expect(row.cost_nano_usd).toBeGreaterThan(0n);
    expect(row.raw_usage).toEqual({ estimated: true });
  });

  it('a malformed SSE chunk mid-stream ends the stream with a clean error event, billed for what was delivered', async () => {
    gateway = await startTestGateway(kind, { simulatorHeaders: { 'x-simulator-fail': 'malformed-sse' } });
    const response = await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'Hi', stream: true } });
    const events = (await readEvents(response)) as Record<string, unknown>[];
    expect(events.at(-1)).toMatchObject({ error_type: 'UpstreamError', error: expect.stringContaining('Invalid upstream response') });
    const row = await lastRow(response.headers.get('inference-id')!);
    expect(row.status).toBe('partial');
  });

  it('a client that disconnects mid-stream still gets its partial usage recorded', async () => {
    gateway = await startTestGateway(kind, { simulatorHeaders: { 'x-simulator-chunk-delay-ms': '50' } });
    const controller = new AbortController();
    const response = await fetch(`${gateway.url}/hf/tasks/text-generation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.userKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: 'Hi', stream: true }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    const inferenceId = response.headers.get('inference-id')!;
    controller.abort();
    await reader.cancel().catch(() => {});
    await expect
      .poll(async () => (await gateway!.database.db.selectFrom('usage').select('status').where('request_id', '=', inferenceId).executeTakeFirst())?.status, {
        timeout: 5_000,
      })
      .toBe('partial');
  });

  it('serves through the OpenRouter adapter when OPENROUTER_API_KEY is set (the simulator speaking its wire format)', async () => {
    gateway = await startTestGateway(kind, {
      simulatorAdapter: false,
      simulator: { apiKey: 'sk-or-test' },
      env: { OPENROUTER_API_KEY: 'sk-or-test', OPENROUTER_BASE_URL: 'http://placeholder/v1' },
    });
    // The base URL is only known once the simulator listens; rebuild with it.
    await gateway.close();
    gateway = await startTestGatewayWithOpenRouter(kind);
    const response = await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'Hi', parameters: { model: 'gpt-4o-mini', max_tokens: 4 } } });
    expect(response.status).toBe(200);
    const row = await lastRow(response.headers.get('inference-id')!);
    expect(row).toMatchObject({ provider: 'openrouter', provider_model: 'openai/gpt-4o-mini', model: 'gpt-4o-mini', output_tokens: 4 });
    const health = (await (await gateway.request('/health', { key: null })).json()) as { provider_status: Record<string, string> };
    expect(health.provider_status).toMatchObject({ openrouter: 'healthy', anthropic: 'unconfigured' });
    expect(health.provider_status.simulator).toBeUndefined();
  });
});

async function startTestGatewayWithOpenRouter(kind: Parameters<typeof startTestGateway>[0]): Promise<TestGateway> {
  const { createSimulatorServer } = await import('../src/simulator/server.js');
  const upstream = await createSimulatorServer({ apiKey: 'sk-or-test' });
  const gateway = await startTestGateway(kind, { simulatorAdapter: false, env: { OPENROUTER_API_KEY: 'sk-or-test', OPENROUTER_BASE_URL: upstream.url } });
  const close = gateway.close;
  return {
    ...gateway,
    close: async () => {
      await close();
      await upstream.close();
    },
  };
}
