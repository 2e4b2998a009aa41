import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, uuidPattern, type TestGateway } from './support/test-gateway.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** node:http, not fetch: fetch would normalize some of the paths these tests send as they are. */
function raw(url: string, init: { method: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = httpRequest({ host: target.hostname, port: target.port, method: init.method, path: init.path, headers: init.headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: JSON.parse(text) as unknown }));
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

const errorBody = (errorType: string, error: unknown = expect.any(String)) => ({ error, error_type: errorType, message: expect.any(String) });
// The same errors on /v1/* (OpenAI's shape) and /models/* (TGI's vocabulary), see src/http/error-format.ts.
const openAIErrorBody = (type: string, message: unknown) => ({ error: { message, type, code: expect.any(String), param: null } });

describe('requests at the edges, always answered in the error format with an Inference-Id', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway('pglite');
  });
  afterAll(() => gateway.close());

  const expectIds = (response: RawResponse | Response) => {
    const get = (name: string) => (response instanceof Response ? response.headers.get(name) : response.headers[name]);
    expect(get('inference-id')).toMatch(uuidPattern);
    expect(get('x-request-id')).toBe(get('inference-id'));
  };

  it('400s a malformed percent-encoding in the path', async () => {
    const response = await raw(gateway.url, { method: 'GET', path: '/v1/models/%E0%A4%A' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(openAIErrorBody('invalid_request_error', expect.stringContaining('Invalid URL')));
    expectIds(response);
  });

  it('routes path parameters up to 500 characters and 400s longer ones', async () => {
    const headers = { authorization: `Bearer ${gateway.userKey}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ inputs: 'hi' });
    const long = await raw(gateway.url, { method: 'POST', path: `/models/org/${'a'.repeat(300)}`, headers, body });
    expect(long.status).not.toBe(414);
    expect(long.status).not.toBe(400);
    expectIds(long);
    const tooLong = await raw(gateway.url, { method: 'POST', path: `/models/org/${'a'.repeat(600)}`, headers, body });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toEqual({ error: expect.stringContaining('Path parameter too long'), error_type: 'validation' });
    expectIds(tooLong);
  });

  it('405s a wrong method with Allow listing the methods the path has', async () => {
    const response = await gateway.request('/hf/tasks/text-generation', { method: 'GET' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toEqual(errorBody('MethodNotAllowed'));
    expectIds(response);
    const models = await gateway.request('/v1/models', { method: 'DELETE' });
    expect(models.status).toBe(405);
    expect(models.headers.get('allow')?.split(', ')).toContain('GET');
    expect((await gateway.request('/hf/tasks/nope', { method: 'GET' })).status).toBe(404);
  });

  it('400s a __proto__ key by name, not as invalid JSON', async () => {
    const response = await gateway.request('/hf/tasks/text-generation', { body: '{"inputs":"hi","parameters":{"__proto__":{"max_new_tokens":1}}}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(errorBody('InvalidRequest', expect.stringContaining('Forbidden key __proto__ in JSON body')));
    expectIds(response);
  });

  it('parses a JSON body sent as text/plain, as the README promises', async () => {
    const response = await gateway.request('/hf/tasks/text-generation', { headers: { 'content-type': 'text/plain' }, body: '{"inputs":"Hello"}' });
    expect(response.status).toBe(200);
    expectIds(response);
  });

  it.each([
    ['/v1/chat/completions', (deep: string) => `{"model":"x","messages":[{"role":"user","content":"hi"}],"logit_bias":${deep}}`],
    ['/hf/tasks/text-generation', (deep: string) => `{"inputs":"hi","parameters":{"user":${deep}}}`],
    [
      '/v1/chat/completions',
      (deep: string) => `{"model":"x","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":${deep}}}]}`,
    ],
    [
      '/v1/chat/completions',
      (deep: string) =>
        `{"model":"x","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"s","schema":${deep}}}}`,
    ],
  ])('400s 100k-deep nesting on %s', async (path, build) => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const response = await gateway.request(path, { body: build(deep) });
    expect(response.status).toBe(400);
    const reason = expect.stringContaining('JSON nested too deeply (limit 64)');
    expect(await response.json()).toEqual(path.startsWith('/v1/') ? openAIErrorBody('invalid_request_error', reason) : errorBody('InvalidRequest', reason));
    expectIds(response);
  });
});
