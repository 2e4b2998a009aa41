import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatorServer, type SimulatorServer } from './server.js';

let simulator: SimulatorServer;
const chat = { model: 'm', messages: [{ role: 'user', content: 'Say something short' }] };
const stream = { ...chat, stream: true, stream_options: { include_usage: true } };

/** Wire bodies are checked field by field, so they are read untyped. */
const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json();

function post(body: unknown, headers: Record<string, string> = {}, path = '/chat/completions', server = simulator): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
}

/** Reads a body until it ends or breaks, returning what arrived and whether it broke. */
async function readUntilBroken(response: Response): Promise<{ text: string; broken: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, broken: false };
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return { text, broken: true };
  }
}

async function elapsedMs(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

beforeAll(async () => {
  simulator = await createSimulatorServer();
});
afterAll(async () => {
  await simulator.close();
});

describe('simulator: request errors in OpenAI error shape', () => {
  it('answers 401 without the configured key and 200 with it', async () => {
    const guarded = await createSimulatorServer({ apiKey: 'sk-simulator-secret' });
    const missing = await post(chat, {}, '/chat/completions', guarded);
    const wrong = await post(chat, { authorization: 'Bearer sk-wrong-key-123' }, '/chat/completions', guarded);
    const right = await post(chat, { authorization: 'Bearer sk-simulator-secret' }, '/chat/completions', guarded);
    await guarded.close();

    expect(missing.status).toBe(401);
    expect(await json(missing)).toEqual({
      error: { message: "You didn't provide an API key.", type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
    });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(await json(wrong))).not.toContain('sk-wrong-key-123');
    expect(right.status).toBe(200);
  });

  it('answers 400 for invalid JSON, a missing model or missing messages', async () => {
    const invalid = await post('{"model":');
    expect(invalid.status).toBe(400);
    expect((await json(invalid)).error).toMatchObject({ type: 'invalid_request_error', message: expect.stringContaining('could not parse the JSON body') });

    const noModel = await post({ messages: chat.messages });
    expect(noModel.status).toBe(400);
    expect((await json(noModel)).error.message).toBe('You must provide a model parameter.');

    const noMessages = await post({ model: 'm' });
    expect(noMessages.status).toBe(400);
    expect(await json(noMessages)).toEqual({
      error: { message: "Missing required parameter: 'messages'.", type: 'invalid_request_error', param: 'messages', code: 'missing_required_parameter' },
    });
  });

  it('answers 404 for unknown paths and wrong methods', async () => {
    const unknown = await post(chat, {}, '/audio/speech');
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error).toEqual({ message: 'Invalid URL (POST /v1/audio/speech)', type: 'invalid_request_error', param: null, code: null });
    expect((await fetch(`${simulator.url}/chat/completions`)).status).toBe(404);
  });

  it('counts every request, faulty ones included', async () => {
    const counted = await createSimulatorServer();
    await post(chat, {}, '/chat/completions', counted);
    await post('not json', {}, '/chat/completions', counted);
    await fetch(`${counted.url}/models`);
    expect(counted.requests).toBe(3);
    await counted.close();
  });
});

describe('simulator: fault controls', () => {
  it('delays the response head by x-simulator-latency-ms or options.latencyMs', async () => {
    expect(await elapsedMs(() => post(chat, { 'x-simulator-latency-ms': '150' }))).toBeGreaterThanOrEqual(145);
    const slow = await createSimulatorServer({ latencyMs: 120 });
    expect(await elapsedMs(() => post(chat, {}, '/chat/completions', slow))).toBeGreaterThanOrEqual(115);
    await slow.close();
  });

  it('paces stream events by x-simulator-chunk-delay-ms', async () => {
    // 4 words in 4 pieces, plus role, finish, usage and [DONE]: 8 events, 7 gaps.
    const response = await post({ ...stream, max_tokens: 4 }, { 'x-simulator-chunk-delay-ms': '40' });
    expect(await elapsedMs(() => response.text())).toBeGreaterThanOrEqual(7 * 40 - 10);
  });

  it('honours options.streamChunks and options.completionTokens', async () => {
    const small = await createSimulatorServer({ streamChunks: 3, completionTokens: 12 });
    const text = await (await post(stream, {}, '/chat/completions', small)).text();
    await small.close();
    const contents = text.split('\n\n').filter((event) => event.includes('"content":"') && !event.includes('"content":""'));
    expect(contents).toHaveLength(3);
    expect(text).toContain('"completion_tokens":12');
  });

  it('answers x-simulator-status with an OpenAI error and x-simulator-retry-after', async () => {
    const response = await post(chat, { 'x-simulator-status': '429', 'x-simulator-retry-after': '3' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await json(response)).toEqual({ error: { message: expect.any(String), type: 'requests', param: null, code: 'rate_limit_exceeded' } });
    expect((await post(chat, { 'x-simulator-status': '500' })).status).toBe(500);
  });

  it('resets the connection before answering with x-simulator-fail: reset', async () => {
    await expect(post(chat, { 'x-simulator-fail': 'reset' })).rejects.toThrow();
  });

  it('resets after half the stream, or half the body, with reset-mid-stream', async () => {
    const streamed = await readUntilBroken(await post(stream, { 'x-simulator-fail': 'reset-mid-stream' }));
    expect(streamed.broken).toBe(true);
    expect(streamed.text).toContain('data: {');
    expect(streamed.text).not.toContain('[DONE]');

    const plain = await post(chat, { 'x-simulator-fail': 'reset-mid-stream' });
    expect(plain.status).toBe(200);
    await expect(plain.json()).rejects.toThrow();
  });

  it('sends a 200 body that is not JSON with malformed-json', async () => {
    const response = await post(chat, { 'x-simulator-fail': 'malformed-json' });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('puts one event that is not JSON mid-stream with malformed-sse', async () => {
    const text = await (await post(stream, { 'x-simulator-fail': 'malformed-sse' })).text();
    const payloads = text
      .split('\n\n')
      .filter(Boolean)
      .map((event) => event.replace(/^data: /, ''));
    const unreadable = payloads.filter((payload) => {
      try {
        JSON.parse(payload);
        return false;
      } catch {
        return payload !== '[DONE]';
      }
    });
    expect(unreadable).toHaveLength(1);
    expect(payloads.indexOf(unreadable[0]!)).toBeGreaterThan(0);
    expect(payloads.at(-1)).toBe('[DONE]');
  });

  it('rejects an unreadable control header with 400', async () => {
    const response = await post(chat, { 'x-simulator-fail': 'explode' });
    expect(response.status).toBe(400);
    expect((await json(response)).error.message).toContain('x-simulator-fail');
  });
});
