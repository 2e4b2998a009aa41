import { InferenceClient } from '@huggingface/inference';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { readEvents, startTestGateway, type TestGateway } from './support/test-gateway.js';

/**
 * /v1/completions streams carry TGI's `token` per chunk (and `generated_text` and `details` on the
 * finishing one), because HF's JS client streams text-generation through this route; OpenAI's
 * clients ignore the extra fields.
 */
describe('text-generation streams through /v1/completions', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(databaseKinds()[0]!);
  });
  afterAll(() => gateway.close());
  const model = 'meta-llama/Llama-3.1-8B-Instruct';

  it("every chunk has TGI's token; the finishing one the whole text and details", async () => {
    const response = await gateway.request('/v1/completions', { body: { model, prompt: 'Hello', max_tokens: 4, stream: true } });
    const events = (await readEvents(response)) as Record<string, any>[];
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1);
    for (const chunk of chunks) expect(chunk.token).toEqual({ id: expect.any(Number), text: chunk.choices[0].text, logprob: 0, special: expect.any(Boolean) });
    const last = chunks.at(-1)!;
    const text = chunks.map((chunk) => chunk.choices[0].text).join('');
    expect(last.generated_text).toBe(text);
    expect(last.details).toEqual({ finish_reason: 'length', generated_tokens: 4, input_length: expect.any(Number) });
  });

  it("@huggingface/inference's textGenerationStream on a model URL reads the tokens and the final text", async () => {
    const hf = new InferenceClient(gateway.userKey);
    const tokens: string[] = [];
    let generated: string | null | undefined;
    for await (const output of hf.textGenerationStream({ endpointUrl: `${gateway.url}/models/${model}`, inputs: 'Hello', parameters: { max_new_tokens: 5 } })) {
      tokens.push(output.token.text);
      if (output.generated_text) generated = output.generated_text;
    }
    expect(tokens.join('').split(' ')).toHaveLength(5);
    expect(generated).toBe(tokens.join(''));
  });

  it('the openai npm client streams the same completions and ignores the TGI fields', async () => {
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.userKey, maxRetries: 0 });
    const stream = await client.completions.create({ model, prompt: 'Hello', max_tokens: 5, stream: true });
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text.split(' ')).toHaveLength(5);
    expect(finish).toBe('length');
  });
});
