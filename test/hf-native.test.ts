import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { readEvents, startTestGateway, uuidPattern, type TestGateway } from './support/test-gateway.js';

/** The per-model routes in the exact shapes of hf-provider-spec §5 (the real clients are in real-clients-*.test.ts). */
describe.each(databaseKinds())('HF-native model routes on %s', (kind) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(kind);
    // A translation model whose mapping sets no target language.
    const mapping = { provider_model_id: 'gpt-4o-mini', hub_model_id: 'acme/any-to-any', task_type: 'translation' };
    expect((await gateway.request('/hf/tasks/models/map', { key: gateway.adminKey, body: mapping })).status).toBe(200);
  });
  afterAll(() => gateway.close());

  const post = async (model: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await gateway.request(`/models/${model}`, { body, headers });
    expect(response.headers.get('inference-id')).toMatch(uuidPattern);
    return response;
  };
  const json = async (model: string, body: unknown) => {
    const response = await post(model, body);
    return { status: response.status, body: (await response.json()) as any };
  };

  it('text-generation answers TGI shapes: [{generated_text}] without the prompt, details when asked', async () => {
    const plain = await json('meta-llama/Llama-3.1-8B-Instruct', { inputs: 'Hello', parameters: { max_new_tokens: 5 } });
    expect(plain.body).toEqual([{ generated_text: expect.any(String) }]);
    expect(plain.body[0].generated_text.split(' ')).toHaveLength(5);
    expect(plain.body[0].generated_text.startsWith('Hello')).toBe(false);
    const detailed = await json('meta-llama/Llama-3.1-8B-Instruct', {
      inputs: 'Hello',
      parameters: { max_new_tokens: 3, details: true, do_sample: false, return_full_text: false, stop: [] },
    });
    expect(detailed.body[0].details).toMatchObject({ finish_reason: 'length', generated_tokens: 3 });
    expect(detailed.body[0].details.tokens.map((token: { text: string }) => token.text).join('')).toBe(detailed.body[0].generated_text);
  });

  it('text-generation streams TGI events, every one with a token, then [DONE]', async () => {
    const response = await post('meta-llama/Llama-3.1-8B-Instruct', { inputs: 'Hello', parameters: { max_new_tokens: 4 }, stream: true });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(response);
    expect(events.at(-1)).toBe('[DONE]');
    const payloads = events.slice(0, -1) as { token: { text: string }; generated_text: string | null }[];
    for (const event of payloads) expect(event.token).toBeDefined();
    expect(payloads.at(-1)!.generated_text).toBe(
      payloads
        .slice(0, -1)
        .map((event) => event.token.text)
        .join(''),
    );
  });

  it('answers every other task in its HF shape', async () => {
    expect((await json('facebook/bart-large-cnn', { inputs: 'long text', parameters: {} })).body).toEqual([{ summary_text: expect.any(String) }]);
    expect((await json('Helsinki-NLP/opus-mt-en-fr', { inputs: 'hello', parameters: { src_lang: 'en', tgt_lang: 'fr' } })).body).toEqual([
      { translation_text: expect.any(String) },
    ]);
    const qa = (await json('deepset/roberta-base-squad2', { inputs: { question: 'Who?', context: 'My name is Clara' }, parameters: {} })).body;
    expect('My name is Clara'.slice(qa.start, qa.end)).toBe(qa.answer);
    const classes = (await json('distilbert/distilbert-base-uncased-finetuned-sst-2-english', { inputs: 'I love it' })).body;
    expect(classes).toHaveLength(1);
    expect(classes[0].map((entry: { label: string }) => entry.label).sort()).toEqual(['NEGATIVE', 'POSITIVE']);
    const entities = (await json('dslim/bert-base-NER', { inputs: 'My name is Omar', parameters: {} })).body;
    for (const entity of entities) expect('My name is Omar'.slice(entity.start, entity.end)).toBe(entity.word);
    expect(entities[0]).toHaveProperty('entity_group');
  });

  it('serves the OpenAI routes under a model URL, with the model from the path whatever the body says', async () => {
    const chat = await gateway.request('/models/meta-llama/Llama-3.1-8B-Instruct/v1/chat/completions', {
      body: { model: 'dummy', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 5 },
    });
    expect(chat.status).toBe(200);
    const completion = (await chat.json()) as { model: string; choices: { message: { content: string } }[] };
    expect(completion.model).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(completion.choices[0]!.message.content.split(' ')).toHaveLength(5);
    const row = await gateway.database.db.selectFrom('usage').selectAll().where('request_id', '=', chat.headers.get('inference-id')!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ model: 'llama-3.1-8b-instruct', task: 'conversational' });

    // @huggingface/inference >= 4.13.18 sends text-generation here, with the endpoint URL as model.
    const legacy = await gateway.request('/models/meta-llama/Llama-3.1-8B-Instruct/v1/completions', {
      body: { model: `${gateway.url}/models/meta-llama/Llama-3.1-8B-Instruct`, prompt: 'Hello', max_tokens: 4 },
    });
    expect(legacy.status).toBe(200);
    expect(((await legacy.json()) as { choices: { text: string }[] }).choices[0]!.text.split(' ')).toHaveLength(4);
  });

  it('accepts parameters absent, empty or full of unknown keys', async () => {
    for (const body of [
      { inputs: 'x' },
      { inputs: 'x', parameters: {} },
      { inputs: 'x', parameters: { clean_up_tokenization_spaces: true, truncation: 'only_first', surprise: 1 } },
    ]) {
      expect((await json('facebook/bart-large-cnn', body)).status).toBe(200);
    }
  });

  it.each([
    ['an unmapped model', 'nobody/nothing', { inputs: 'x' }, {}, 404, undefined],
    ['empty inputs', 'facebook/bart-large-cnn', { inputs: '' }, {}, 400, 'validation'],
    ['a body that does not fit the task', 'deepset/roberta-base-squad2', { inputs: 'no question here' }, {}, 400, 'validation'],
    [
      'a QA context without the answer',
      'deepset/roberta-base-squad2',
      { inputs: { question: 'What is the capital of France?', context: 'Bananas are yellow.' } },
      {},
      422,
      'validation',
    ],
    ['an image request for a text model', 'meta-llama/Llama-3.1-8B-Instruct', { inputs: 'x' }, { accept: 'image/png' }, 400, 'validation'],
    ['a translation without a target language', 'acme/any-to-any', { inputs: 'hello' }, {}, 400, 'validation'],
  ])('%s gets a clear 4xx in the shape HF clients parse', async (_name, model, body, headers, status, tgiType) => {
    // TGI's error_type where one fits (huggingface_hub raises ValidationError); none otherwise (HfHubHTTPError with the status).
    const response = await post(model, body, headers);
    expect(response.status).toBe(status);
    expect(response.headers.get('x-error-message')).toEqual(expect.any(String));
    const error = (await response.json()) as Record<string, unknown>;
    expect(error).toEqual({ error: expect.any(String), ...(tgiType ? { error_type: tgiType } : {}) });
  });
});
