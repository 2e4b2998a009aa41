import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

/** What schemathesis (test/schemathesis.test.ts) found, pinned one by one so each stays fixed. */
describe('schemathesis findings', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(databaseKinds()[0]!);
  });
  afterAll(() => gateway?.close());

  it('405s a QUERY (a body method) on a known path, rather than 400 for its missing Content-Type', async () => {
    const response = await gateway.request('/health', { method: 'QUERY' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(response.headers.get('inference-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toMatchObject({ error_type: 'MethodNotAllowed' });
  });

  it('does not treat /v1/images/generations as an image file: Allow says POST only', async () => {
    const response = await gateway.request('/v1/images/generations', { method: 'GET' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    const missing = await gateway.request('/v1/images/00000000-0000-4000-8000-000000000000.png', { key: null });
    expect(missing.status).toBe(404);
  });

  it('answers 400, not 502, when the token limit cuts a structured answer short', async () => {
    const response = await gateway.request('/hf/tasks/token-classification', {
      body: { inputs: 'Ada Lovelace lived in London', parameters: { max_new_tokens: 1 } },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error_type: 'InvalidRequest', error: expect.stringContaining('Token limit too small') });
  });
});
