import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeGracefully } from '../src/app.js';
import { startTestGateway } from './support/test-gateway.js';

// A request that arrives on a kept-alive connection while the gateway shuts down gets an answer in
// the error format, with Inference-Id, closing the connection (Fastify's own is a bare 503).
describe('shutdown', () => {
  it('answers a request arriving during shutdown with a 503 in the error format, Inference-Id and Connection: close', async () => {
    const gateway = await startTestGateway('pglite', { simulator: { latencyMs: 800 } });
    const { port } = new URL(gateway.url);
    const body = JSON.stringify({ inputs: 'shutting down', parameters: { max_new_tokens: 5 } });
    const request = (connection: string) =>
      `POST /hf/tasks/text-generation HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${gateway.userKey}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: ${connection}\r\n\r\n${body}`;
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(request('keep-alive')); // in flight when shutdown starts
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = closeGracefully(gateway.app, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.write(request('keep-alive')); // arrives during shutdown, on the same connection
    await new Promise((resolve) => socket.once('close', resolve));
    await closing;
    await gateway.simulator.close();
    const responses = received.split(/(?=HTTP\/1\.1 )/);
    expect(responses[0]).toMatch(/^HTTP\/1\.1 200/);
    expect(responses[1]).toMatch(/^HTTP\/1\.1 503/);
    expect(responses[1]).toMatch(/\r\ninference-id: [0-9a-f-]{36}\r\n/i);
    expect(responses[1]).toMatch(/\r\nconnection: close\r\n/i);
    expect(responses[1]).toContain('"error_type":"ServiceUnavailable"');
  }, 30_000);
});
