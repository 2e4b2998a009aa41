import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, uuidPattern, type TestGateway } from './support/test-gateway.js';

describe('billing/cost near the largest exact JSON number', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway('pglite');
  });
  afterAll(() => gateway.close());

  // 1e9 input + 1e9 output gpt-4o tokens cost 12,500,000,000,000 nano-USD: 720 of them fit under 2^53, 721 do not.
  const items = (count: number) => ({
    requests: Array.from({ length: count }, () => ({ task: 'conversational', model: 'gpt-4o', input_tokens: 1_000_000_000, output_tokens: 1_000_000_000 })),
  });

  it('sums exactly up to the limit', async () => {
    const response = await gateway.request('/hf/tasks/billing/cost', { body: items(720) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { total_cost_nano_usd: number }).total_cost_nano_usd).toBe(9_000_000_000_000_000);
  });

  it('400s a total a JSON number cannot hold exactly, naming the limit', async () => {
    const response = await gateway.request('/hf/tasks/billing/cost', { body: items(721) });
    expect(response.status).toBe(400);
    expect(response.headers.get('inference-id')).toMatch(uuidPattern);
    expect(await response.json()).toEqual({
      error: expect.stringContaining('Total cost too large'),
      error_type: 'InvalidRequest',
      message: expect.stringContaining(String(Number.MAX_SAFE_INTEGER)),
    });
  });
});
