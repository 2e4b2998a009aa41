import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

/** OpenAI's `n` (fanned out, every choice billed in the request's one row) and TGI's `grammar`. */
describe.each(databaseKinds())('n choices and TGI grammars on %s', (kind) => {
  let gateway: TestGateway;
  let client: OpenAI;
  beforeAll(async () => {
    gateway = await startTestGateway(kind);
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.userKey, maxRetries: 0 });
  });
  afterAll(() => gateway.close());

  it('chat n = 3 answers three choices, and the one usage row bills all three', async () => {
    const single = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hi' }], max_tokens: 5 });
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hi' }], max_tokens: 5, n: 3 })
      .withResponse();
    expect(data.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
    for (const choice of data.choices) expect(choice.message.content).toMatch(/^Simulated answer about Say hi:/);
    expect(data.usage).toMatchObject({ completion_tokens: 3 * single.usage!.completion_tokens, prompt_tokens: 3 * single.usage!.prompt_tokens });
    const row = await gateway.usageRow(response.headers.get('inference-id')!);
    expect(row).toMatchObject({ status: 'success', output_tokens: 15 });
  });

  it('completions n = 2 answers two choices', async () => {
    const data = await client.completions.create({ model: 'gpt-4o-mini', prompt: 'Hello', max_tokens: 4, n: 2 });
    expect(data.choices.map((choice) => choice.index)).toEqual([0, 1]);
    expect(data.usage?.completion_tokens).toBe(8);
  });

  const schema = { type: 'object', properties: { city: { type: 'string' }, population: { type: 'integer' } }, required: ['city', 'population'] };

  it('a json grammar on text-generation constrains the answer to the schema (both surfaces)', async () => {
    const native = await gateway.request('/models/meta-llama/Llama-3.1-8B-Instruct', {
      body: { inputs: 'A big city', parameters: { grammar: { type: 'json', value: schema }, max_new_tokens: 200 } },
    });
    expect(native.status).toBe(200);
    const [{ generated_text }] = (await native.json()) as [{ generated_text: string }];
    expect(JSON.parse(generated_text)).toEqual({ city: expect.any(String), population: expect.any(Number) });
    const task = await gateway.request('/hf/tasks/text-generation', {
      body: { inputs: 'A big city', parameters: { grammar: { type: 'json', value: schema }, return_full_text: false } },
    });
    const body = (await task.json()) as { output: [{ generated_text: string }] };
    expect(JSON.parse(body.output[0].generated_text)).toEqual({ city: expect.any(String), population: expect.any(Number) });
  });

  it('a regex grammar is a clear 400, never ignored', async () => {
    const response = await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'x', parameters: { grammar: { type: 'regex', value: '\\d+' } } } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/regex grammars are not supported by the upstream providers/);
  });
});
