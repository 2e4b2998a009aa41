import { describe, expect, it } from 'vitest';
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  createClient,
  InsufficientCreditsError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UpstreamError,
} from '../src/index.js';

/** A fake `fetch` answering from a script, recording every request. */
function fakeFetch(...answers: ((request: Request) => Response | Promise<Response>)[]) {
  const requests: Request[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)]!;
    return answer(request);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'inference-id': 'id-1', ...headers } });
const errorBody = (error_type: string, facts: Record<string, unknown> = {}) => ({ error: 'Refused', error_type, message: 'details', ...facts });

describe('gatewayz-js-hf with a fake fetch', () => {
  it('sends the key, the JSON body and the shorthand inputs; exposes cost and inference id without enumerating them', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { output: [{ generated_text: 'Hi' }] }, { 'x-gatewayz-cost-nano-usd': '125000' }));
    const client = createClient('key-1', { baseUrl: 'http://gateway.test/', fetch });
    const result = await client.textGeneration('Hello');
    expect(result).toEqual({ output: [{ generated_text: 'Hi' }] });
    expect(result.costNanoUsd).toBe(125000n);
    expect(result.inferenceId).toBe('id-1');
    expect(Object.keys(result)).toEqual(['output']);
    expect(requests[0]!.url).toBe('http://gateway.test/hf/tasks/text-generation');
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer key-1');
    expect(await requests[0]!.json()).toEqual({ inputs: 'Hello' });
  });

  it('passes usage limit/offset and every filter as query parameters', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { records: [], total_records: 0, total_cost_nano_usd: 0 }));
    const client = createClient('k', { baseUrl: 'http://g.test', fetch });
    await client.getUsage(50, 0);
    await client.getUsage({ limit: 5, from: '2026-01-01T00:00:00Z', model: 'm', task: 'embedding', provider: 'p', status: 'error' });
    expect(new URL(requests[0]!.url).search).toBe('?limit=50&offset=0');
    expect(Object.fromEntries(new URL(requests[1]!.url).searchParams)).toEqual({
      limit: '5',
      from: '2026-01-01T00:00:00Z',
      model: 'm',
      task: 'embedding',
      provider: 'p',
      status: 'error',
    });
  });

  it.each([
    [400, BadRequestError],
    [422, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [402, InsufficientCreditsError],
    [500, UpstreamError],
    [502, UpstreamError],
  ])('maps %i to %o with error_type, status and inference id', async (status, ErrorClass) => {
    const { fetch } = fakeFetch(() => json(status, errorBody('Some')));
    const error = await createClient('k', { baseUrl: 'http://g.test', fetch, maxRetries: 0 })
      .summarization('x')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status, errorType: 'Some', inferenceId: 'id-1', message: 'Refused: details' });
  });

  it('a 402 carries the balance facts as bigints', async () => {
    const { fetch } = fakeFetch(() => json(402, errorBody('InsufficientCredits', { limit: 'key_daily', available_nano_usd: 10, required_nano_usd: 125000 })));
    const error = await createClient('k', { baseUrl: 'http://g.test', fetch })
      .textGeneration('x')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InsufficientCreditsError);
    expect(error).toMatchObject({ limit: 'key_daily', availableNanoUsd: 10n, requiredNanoUsd: 125000n });
  });

  it('retries 429 after Retry-After, then raises RateLimitError with the limit facts when retries run out', async () => {
    const limited = () =>
      json(429, errorBody('RateLimited', { limit_level: 'user', limit_kind: 'tokens' }), {
        'retry-after': '0.05',
        'x-ratelimit-limit': '10',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '1700000000',
      });
    const { fetch, requests } = fakeFetch(limited);
    const started = performance.now();
    const error = await createClient('k', { baseUrl: 'http://g.test', fetch, maxRetries: 2 })
      .embedding('x')
      .catch((caught: unknown) => caught);
    expect(requests).toHaveLength(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ limitLevel: 'user', limitKind: 'tokens', retryAfter: 0.05, rateLimit: { limit: 10, remaining: 0, reset: 1700000000 } });
  });

  it('retries 503 and connection errors and succeeds; does not retry a 400', async () => {
    let calls = 0;
    const { fetch, requests } = fakeFetch(
      () => {
        calls += 1;
        throw new TypeError('fetch failed');
      },
      () => json(503, errorBody('Unavailable'), { 'retry-after': '0' }),
      () => json(200, { output: { summary_text: 's' } }),
    );
    const client = createClient('k', { baseUrl: 'http://g.test', fetch, maxRetries: 2 });
    expect(await client.summarization('x')).toEqual({ output: { summary_text: 's' } });
    expect([calls, requests.length]).toEqual([1, 3]);
    const refused = fakeFetch(() => json(400, errorBody('InvalidRequest')));
    await expect(createClient('k', { baseUrl: 'http://g.test', fetch: refused.fetch }).summarization('x')).rejects.toBeInstanceOf(BadRequestError);
    expect(refused.requests).toHaveLength(1);
  });

  it('honours X-RateLimit-Reset when there is no Retry-After', async () => {
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    const { fetch, requests } = fakeFetch(
      () => json(429, errorBody('RateLimited'), { 'x-ratelimit-reset': reset }),
      () => json(200, { output: [] }),
    );
    const started = Date.now();
    await createClient('k', { baseUrl: 'http://g.test', fetch }).tokenClassification('x');
    expect(requests).toHaveLength(2);
    expect(Date.now()).toBeGreaterThanOrEqual(Number(reset) * 1000 - 5);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('a ConnectionError once retries run out', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    await expect(createClient('k', { baseUrl: 'http://g.test', fetch, maxRetries: 0 }).listModels()).rejects.toBeInstanceOf(ConnectionError);
  });

  it('times out a silent server with TimeoutError, and an AbortSignal aborts with AbortError (not retried)', async () => {
    const hang = (request: Request) =>
      new Promise<Response>((_resolve, reject) => request.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const slow = fakeFetch(hang);
    await expect(createClient('k', { baseUrl: 'http://g.test', fetch: slow.fetch, timeout: 50, maxRetries: 1 }).listModels()).rejects.toBeInstanceOf(
      TimeoutError,
    );
    expect(slow.requests).toHaveLength(2);
    const aborted = fakeFetch(hang);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await createClient('k', { baseUrl: 'http://g.test', fetch: aborted.fetch })
      .listModels(undefined, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbortError);
    expect(aborted.requests).toHaveLength(1);
  });

  it('a stream split mid-line yields its events, its cost, and closes the body when the loop breaks', async () => {
    const events = [1, 2, 3].map(
      (index) =>
        `data: ${JSON.stringify({ index, token: { id: index, text: `t${index}`, logprob: 0, special: false }, generated_text: null, details: null })}\r\n\r\n`,
    );
    let cancelled = false;
    const body = (chunks: string[]) =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (next === undefined) return new Promise(() => undefined); // never ends on its own
          controller.enqueue(new TextEncoder().encode(next));
        },
        cancel() {
          cancelled = true;
        },
      });
    const pieces = events.join('').match(/[\s\S]{1,7}/g)!;
    const { fetch, requests } = fakeFetch(() => new Response(body(pieces), { headers: { 'content-type': 'text/event-stream' } }));
    const stream = createClient('k', { baseUrl: 'http://g.test', fetch }).textGenerationStream({ inputs: 'x', model: 'm' });
    const seen: string[] = [];
    for await (const event of stream) {
      seen.push(event.token.text);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['t1', 't2']);
    expect(cancelled).toBe(true);
    expect(await requests[0]!.json()).toEqual({ inputs: 'x', model: 'm', stream: true });
  });

  it('stream.abort() mid-stream ends the loop with AbortError and cancels the body', async () => {
    let cancelled = false;
    const first = `data: ${JSON.stringify({ index: 1, token: { id: 1, text: 'a', logprob: 0, special: false }, generated_text: null, details: null })}\n\n`;
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return new Promise(() => undefined);
        sent = true;
        controller.enqueue(new TextEncoder().encode(first));
      },
      cancel() {
        cancelled = true;
      },
    });
    const { fetch } = fakeFetch(() => new Response(body));
    const stream = createClient('k', { baseUrl: 'http://g.test', fetch }).textGenerationStream('hi');
    const seen: string[] = [];
    const loop = (async () => {
      for await (const event of stream) {
        seen.push(event.token.text);
        setTimeout(() => stream.abort(), 10);
      }
    })();
    await expect(loop).rejects.toBeInstanceOf(AbortError);
    expect(seen).toEqual(['a']);
    expect(cancelled).toBe(true);
  });

  it('a stream reads to [DONE] with the final cost, and an in-stream error is thrown typed', async () => {
    const final = {
      index: 2,
      token: { id: 0, text: '', logprob: 0, special: true },
      generated_text: 'ab',
      details: null,
      usage: { input_tokens: 1, output_tokens: 2, cost_nano_usd: 77 },
    };
    const sse = (...payloads: unknown[]) => payloads.map((payload) => `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`).join('');
    const first = { index: 1, token: { id: 1, text: 'ab', logprob: 0, special: false }, generated_text: null, details: null };
    const ok = fakeFetch(() => new Response(sse(first, final, '[DONE]')));
    const stream = createClient('k', { baseUrl: 'http://g.test', fetch: ok.fetch }).conversationalStream('hi');
    expect(await stream.text()).toBe('ab');
    expect(stream.costNanoUsd).toBe(77n);
    const failing = fakeFetch(() => new Response(sse(first, { error: 'Upstream failed', error_type: 'UpstreamError', message: 'cut' })));
    const broken = createClient('k', { baseUrl: 'http://g.test', fetch: failing.fetch }).textGenerationStream('hi');
    await expect(broken.text()).rejects.toBeInstanceOf(UpstreamError);
  });

  it('reads GATEWAYZ_API_KEY and GATEWAYZ_BASE_URL when no key or base URL is passed', () => {
    const saved = { key: process.env['GATEWAYZ_API_KEY'], url: process.env['GATEWAYZ_BASE_URL'] };
    try {
      process.env['GATEWAYZ_API_KEY'] = 'from-env';
      process.env['GATEWAYZ_BASE_URL'] = 'http://env.test:1234';
      expect(createClient().baseUrl).toBe('http://env.test:1234');
      delete process.env['GATEWAYZ_BASE_URL'];
      expect(createClient().baseUrl).toBe('http://localhost:8080');
      delete process.env['GATEWAYZ_API_KEY'];
      expect(() => createClient()).toThrow(/GATEWAYZ_API_KEY/);
    } finally {
      for (const [name, value] of [
        ['GATEWAYZ_API_KEY', saved.key],
        ['GATEWAYZ_BASE_URL', saved.url],
      ] as const)
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
    }
  });
});
