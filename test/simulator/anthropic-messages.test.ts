import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFullSimulator } from './full-simulator.js';
import { type SimulatorServer } from '../../src/simulator/server.js';

let simulator: SimulatorServer;
let origin: string;
const body = { model: 'claude-3-5-haiku-20241022', max_tokens: 1024, messages: [{ role: 'user', content: 'Say something short' }] };
const headers = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'sk-ant-simulator-secret' };

/** Wire bodies are checked field by field, so they are read untyped. */
const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json();

function post(payload: unknown, extra: Record<string, string | undefined> = {}, path = '/v1/messages'): Promise<Response> {
  const merged = Object.fromEntries(Object.entries({ ...headers, ...extra }).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return fetch(`${origin}${path}`, { method: 'POST', headers: merged, body: typeof payload === 'string' ? payload : JSON.stringify(payload) });
}

beforeAll(async () => {
  simulator = await createFullSimulator({ apiKey: 'sk-ant-simulator-secret', streamChunks: 3 });
  origin = new URL(simulator.url).origin;
});
afterAll(async () => {
  await simulator.close();
});

describe('simulator: Anthropic Messages API', () => {
  it('streams the documented event sequence, names matching each data type', async () => {
    const response = await post({ ...body, stream: true });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await response.text())
      .split('\n\n')
      .filter(Boolean)
      .map((text) => {
        const [eventLine, dataLine] = text.split('\n');
        return { name: eventLine?.replace(/^event: /, ''), data: JSON.parse(dataLine?.replace(/^data: /, '') ?? '') };
      });

    expect(events.map((event) => event.name)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    for (const event of events) expect(event.data.type).toBe(event.name);
    expect(events[0]?.data.message).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [],
      stop_reason: null,
      usage: { input_tokens: 3, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
    expect(events[7]?.data).toEqual({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 90 } });
  });

  it('answers request errors in Anthropic error shape', async () => {
    const missingKey = await post(body, { 'x-api-key': undefined });
    expect(missingKey.status).toBe(401);
    expect(await json(missingKey)).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error', message: 'x-api-key header is required' },
      request_id: expect.stringMatching(/^req_/),
    });

    const noVersion = await post(body, { 'anthropic-version': undefined });
    expect(noVersion.status).toBe(400);
    expect((await json(noVersion)).error).toEqual({ type: 'invalid_request_error', message: 'anthropic-version: header is required' });

    const noMaxTokens = await post({ model: body.model, messages: body.messages });
    expect((await json(noMaxTokens)).error.message).toBe('max_tokens: Field required');
    const unknown = await post(body, {}, '/v1/messages/batches');
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.type).toBe('not_found_error');
  });

  it('applies the x-simulator fault headers with Anthropic error bodies', async () => {
    const overloaded = await post(body, { 'x-simulator-status': '529', 'x-simulator-retry-after': '4' });
    expect(overloaded.status).toBe(529);
    expect(overloaded.headers.get('retry-after')).toBe('4');
    expect((await json(overloaded)).error).toEqual({ type: 'overloaded_error', message: 'Overloaded' });

    const malformed = await (await post({ ...body, stream: true }, { 'x-simulator-fail': 'malformed-sse' })).text();
    expect(malformed).toContain('event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_del\n\n');
  });
});
