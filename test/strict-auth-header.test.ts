import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, uuidPattern, type TestGateway } from './support/test-gateway.js';

describe('the Authorization header, read strictly', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway('pglite');
  });
  afterAll(() => gateway.close());

  const generate = (authorization: string | undefined) =>
    gateway.request('/hf/tasks/text-generation', { key: null, headers: authorization === undefined ? {} : { authorization }, body: { inputs: 'hi' } });

  it.each([
    ['no header', undefined, 'Missing API key'],
    ['another scheme', 'Basic abc', 'Authorization must be `Bearer <key>`'],
    ['text after the key', 'Bearer {key} garbage', 'Malformed Authorization header'],
  ])('401s %s, saying what is wrong', async (_name, template, summary) => {
    const response = await generate(template?.replace('{key}', gateway.userKey));
    expect(response.status).toBe(401);
    expect(response.headers.get('inference-id')).toMatch(uuidPattern);
    const body = (await response.json()) as Record<string, string>;
    expect(body).toEqual({ error: expect.stringContaining(summary), error_type: 'Unauthorized', message: expect.any(String) });
  });

  it('accepts any scheme case and extra spaces before the key', async () => {
    expect((await generate(`bearer  ${gateway.userKey}`)).status).toBe(200);
  });
});
