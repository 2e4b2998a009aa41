import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

/** The text tasks a chat model performs, on the Gatewayz surface, through the simulator. */
describe.each(databaseKinds())('text tasks on %s', (kind) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(kind);
  });
  afterAll(() => gateway.close());

  const call = async (task: string, body: unknown) => {
    const response = await gateway.request(`/hf/tasks/${task}`, { body });
    return { status: response.status, body: (await response.json()) as any, id: response.headers.get('inference-id')! };
  };
  const row = (id: string) => gateway.database.db.selectFrom('usage').selectAll().where('request_id', '=', id).executeTakeFirstOrThrow();

  it('summarization answers {"output": {"summary_text"}} and bills the call', async () => {
    const { status, body, id } = await call('summarization', { inputs: 'The tower is 324 metres tall, about the same height as an 81-storey building.' });
    expect(status).toBe(200);
    expect(body).toEqual({ output: { summary_text: expect.stringMatching(/\S/) } });
    expect(await row(id)).toMatchObject({ task: 'summarization', model: 'gpt-4o-mini', status: 'success' });
  });

  it('translation needs a target language, from the request or the model mapping', async () => {
    const ok = await call('translation', { inputs: 'Hello', parameters: { src_lang: 'en', tgt_lang: 'fr' } });
    expect(ok.body).toEqual({ output: { translation_text: expect.stringMatching(/\S/) } });
    const mapped = await call('translation', { inputs: 'Hello', model: 'Helsinki-NLP/opus-mt-en-fr' });
    expect(mapped.status).toBe(200);
    const missing = await call('translation', { inputs: 'Hello' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: expect.stringMatching(/^Missing target language: /), message: expect.stringContaining('tgt_lang') });
  });

  it('question-answering returns a verbatim span of the context with its real offsets', async () => {
    const context = 'My name is Clara and I live in Berkeley.';
    const { status, body } = await call('question-answering', { inputs: { question: 'Who?', context } });
    expect(status).toBe(200);
    const { answer, start, end, score } = body.output;
    expect(answer.length).toBeGreaterThan(0);
    expect(context.slice(start, end)).toBe(answer);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
  });

  it('question-answering 422s a context that does not contain the answer', async () => {
    const { status, body, id } = await call('question-answering', { inputs: { question: 'What is the capital of France?', context: 'Bananas are yellow.' } });
    expect(status).toBe(422);
    expect(body).toEqual({ error: expect.stringMatching(/^No answer in the context: /), error_type: 'Unprocessable', message: expect.any(String) });
    expect(id).toBeTruthy();
  });

  it('text-classification scores every label, best first, summing to 1', async () => {
    const { body } = await call('text-classification', { inputs: 'I love it', parameters: { candidate_labels: ['joy', 'anger', 'fear'] } });
    expect(body.output.map((entry: { label: string }) => entry.label).sort()).toEqual(['anger', 'fear', 'joy']);
    const total = body.output.reduce((sum: number, entry: { score: number }) => sum + entry.score, 0);
    expect(total).toBeCloseTo(1, 10);
    const scores = body.output.map((entry: { score: number }) => entry.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const mapped = await call('text-classification', {
      inputs: 'I love it',
      model: 'distilbert/distilbert-base-uncased-finetuned-sst-2-english',
      parameters: { top_k: 1 },
    });
    expect(mapped.body.output).toHaveLength(1);
    expect(['POSITIVE', 'NEGATIVE']).toContain(mapped.body.output[0].label);
  });

  it('token-classification locates every entity in the input with real offsets', async () => {
    const text = 'My name is Omar and I work at Hugging Face in Paris.';
    const { status, body } = await call('token-classification', { inputs: text });
    expect(status).toBe(200);
    expect(body.output.length).toBeGreaterThan(0);
    for (const entity of body.output) {
      expect(text.slice(entity.start, entity.end)).toBe(entity.word);
      expect(['PER', 'ORG', 'LOC', 'MISC']).toContain(entity.entity_group);
    }
  });

  it('run dispatches every text task', async () => {
    const runs = [
      { task: 'summarization', inputs: 'A long text about towers.' },
      { task: 'translation', inputs: 'Hello', parameters: { tgt_lang: 'de' } },
      { task: 'question-answering', inputs: { question: 'Who?', context: 'My name is Clara.' } },
      { task: 'text-classification', inputs: 'Great!' },
      { task: 'token-classification', inputs: 'Ada lives in London.' },
    ];
    for (const body of runs) {
      const response = await gateway.request('/hf/tasks/run', { body });
      expect(response.status, body.task).toBe(200);
      expect(Object.keys((await response.json()) as object)).toEqual(['output']);
    }
  });

  it.each([
    ['summarization', { inputs: '' }, 400],
    ['question-answering', { inputs: { question: 'Who?' } }, 400],
    ['question-answering', { inputs: 'Who?' }, 400],
    ['text-classification', { inputs: 'x', parameters: { candidate_labels: ['only-one'] } }, 400],
    ['summarization', { inputs: 'x', model: 'flux.1-schnell' }, 400],
    ['image-generation', { inputs: 'a cat', model: 'gpt-4o-mini' }, 400],
    ['summarization', { inputs: 'x', model: 'no-such-model' }, 404],
  ])('%s with %j answers %i in the error format', async (task, body, status) => {
    const response = await call(task, body);
    expect(response.status).toBe(status);
    expect(Object.keys(response.body).sort()).toEqual(['error', 'error_type', 'message']);
  });
});
