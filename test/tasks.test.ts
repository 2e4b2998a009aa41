import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { readEvents, startTestGateway, uuidPattern, type TestGateway } from './support/test-gateway.js';

describe.each(databaseKinds())('tasks on %s', (kind) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(kind);
  });
  afterAll(() => gateway.close());

  describe('text-generation', () => {
    it('answers the seed example with the prompt and a continuation, and commits the usage row first', async () => {
      const response = await gateway.request('/hf/tasks/text-generation', {
        body: { inputs: 'The future of AI is', parameters: { max_tokens: 100, temperature: 0.7, model: 'gpt-3.5-turbo' } },
      });
      expect(response.status).toBe(200);
      const inferenceId = response.headers.get('inference-id')!;
      expect(inferenceId).toMatch(uuidPattern);
      const body = (await response.json()) as { output: { generated_text: string }[] };
      expect(body.output).toHaveLength(1);
      expect(body.output[0]!.generated_text).toMatch(/^The future of AI is \S/);

      // Durable ledger: the row exists the moment the response is complete.
      const row = await gateway.usageRow(inferenceId);
      expect(row).toMatchObject({ user_id: 'alice', task: 'text-generation', model: 'gpt-3.5-turbo', provider: 'simulator', status: 'success' });
      expect(row!.input_tokens).toBe(5);
      expect(row!.output_tokens).toBe(90);
      // $0.50 / $1.50 per million: ceil((5 * 500000000 + 90 * 1500000000) / 1e6)
      expect(row!.cost_nano_usd).toBe(137_500n);
      expect(typeof row!.cost_nano_usd).toBe('bigint');
      expect(row!.price_id).not.toBeNull();
    });

    it('honours max_tokens / max_new_tokens and return_full_text=false', async () => {
      const response = await gateway.request('/hf/tasks/text-generation', {
        body: { inputs: 'Hello', parameters: { max_new_tokens: 3, return_full_text: false, do_sample: true } },
      });
      const body = (await response.json()) as { output: { generated_text: string }[] };
      expect(body.output[0]!.generated_text.split(' ')).toHaveLength(3);
      expect(body.output[0]!.generated_text.startsWith('Hello')).toBe(false);
    });

    it('uses the default model when none is named, and accepts a Hub model id from the mapping registry', async () => {
      const plain = await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'Hi' } });
      expect((await gateway.usageRow(plain.headers.get('inference-id')!)).model).toBe('gpt-3.5-turbo');
      const mapped = await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'Hi', model: 'meta-llama/Llama-3.1-8B-Instruct' } });
      expect(mapped.status).toBe(200);
      expect((await gateway.usageRow(mapped.headers.get('inference-id')!)).model).toBe('llama-3.1-8b-instruct');
    });

    it('streams token events, then a final event with the full text and usage, then [DONE]', async () => {
      const response = await gateway.request('/hf/tasks/text-generation', {
        body: { inputs: 'Tell me', stream: true, parameters: { max_tokens: 6, model: 'gpt-3.5-turbo' } },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const inferenceId = response.headers.get('inference-id')!;
      expect(inferenceId).toMatch(uuidPattern);
      const events = await readEvents(response);
      expect(events.at(-1)).toBe('[DONE]');
      const payloads = events.slice(0, -1) as { token: { text: string }; generated_text: string | null; usage?: Record<string, number> }[];
      const tokens = payloads.slice(0, -1);
      expect(tokens.length).toBeGreaterThan(1);
      for (const event of payloads) expect(event.token).toBeDefined();
      const final = payloads.at(-1)!;
      expect(final.generated_text).toBe(`Tell me ${tokens.map((event) => event.token.text).join('')}`);
      expect(final.usage).toEqual({ input_tokens: 2, output_tokens: 6, cost_nano_usd: 10_000 });
      const row = await gateway.usageRow(inferenceId);
      expect(row).toMatchObject({ status: 'success', output_tokens: 6, cost_nano_usd: 10_000n });
    });

    it('also streams when stream is inside parameters', async () => {
      const response = await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'x', parameters: { stream: true, max_tokens: 2 } } });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect((await readEvents(response)).at(-1)).toBe('[DONE]');
    });
  });

  describe('conversational', () => {
    it('returns the conversation with the new turn appended', async () => {
      const response = await gateway.request('/hf/tasks/conversational', {
        body: { text: 'What is AI?', past_user_inputs: ['Hello'], generated_responses: ['Hi there!'] },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { conversation: { past_user_inputs: string[]; generated_responses: string[] } };
      expect(body.conversation.past_user_inputs).toEqual(['Hello', 'What is AI?']);
      expect(body.conversation.generated_responses).toHaveLength(2);
      expect(body.conversation.generated_responses[0]).toBe('Hi there!');
      expect(body.conversation.generated_responses[1]).toContain('What is AI?');
      // The history reached the model: three messages' words are counted as input.
      const row = await gateway.usageRow(response.headers.get('inference-id')!);
      expect(row!.input_tokens).toBe(1 + 2 + 3);
      expect(row!.task).toBe('conversational');
    });

    it('streams, ending with the conversation and usage', async () => {
      const response = await gateway.request('/hf/tasks/conversational', { body: { text: 'Hi', stream: true, parameters: { max_tokens: 4 } } });
      const events = await readEvents(response);
      const final = events.at(-2) as { conversation: { generated_responses: string[] }; generated_text: string; usage: { output_tokens: number } };
      expect(final.conversation.generated_responses).toEqual([final.generated_text]);
      expect(final.usage.output_tokens).toBe(4);
    });

    it('rejects a history whose inputs and responses do not pair up', async () => {
      const response = await gateway.request('/hf/tasks/conversational', { body: { text: 'Hi', past_user_inputs: ['a', 'b'], generated_responses: ['c'] } });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error_type: 'InvalidRequest', message: expect.stringContaining('generated_responses') });
    });
  });

  describe('run', () => {
    it('dispatches text-generation like the dedicated route', async () => {
      const response = await gateway.request('/hf/tasks/run', { body: { task: 'text-generation', model: 'gpt-3.5-turbo', inputs: 'Hello', parameters: {} } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { output: { generated_text: string }[] };
      expect(body.output[0]!.generated_text).toMatch(/^Hello /);
      expect((await gateway.usageRow(response.headers.get('inference-id')!)).task).toBe('text-generation');
    });

    it('dispatches conversational with a string or a conversation object', async () => {
      const plain = await gateway.request('/hf/tasks/run', { body: { task: 'conversational', inputs: 'Hi' } });
      expect(((await plain.json()) as { conversation: { past_user_inputs: string[] } }).conversation.past_user_inputs).toEqual(['Hi']);
      const history = await gateway.request('/hf/tasks/run', {
        body: { task: 'conversational', inputs: { text: 'And?', past_user_inputs: ['Q'], generated_responses: ['A'] } },
      });
      expect(((await history.json()) as { conversation: { past_user_inputs: string[] } }).conversation.past_user_inputs).toEqual(['Q', 'And?']);
    });

    it('streams through run', async () => {
      const response = await gateway.request('/hf/tasks/run', { body: { task: 'text-generation', inputs: 'Hi', stream: true, parameters: { max_tokens: 2 } } });
      expect((await readEvents(response)).at(-1)).toBe('[DONE]');
    });

    it('validates the task input and names the task', async () => {
      const wrongInput = await gateway.request('/hf/tasks/run', { body: { task: 'text-generation', inputs: 42 } });
      expect(wrongInput.status).toBe(400);
      expect(((await wrongInput.json()) as { message: string }).message).toContain('inputs');
      const unknown = await gateway.request('/hf/tasks/run', { body: { task: 'dance', inputs: 'x' } });
      expect(unknown.status).toBe(400);
      expect(((await unknown.json()) as { message: string }).message).toContain('task');
    });
  });

  describe('models that cannot be served', () => {
    it('404s an unknown model and records nothing', async () => {
      const before = await gateway.database.db
        .selectFrom('usage')
        .select((eb) => eb.fn.countAll<bigint>().as('n'))
        .executeTakeFirstOrThrow();
      const response = await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'Hi', parameters: { model: 'no-such-model' } } });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: expect.stringMatching(/^Model not found: .*no-such-model/),
        error_type: 'NotFound',
        message: expect.stringContaining('no-such-model'),
      });
      const after = await gateway.database.db
        .selectFrom('usage')
        .select((eb) => eb.fn.countAll<bigint>().as('n'))
        .executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    });
  });
});
