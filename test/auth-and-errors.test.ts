import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, uuidPattern, type TestGateway } from './support/test-gateway.js';

const errorBody = (errorType: string) => ({ error: expect.any(String), error_type: errorType, message: expect.any(String) });

describe.each(databaseKinds())('auth and errors on %s', (kind) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(kind);
  });
  afterAll(() => gateway.close());

  const generate = (init: Parameters<TestGateway['request']>[1]) => gateway.request('/hf/tasks/text-generation', init);

  describe('authentication', () => {
    it('401s a missing key, a malformed header and an unknown key, with Inference-Id', async () => {
      const headerSets: Record<string, string>[] = [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer gw_live_unknown' }];
      for (const headers of headerSets) {
        const response = await generate({ key: null, headers, body: { inputs: 'hi' } });
        expect(response.status).toBe(401);
        expect(response.headers.get('inference-id')).toMatch(uuidPattern);
        expect(await response.json()).toEqual(errorBody('Unauthorized'));
      }
    });

    it('403s a key without the needed scope', async () => {
      const response = await gateway.request('/hf/tasks/models/map', {
        body: { provider_model_id: 'gpt-4o', hub_model_id: 'org/model', task_type: 'text-generation' },
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error_type: 'Forbidden', message: expect.stringContaining('models:write') });
      const billingOnly = await gateway.createKey('hf-billing', ['billing:read']);
      expect((await generate({ key: billingOnly, body: { inputs: 'hi' } })).status).toBe(403);
    });

    it('creates, lists and revokes keys through the admin API; a revoked key stops working at once', async () => {
      const created = await gateway.request('/admin/keys', { key: gateway.adminKey, body: { user_id: 'bob', scopes: ['inference'] } });
      expect(created.status).toBe(200);
      const key = (await created.json()) as { id: string; key: string; key_prefix: string; scopes: string[] };
      expect(key.key).toMatch(/^gw_live_[A-Za-z0-9_-]{43}$/);
      expect(key.key.startsWith(key.key_prefix)).toBe(true);
      expect((await generate({ key: key.key, body: { inputs: 'hi' } })).status).toBe(200);

      const listed = (await (await gateway.request('/admin/keys?user_id=bob', { key: gateway.adminKey })).json()) as { keys: Record<string, unknown>[] };
      expect(listed.keys).toHaveLength(1);
      expect(JSON.stringify(listed)).not.toContain(key.key);

      const revoked = await gateway.request(`/admin/keys/${key.id}/revoke`, { key: gateway.adminKey, body: {} });
      expect(await revoked.json()).toEqual({ id: key.id, revoked: true });
      expect((await generate({ key: key.key, body: { inputs: 'hi' } })).status).toBe(401);
      expect((await gateway.request(`/admin/keys/${key.id}/revoke`, { key: gateway.adminKey, body: {} })).status).toBe(404);
      expect((await gateway.request('/admin/keys', { body: { user_id: 'eve' } })).status).toBe(403);
    });

    it('stores only the hash of a key', async () => {
      const rows = await gateway.database.db.selectFrom('api_keys').select(['key_hash', 'key_prefix']).execute();
      for (const row of rows) {
        expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(row.key_prefix.length).toBeLessThan(20);
      }
      expect(rows.some((row) => gateway.userKey.includes(row.key_hash))).toBe(false);
    });
  });

  describe('bad input', () => {
    it.each([
      ['invalid JSON', '{"inputs":', 'Invalid JSON'],
      ['a wrong type', { inputs: 42 }, 'inputs'],
      ['a missing field', { parameters: {} }, 'inputs'],
      ['an empty prompt', { inputs: '' }, 'inputs'],
      ['an out-of-range parameter', { inputs: 'x', parameters: { temperature: 5 } }, 'parameters.temperature'],
      ['a JSON array', [1, 2], '(body)'],
    ])('400s %s, naming the problem', async (_name, body, mention) => {
      const response = await generate({ body });
      expect(response.status).toBe(400);
      expect(response.headers.get('inference-id')).toMatch(uuidPattern);
      const error = (await response.json()) as { error: string; message: string };
      expect(`${error.error} ${error.message}`).toContain(mention);
    });

    it('400s an empty body', async () => {
      const response = await generate({ headers: { 'content-type': 'application/json' }, body: '' });
      expect(response.status).toBe(400);
    });

    it('accepts JSON sent as form data, as curl -d does', async () => {
      const response = await generate({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '{"inputs":"Hello"}' });
      expect(response.status).toBe(200);
    });

    it('413s a 5 MB body and keeps serving', async () => {
      const response = await generate({ body: { inputs: 'a'.repeat(5 * 1024 * 1024) } });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual(errorBody('PayloadTooLarge'));
      expect((await generate({ body: { inputs: 'still there?' } })).status).toBe(200);
    });

    it('404s unknown routes in the error format', async () => {
      const response = await gateway.request('/hf/tasks/nope', { body: {} });
      expect(response.status).toBe(404);
      expect(response.headers.get('inference-id')).toMatch(uuidPattern);
      expect(await response.json()).toEqual(errorBody('NotFound'));
    });

    it('never leaks stack traces or keys in error bodies', async () => {
      const response = await generate({ key: 'gw_live_secretsecretsecret', body: { inputs: 'x' } });
      const text = await response.text();
      expect(text).not.toContain('secretsecret');
      expect(text).not.toMatch(/at .*\.ts:\d+/);
    });
  });

  describe('health', () => {
    it('reports status, uptime, cached models and provider status without a key', async () => {
      const response = await gateway.request('/health', { key: null });
      expect(response.status).toBe(200);
      expect(response.headers.get('inference-id')).toMatch(uuidPattern);
      const health = (await response.json()) as { provider_status: Record<string, string> };
      expect(health).toEqual({
        status: 'healthy',
        uptime: expect.any(Number),
        models_cached: expect.any(Number),
        provider_status: expect.any(Object),
        price_refresh: {},
        rate_limits: 'memory',
      });
      // Every registered provider is listed; without keys only the simulator serves.
      const { simulator, ...others } = health.provider_status;
      expect(simulator).toBe('healthy');
      expect(Object.keys(others)).toContain('openrouter');
      expect(new Set(Object.values(others))).toEqual(new Set(['unconfigured']));
    });
  });
});
