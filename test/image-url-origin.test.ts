import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, uuidPattern, type TestGateway } from './support/test-gateway.js';

/** node:http, because fetch will not send a Host header of our choosing. */
function generateWithHost(gateway: TestGateway, host: string): Promise<{ status: number; inferenceId: unknown; body: Record<string, unknown> }> {
  const target = new URL(gateway.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: '/v1/images/generations',
        headers: { host, authorization: `Bearer ${gateway.userKey}`, 'content-type': 'application/json' },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, inferenceId: response.headers['inference-id'], body: JSON.parse(text) }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify({ prompt: 'a fox', size: '64x64' }));
  });
}

describe('image links and the Host header', () => {
  let gateway: TestGateway;
  let configured: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway('pglite');
    configured = await startTestGateway('pglite', { env: { PUBLIC_BASE_URL: 'https://images.example.com/' } });
  });
  afterAll(async () => {
    await gateway?.close();
    await configured?.close();
  });

  it('400s a forged Host instead of linking to it', async () => {
    const response = await generateWithHost(gateway, 'evil.example.com/phish?x=');
    expect(response.status).toBe(400);
    expect(response.inferenceId).toMatch(uuidPattern);
    // /v1/* answers OpenAI's error shape.
    expect(response.body).toMatchObject({ error: { message: expect.stringContaining('Invalid Host header'), type: 'invalid_request_error' } });
  });

  it('links on a valid Host', async () => {
    const response = await generateWithHost(gateway, 'gateway.local:8080');
    expect(response.status).toBe(200);
    expect((response.body.data as { url: string }[])[0]!.url).toMatch(/^http:\/\/gateway\.local:8080\/v1\/images\/[0-9a-f-]{36}\.png$/);
  });

  it('links on PUBLIC_BASE_URL when it is set, whatever the Host says', async () => {
    const response = await generateWithHost(configured, 'evil.example.com/phish?x=');
    expect(response.status).toBe(200);
    expect((response.body.data as { url: string }[])[0]!.url).toMatch(/^https:\/\/images\.example\.com\/v1\/images\/[0-9a-f-]{36}\.png$/);
  });
});
