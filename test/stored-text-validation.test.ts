import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, uuidPattern, type TestGateway } from './support/test-gateway.js';

describe.each(databaseKinds())('what mappings and key names may store, on %s', (kind) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(kind);
  });
  afterAll(() => gateway.close());

  const map = (body: string) => gateway.request('/hf/tasks/models/map', { key: gateway.adminKey, body });
  const mapping = (overrides: string) => `{"provider_model_id":"gpt-4o","hub_model_id":"org/model","task_type":"text-generation"${overrides}}`;

  it.each([
    ['U+0000 in a parameter', mapping(',"parameters":{"stop":"a\\u0000b"}')],
    ['a lone surrogate in a parameter', mapping(',"parameters":{"tgt_lang":"\\ud800"}')],
    ['max_tokens of a million', mapping(',"parameters":{"max_tokens":1000000}')],
    ['an unknown parameter', mapping(',"parameters":{"anything":{"a":{"b":1}}}')],
    ['a Hub id that is a path', '{"provider_model_id":"gpt-4o","hub_model_id":"../..","task_type":"text-generation"}'],
    ['U+0000 in the provider model id', '{"provider_model_id":"gpt\\u0000","hub_model_id":"org/model","task_type":"text-generation"}'],
  ])('400s %s on models/map', async (_name, body) => {
    const response = await map(body);
    expect(response.status).toBe(400);
    expect(response.headers.get('inference-id')).toMatch(uuidPattern);
    expect(await response.json()).toEqual({ error: expect.any(String), error_type: 'InvalidRequest', message: expect.any(String) });
  });

  it('stores a mapping with task options', async () => {
    const response = await map(mapping(',"parameters":{"max_new_tokens":512,"candidate_labels":["a","b"],"tgt_lang":"fr"}'));
    expect(response.status).toBe(200);
  });

  it.each([
    ['U+0000', '"a\\u0000b"'],
    ['a lone surrogate', '"\\udc00x"'],
  ])('400s %s in a key name', async (_name, name) => {
    const response = await gateway.request('/admin/keys', { key: gateway.adminKey, body: `{"user_id":"carol","name":${name}}` });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error_type: 'InvalidRequest' });
  });
});
