import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

/** Sends a request whose body trickles in at one byte every 200 ms; resolves with what the server answered and when it hung up. */
function trickle(url: string, key: string): Promise<{ answer: string; closedAfterMs: number }> {
  const target = new URL(url);
  const body = JSON.stringify({ inputs: 'x'.repeat(200) });
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    const socket = connect(Number(target.port), target.hostname);
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, closedAfterMs: Date.now() - startedAt });
    });
    socket.on('connect', () => {
      socket.write(
        `POST /hf/tasks/text-generation HTTP/1.1\r\nHost: ${target.host}\r\nAuthorization: Bearer ${key}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      timer = setInterval(() => {
        if (sent < body.length && socket.writable) socket.write(body[sent++]!);
      }, 200);
    });
    setTimeout(() => reject(new Error('the slow request was never cut')), 15_000).unref();
  });
}

describe('the time allowed to receive a request', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway('pglite', { env: { REQUEST_TIMEOUT_MS: '1000' }, simulator: { chunkDelayMs: 300, streamChunks: 8 } });
  });
  afterAll(() => gateway.close());

  it('cuts a body that trickles in slower than REQUEST_TIMEOUT_MS', async () => {
    const { answer, closedAfterMs } = await trickle(gateway.url, gateway.userKey);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(900);
    expect(closedAfterMs).toBeLessThan(3_000);
  });

  it('does not time the response: a stream longer than REQUEST_TIMEOUT_MS completes', async () => {
    const startedAt = Date.now();
    const response = await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'hello', stream: true } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(Date.now() - startedAt).toBeGreaterThan(1_500);
    expect(text.trimEnd().split('\n\n').length).toBeGreaterThanOrEqual(8);
  });
});
