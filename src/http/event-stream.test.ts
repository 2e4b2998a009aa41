import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors.js';
import { sendEventStream, type StreamPayload } from './event-stream.js';

// Payloads that arrive together (back to back, no I/O between them), as a zero-delay upstream
// chunk brings them, and optionally a failure after them.
async function* together(count: number, failure?: Error): AsyncGenerator<StreamPayload> {
  for (let index = 1; index <= count; index++) yield { index };
  if (failure) throw failure;
}

describe('sendEventStream', () => {
  const app = Fastify();
  const writes: string[] = [];
  let failure: Error | undefined;
  app.post('/v1/chat/completions', async (_request, reply) => {
    const write = reply.raw.write.bind(reply.raw) as (chunk: string, ...rest: unknown[]) => boolean;
    reply.raw.write = ((chunk: string, ...rest: unknown[]) => (writes.push(chunk), write(chunk, ...rest))) as typeof reply.raw.write;
    await sendEventStream(reply, together(4, failure));
  });
  let url: string;
  beforeAll(async () => {
    url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/v1/chat/completions`;
  });
  afterAll(() => app.close());

  it('sends the first event alone and the events that came with it in one write, then [DONE]', async () => {
    writes.length = 0;
    failure = undefined;
    const body = await (await fetch(url, { method: 'POST' })).text();
    expect(body).toBe('data: {"index":1}\n\ndata: {"index":2}\n\ndata: {"index":3}\n\ndata: {"index":4}\n\ndata: [DONE]\n\n');
    expect(writes).toEqual(['data: {"index":1}\n\n', 'data: {"index":2}\n\ndata: {"index":3}\n\ndata: {"index":4}\n\n']);
  });

  it('writes the events gathered before a failure, then the error event in the surface format, without [DONE]', async () => {
    writes.length = 0;
    failure = new GatewayError('upstream_error', 'Upstream failed', 'The provider closed the stream.');
    const body = await (await fetch(url, { method: 'POST' })).text();
    const [before, error] = body.split('data: {"error"');
    expect(before).toBe('data: {"index":1}\n\ndata: {"index":2}\n\ndata: {"index":3}\n\ndata: {"index":4}\n\n');
    // OpenAI's error shape, the format of the route's surface.
    expect(JSON.parse(`{"error"${error!.trimEnd()}`)).toEqual({
      error: { message: 'Upstream failed: The provider closed the stream.', type: 'api_error', code: 'upstream_error', param: null },
    });
    expect(body).not.toContain('[DONE]');
  });
});
