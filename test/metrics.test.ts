import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents, startTestGateway, type TestGateway } from './support/test-gateway.js';

describe('GET /metrics', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway('pglite');
  });
  afterAll(() => gateway.close());

  it('counts requests (streams included), upstream attempts, ledger rows and circuit states, without keys or prompts', async () => {
    await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'a secret prompt', parameters: { max_tokens: 2 } } });
    await readEvents(await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'Hi', stream: true, parameters: { max_tokens: 2 } } }));
    await gateway.request('/nowhere');
    const response = await gateway.request('/metrics', { key: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1]);
    expect(value(/gatewayz_requests_total\{route="\/hf\/tasks\/text-generation",method="POST",status="200"\} (\d+)/)).toBe(2);
    expect(value(/gatewayz_requests_total\{route="unmatched",method="GET",status="404"\} (\d+)/)).toBe(1);
    expect(value(/gatewayz_upstream_attempts_total\{provider="simulator",outcome="success"\} (\d+)/)).toBe(2);
    expect(value(/gatewayz_ledger_committed_rows (\d+)/)).toBe(2);
    expect(value(/gatewayz_ledger_flush_rows_sum (\d+)/)).toBe(2);
    expect(value(/gatewayz_ledger_flush_duration_seconds_count (\d+)/)).toBeGreaterThanOrEqual(1);
    expect(value(/gatewayz_provider_circuit_state\{provider="simulator"\} (\d+)/)).toBe(0);
    expect(text).toContain('gatewayz_request_duration_seconds_bucket');
    expect(text).not.toContain('secret prompt');
    expect(text).not.toContain(gateway.userKey);
  });
});
