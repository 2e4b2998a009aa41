import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, InsufficientCreditsError, RateLimitError } from '../src/index.js';

/**
 * 402 and 429 against a real HTTP server on 127.0.0.1 that answers exactly the documented shapes
 * (the lead's shared contract: headers and `{error, error_type, message, ...facts}` bodies). It is
 * a faithful fake of the documented wire contract, not of this client; it stands in for the
 * gateway until its credits and rate limits land on main, when these cases can move to the
 * live-gateway suite.
 */
describe('gatewayz-js-hf and the documented 402 / 429 responses', () => {
  let server: Server;
  let baseUrl: string;
  const seen: { path: string; at: number }[] = [];
  let limitedOnce = false;
  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push({ path: request.url ?? '', at: Date.now() });
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', 'inference-id': '00000000-0000-4000-8000-000000000001', ...headers });
        response.end(JSON.stringify(body));
      };
      if (request.url === '/hf/tasks/summarization') {
        return send(402, {
          error: 'Insufficient credits',
          error_type: 'InsufficientCredits',
          message: 'The balance cannot cover this call',
          limit: 'balance',
          available_nano_usd: 1000,
          required_nano_usd: 125000,
        });
      }
      if (request.url === '/hf/tasks/text-generation' && !limitedOnce) {
        limitedOnce = true;
        const reset = String(Math.ceil(Date.now() / 1000) + 1);
        return send(
          429,
          { error: 'Rate limited', error_type: 'RateLimited', message: 'Too many requests', limit_level: 'key', limit_kind: 'requests' },
          { 'retry-after': '1', 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
        );
      }
      if (request.url === '/hf/tasks/text-generation') return send(200, { output: [{ generated_text: 'ok' }] }, { 'x-gatewayz-cost-nano-usd': '42' });
      return send(
        429,
        { error: 'Rate limited', error_type: 'RateLimited', message: 'Global limit', limit_level: 'global', limit_kind: 'tokens' },
        { 'retry-after': '0' },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a 429 is honoured: the retry waits Retry-After, then succeeds with the cost header', async () => {
    const result = await createClient('k', { baseUrl }).textGeneration('x');
    const attempts = seen.filter((entry) => entry.path === '/hf/tasks/text-generation');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(result.output[0]!.generated_text).toBe('ok');
    expect(result.costNanoUsd).toBe(42n);
  });

  it('a 429 past the retries raises RateLimitError with the limit facts and retryAfter', async () => {
    const error = await createClient('k', { baseUrl, maxRetries: 1 })
      .embedding('x')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, errorType: 'RateLimited', limitLevel: 'global', limitKind: 'tokens', retryAfter: 0 });
    expect(seen.filter((entry) => entry.path === '/hf/tasks/embedding')).toHaveLength(2);
  });

  it('a 402 raises InsufficientCreditsError with the balance facts, without retrying', async () => {
    const error = await createClient('k', { baseUrl })
      .summarization('x')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InsufficientCreditsError);
    expect(error).toMatchObject({ status: 402, errorType: 'InsufficientCredits', limit: 'balance', availableNanoUsd: 1000n, requiredNanoUsd: 125000n });
    expect((error as InsufficientCreditsError).inferenceId).toBe('00000000-0000-4000-8000-000000000001');
    expect(seen.filter((entry) => entry.path === '/hf/tasks/summarization')).toHaveLength(1);
  });
});
