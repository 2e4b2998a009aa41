import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';
import { taskTypes } from '../src/contract/task-types.js';

describe.each(databaseKinds())('billing and models on %s', (kind) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(kind);
  });
  afterAll(() => gateway.close());

  describe('billing/cost', () => {
    it('prices 100 input + 50 output gpt-3.5-turbo tokens at exactly 125000 nano-USD', async () => {
      const response = await gateway.request('/hf/tasks/billing/cost', {
        body: { requests: [{ task: 'text-generation', model: 'gpt-3.5-turbo', input_tokens: 100, output_tokens: 50 }] },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        total_cost_nano_usd: 125_000,
        costs: [{ task: 'text-generation', model: 'gpt-3.5-turbo', input_tokens: 100, output_tokens: 50, cost_nano_usd: 125_000, cost_usd: 0.000125 }],
        currency: 'USD',
      });
    });

    it('sums several requests and prices Hub ids through their mapping', async () => {
      const response = await gateway.request('/hf/tasks/billing/cost', {
        body: {
          requests: [
            { task: 'conversational', model: 'gpt-4o', input_tokens: 1_000_000, output_tokens: 1_000_000 },
            { task: 'text-generation', model: 'meta-llama/Llama-3.1-8B-Instruct', input_tokens: 3, output_tokens: 0 },
          ],
        },
      });
      const body = (await response.json()) as { total_cost_nano_usd: number; costs: { cost_nano_usd: number; cost_usd: number }[] };
      // $0.02 per million tokens is 20 nano-USD a token.
      expect(body.costs.map((cost) => cost.cost_nano_usd)).toEqual([12_500_000_000, 60]);
      expect(body.costs[0]!.cost_usd).toBe(12.5);
      expect(body.total_cost_nano_usd).toBe(12_500_000_060);
    });

    it.each([
      [{ requests: [{ task: 'text-generation', model: 'gpt-3.5-turbo', input_tokens: -1, output_tokens: 5 }] }, 400],
      [{ requests: [{ task: 'text-generation', model: 'gpt-3.5-turbo', input_tokens: 1.5, output_tokens: 5 }] }, 400],
      [{ requests: [{ task: 'painting', model: 'gpt-3.5-turbo', input_tokens: 1, output_tokens: 5 }] }, 400],
      [{ requests: [] }, 400],
      [{ requests: [{ task: 'text-generation', model: 'unknown-model', input_tokens: 1, output_tokens: 1 }] }, 404],
    ])('rejects %j with %i', async (body, status) => {
      const response = await gateway.request('/hf/tasks/billing/cost', { body });
      expect(response.status).toBe(status);
      expect(Object.keys((await response.json()) as object).sort()).toEqual(['error', 'error_type', 'message']);
    });
  });

  describe('billing/usage and the HF billing callback', () => {
    it("lists only the caller's records, newest first, with totals; an admin sees everyone's", async () => {
      const bobKey = await gateway.createKey('bob', ['inference', 'billing:read']);
      const ids: string[] = [];
      for (const key of [gateway.userKey, gateway.userKey, bobKey]) {
        const response = await gateway.request('/hf/tasks/text-generation', { key, body: { inputs: 'Hi', parameters: { max_tokens: 10 } } });
        ids.push(response.headers.get('inference-id')!);
      }
      const alice = (await (await gateway.request('/hf/tasks/billing/usage?limit=50&offset=0')).json()) as {
        records: { request_id: string; cost_nano_usd: number; timestamp: string }[];
        total_records: number;
        total_cost_nano_usd: number;
      };
      expect(alice.records.map((record) => record.request_id)).toEqual([ids[1], ids[0]]);
      expect(alice.total_records).toBe(2);
      // 1 input + 10 output tokens: ceil((500000000 + 10 * 1500000000) / 1e6) = 15500 each.
      expect(alice.records[0]).toMatchObject({ task: 'text-generation', model: 'gpt-3.5-turbo', input_tokens: 1, output_tokens: 10, cost_nano_usd: 15_500 });
      expect(alice.total_cost_nano_usd).toBe(31_000);
      expect(new Date(alice.records[0]!.timestamp).toISOString()).toBe(alice.records[0]!.timestamp);

      const page = (await (await gateway.request('/hf/tasks/billing/usage?limit=1&offset=1')).json()) as {
        records: { request_id: string }[];
        total_records: number;
      };
      expect(page.records.map((record) => record.request_id)).toEqual([ids[0]]);
      expect(page.total_records).toBe(2);

      const admin = (await (await gateway.request('/hf/tasks/billing/usage', { key: gateway.adminKey })).json()) as { total_records: number };
      expect(admin.total_records).toBe(3);

      // HF's callback: known ids get their cost, unknown or foreign ones are left out, answers repeat.
      const ask = { requestIds: [...ids, '00000000-0000-4000-8000-000000000000', 'not-a-uuid'] };
      // The callback has a scope of its own: a key with billing:callback sees its own user's requests.
      const callbackKey = await gateway.createKey('alice', ['billing:callback']);
      expect((await gateway.request('/hf/billing/requests', { body: ask })).status).toBe(403);
      const first = await gateway.request('/hf/billing/requests', { key: callbackKey, body: ask });
      expect(await first.json()).toEqual({
        requests: expect.arrayContaining([
          { requestId: ids[0], costNanoUsd: 15_500 },
          { requestId: ids[1], costNanoUsd: 15_500 },
        ]),
      });
      const again = (await (await gateway.request('/hf/billing/requests', { key: callbackKey, body: ask })).json()) as { requests: unknown[] };
      expect(again.requests).toHaveLength(2);
      const all = (await (await gateway.request('/hf/billing/requests', { key: gateway.adminKey, body: ask })).json()) as { requests: unknown[] };
      expect(all.requests).toHaveLength(3);
    });

    it('rejects bad paging with 400', async () => {
      for (const query of ['limit=0', 'limit=5000', 'offset=-1', 'limit=abc']) {
        expect((await gateway.request(`/hf/tasks/billing/usage?${query}`)).status).toBe(400);
      }
    });
  });

  describe('models', () => {
    it('lists the default mappings (one Hub model per task at least), filterable by task type', async () => {
      const all = (await (await gateway.request('/hf/tasks/models')).json()) as { models: { task_type: string }[]; count: number; task_types: string[] };
      expect(all.count).toBe(all.models.length);
      expect(all.task_types).toEqual([...taskTypes]);
      const filtered = (await (await gateway.request('/hf/tasks/models?task_type=conversational')).json()) as {
        models: { task_type: string }[];
        task_types: string[];
      };
      expect(filtered.models.every((model) => model.task_type === 'conversational')).toBe(true);
      expect(filtered.task_types).toEqual(['conversational']);
      expect((await gateway.request('/hf/tasks/models?task_type=juggling')).status).toBe(400);
    });

    it('maps a provider model to a Hub model, upserting, and serves requests for the Hub id', async () => {
      const body = {
        provider_model_id: 'gpt-3.5-turbo',
        hub_model_id: 'meta-llama/Llama-2-7b-chat',
        task_type: 'text-generation',
        parameters: { temperature: 0.7, max_tokens: 2048 },
      };
      const response = await gateway.request('/hf/tasks/models/map', { key: gateway.adminKey, body });
      expect(await response.json()).toEqual({
        success: true,
        provider_model_id: 'gpt-3.5-turbo',
        hub_model_id: 'meta-llama/Llama-2-7b-chat',
        message: 'Model mapping registered successfully',
      });
      const remapped = await gateway.request('/hf/tasks/models/map', {
        key: gateway.adminKey,
        body: { ...body, provider_model_id: 'gpt-4o-mini', parameters: { max_tokens: 3 } },
      });
      expect(remapped.status).toBe(200);
      const listed = (await (await gateway.request('/hf/tasks/models?task_type=text-generation')).json()) as {
        models: { model_id: string; hub_model_id: string }[];
      };
      expect(listed.models.filter((model) => model.hub_model_id === 'meta-llama/Llama-2-7b-chat')).toEqual([
        { model_id: 'gpt-4o-mini', hub_model_id: 'meta-llama/Llama-2-7b-chat', task_type: 'text-generation', parameters: { max_tokens: 3 } },
      ]);
      // The mapping's parameters are defaults: max_tokens 3 applies.
      const served = await gateway.request('/hf/tasks/text-generation', {
        body: { inputs: 'Hi', model: 'meta-llama/Llama-2-7b-chat', parameters: { return_full_text: false } },
      });
      expect(((await served.json()) as { output: { generated_text: string }[] }).output[0]!.generated_text.split(' ')).toHaveLength(3);
      const row = await gateway.database.db.selectFrom('model_mappings').selectAll().where('hub_model_id', '=', 'meta-llama/Llama-2-7b-chat').execute();
      expect(row).toHaveLength(1);
    });

    it.each([
      [{ provider_model_id: 'gpt-4o', hub_model_id: 'org/model', task_type: 'dancing' }, 400],
      [{ provider_model_id: 'gpt-4o', hub_model_id: 'not a hub id', task_type: 'text-generation' }, 400],
      [{ provider_model_id: 'gpt-4o', task_type: 'text-generation' }, 400],
      [{ provider_model_id: 'no-such-model', hub_model_id: 'org/model', task_type: 'text-generation' }, 404],
      [{ provider_model_id: 'gpt-4o', hub_model_id: 'org/model', task_type: 'image-generation' }, 400],
    ])('rejects mapping %j with %i', async (body, status) => {
      const response = await gateway.request('/hf/tasks/models/map', { key: gateway.adminKey, body });
      expect(response.status).toBe(status);
    });
  });
});
