import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparePython, resultOf, runClientScript, type Report } from './e2e/python-clients.js';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

/**
 * The real Python clients, unmodified, against a listening gateway whose upstream is the simulator:
 * huggingface_hub's InferenceClient on the HF-native per-model routes and `openai` on /v1. The
 * scripts (test/e2e/*.py) print what each call returned, as the client parsed it; these tests assert
 * on that content. Route logic does not depend on the database, so PGlite alone keeps this fast.
 */
const python = await preparePython();
const EMBEDDING_DIMENSION = 384;

describe.skipIf(python === null)('real Python clients against a listening gateway', () => {
  let gateway: TestGateway;
  let hub: Report;
  let openai: Report;
  beforeAll(async () => {
    gateway = await startTestGateway(databaseKinds()[0]!);
    const target = { url: gateway.url, key: gateway.userKey };
    [hub, openai] = await Promise.all([runClientScript(python!, 'hf_hub_client.py', target), runClientScript(python!, 'openai_client.py', target)]);
  }, 300_000);
  afterAll(() => gateway?.close());

  describe('huggingface_hub InferenceClient', () => {
    const hubResult = (call: string) => resultOf(hub, call);

    it.each(['chat_completion', 'chat_completion_root'])('%s answers a ChatCompletionOutput with assistant content', (call) => {
      const output = hubResult(call);
      expect(output).toMatchObject({
        class: 'ChatCompletionOutput',
        choice_class: 'ChatCompletionOutputComplete',
        object: 'chat.completion',
        role: 'assistant',
      });
      expect(output.content).toMatch(/\S/);
      expect(['stop', 'length']).toContain(output.finish_reason);
      expect(output.usage.total_tokens).toBe(output.usage.prompt_tokens + output.usage.completion_tokens);
    });

    it.each(['chat_completion_stream', 'chat_completion_root_stream'])('%s streams chunks that concatenate to the full answer', (call) => {
      const stream = hubResult(call);
      const whole = hubResult(call.replace('_stream', ''));
      expect(stream.classes).toEqual(['ChatCompletionStreamOutput']);
      expect(stream.deltas.filter((delta: string | null) => delta).length).toBeGreaterThan(1);
      // The simulator answers the same prompt identically, so the stream must rebuild the plain answer.
      expect(stream.deltas.join('')).toBe(whole.content);
      expect(stream.finish_reasons.at(-1)).toMatch(/^(stop|length)$/);
      expect(stream.ids).toHaveLength(1);
    });

    it('text_generation returns the continuation as a str, without the prompt', () => {
      const { class: type, text, prompt } = hubResult('text_generation');
      expect(type).toBe('str');
      expect(text).toMatch(/\S/);
      expect(text.startsWith(prompt)).toBe(false);
    });

    it('text_generation details=True returns TextGenerationOutput, finish_reason length at a small max_new_tokens', () => {
      const output = hubResult('text_generation_details');
      expect(output).toMatchObject({
        class: 'TextGenerationOutput',
        details_class: 'TextGenerationOutputDetails',
        finish_reason: 'length',
        generated_tokens: 3,
      });
      expect(output.generated_text).toMatch(/\S/);
    });

    it('text_generation details=True lists every generated token, as TGI does', () => {
      const output = hubResult('text_generation_details');
      expect(output.tokens).toHaveLength(output.generated_tokens);
      expect(output.tokens.join('')).toBe(output.generated_text);
    });

    it('text_generation stream=True yields several str tokens that join into the generated text', () => {
      const stream = hubResult('text_generation_stream');
      const detailed = hubResult('text_generation_stream_details');
      expect(stream.classes).toEqual(['str']);
      expect(stream.tokens.filter((token: string) => token).length).toBeGreaterThan(1);
      expect(detailed.classes).toEqual(['TextGenerationStreamOutput']);
      expect(detailed.tokens.join('')).toBe(detailed.generated_text);
      expect(stream.tokens.join('')).toBe(detailed.generated_text);
      expect(detailed.finish_reason).toBe('length');
    });

    it('summarization returns a SummarizationOutput with a summary', () => {
      const output = hubResult('summarization');
      expect(output.class).toBe('SummarizationOutput');
      expect(output.summary_text).toMatch(/\S/);
    });

    it.each(['translation', 'translation_mapped_languages'])('%s returns a TranslationOutput with a translation', (call) => {
      const output = hubResult(call);
      expect(output.class).toBe('TranslationOutput');
      expect(output.translation_text).toMatch(/\S/);
    });

    it('question_answering returns a verbatim span of the context with its offsets', () => {
      const { class: type, answer, start, end, score, context } = hubResult('question_answering');
      expect(type).toBe('QuestionAnsweringOutputElement');
      expect(answer).toMatch(/\S/);
      expect(context.slice(start, end)).toBe(answer);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    });

    it("text_classification scores the model's labels, best first, summing to 1", () => {
      const output = hubResult('text_classification');
      expect(output).toMatchObject({ class: 'list', element_classes: ['TextClassificationOutputElement'] });
      expect([...output.labels].sort()).toEqual(['NEGATIVE', 'POSITIVE']);
      expect(output.scores.reduce((sum: number, score: number) => sum + score, 0)).toBeCloseTo(1, 6);
      expect([...output.scores].sort((a, b) => b - a)).toEqual(output.scores);
    });

    it('token_classification entities are slices of the input text', () => {
      const { class: type, element_classes, entities, text } = hubResult('token_classification');
      expect(type).toBe('list');
      expect(element_classes).toEqual(['TokenClassificationOutputElement']);
      expect(entities.length).toBeGreaterThan(0);
      for (const entity of entities) {
        expect(text.slice(entity.start, entity.end)).toBe(entity.word);
        expect(['PER', 'ORG', 'LOC', 'MISC']).toContain(entity.entity_group);
      }
    });

    it('feature_extraction returns a float32 ndarray, one unit row per input', () => {
      expect(hubResult('feature_extraction')).toMatchObject({ class: 'ndarray', shape: [1, EMBEDDING_DIMENSION], dtype: 'float32', finite: true });
      expect(hubResult('feature_extraction_batch')).toMatchObject({ class: 'ndarray', shape: [2, EMBEDDING_DIMENSION], dtype: 'float32', finite: true });
      for (const norm of hubResult('feature_extraction_batch').norms) expect(norm).toBeCloseTo(1, 3);
    });

    it('text_to_image returns a PIL PNG image of the requested size', () => {
      const image = hubResult('text_to_image');
      expect(image).toMatchObject({ class: 'PngImageFile', format: 'PNG' });
      expect(image.size).toEqual(image.requested_size);
    });

    it("a rejected request shows the gateway's reason in the client's exception", () => {
      const rejected = hubResult('text_to_image_invalid_size');
      expect(rejected).toMatchObject({ raised: 'BadRequestError', status: 400 });
      // huggingface_hub prints the X-Error-Message header and the body's `error`, never `message`.
      expect(rejected.message).toMatch(/height/);
    });

    it("a rejected request's exception names the request id, for support", () => {
      // huggingface_hub appends "Request ID: …" from an X-Request-Id header (hf-provider-spec §5, §8.A.3).
      expect(hubResult('text_to_image_invalid_size').message).toMatch(/Request ID: [0-9a-f-]{36}/);
    });
  });

  describe('openai (Python) on /v1', () => {
    const openaiResult = (call: string) => resultOf(openai, call);

    it('chat answers a ChatCompletion with assistant content and usage', () => {
      const output = openaiResult('chat');
      expect(output).toMatchObject({ class: 'ChatCompletion', object: 'chat.completion', role: 'assistant' });
      expect(output.content).toMatch(/\S/);
      expect(['stop', 'length']).toContain(output.finish_reason);
      expect(output.usage.total_tokens).toBe(output.usage.prompt_tokens + output.usage.completion_tokens);
    });

    it('chat stream chunks concatenate to the answer, with usage last when asked for', () => {
      const stream = openaiResult('chat_stream');
      expect(stream.classes).toEqual(['ChatCompletionChunk']);
      expect(stream.objects).toEqual(['chat.completion.chunk']);
      expect(stream.deltas.filter((delta: string | null) => delta).length).toBeGreaterThan(1);
      expect(stream.deltas.join('')).toBe(openaiResult('chat').content);
      expect(stream.finish_reasons.at(-1)).toMatch(/^(stop|length)$/);
      const usage = stream.usage.at(-1);
      expect(usage.completion_tokens).toBeGreaterThan(0);
      expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    });

    it('chat with a required tool returns a tool call whose arguments are JSON', () => {
      const output = openaiResult('chat_tools');
      expect(output.finish_reason).toBe('tool_calls');
      expect(output.tool_calls.length).toBeGreaterThan(0);
      const [call] = output.tool_calls;
      expect(call).toMatchObject({ type: 'function', name: 'get_weather', id: expect.stringMatching(/\S/) });
      expect(call.arguments.parsed).toEqual({ city: expect.any(String) });
    });

    it('completions returns text within max_tokens', () => {
      const output = openaiResult('completions');
      expect(output).toMatchObject({ class: 'Completion', object: 'text_completion' });
      expect(output.text).toMatch(/\S/);
      expect(['stop', 'length']).toContain(output.finish_reason);
      expect(output.usage.completion_tokens).toBeLessThanOrEqual(5);
    });

    it.each(['embeddings', 'embeddings_float'])('%s returns one float vector per input, of the model dimension', (call) => {
      const output = openaiResult(call);
      expect(output).toMatchObject({
        class: 'CreateEmbeddingResponse',
        object: 'list',
        count: 2,
        indexes: [0, 1],
        raw_types: ['list', 'list'],
        all_floats: true,
      });
      expect(output.lengths).toEqual([EMBEDDING_DIMENSION, EMBEDDING_DIMENSION]);
      expect(output.usage.prompt_tokens).toBeGreaterThan(0);
    });

    it.each(['images_b64_json', 'images_url'])('%s yields a PNG of the requested size', (call) => {
      const output = openaiResult(call);
      expect(output.count).toBe(1);
      expect(output.image).toMatchObject({ format: 'PNG', png_signature: true, size: [128, 64] });
    });

    it('models lists model ids with pricing in USD per million tokens and a context length', () => {
      const { class: type, models } = openaiResult('models');
      expect(type).toMatch(/^SyncPage/);
      expect(models.length).toBeGreaterThan(0);
      for (const model of models) expect(model).toMatchObject({ id: expect.stringMatching(/\S/), object: 'model' });
      const priced = models.filter((model: any) => model.pricing);
      expect(priced.length).toBeGreaterThan(0);
      for (const model of priced) {
        expect(Number(model.pricing.input)).toBeGreaterThanOrEqual(0);
        expect(Number(model.pricing.output)).toBeGreaterThanOrEqual(0);
      }
      // The Hub id the chat calls above used is listed, priced, with its context window.
      expect(models.find((model: any) => model.id === 'meta-llama/Llama-3.1-8B-Instruct')).toMatchObject({
        pricing: { input: expect.any(Number), output: expect.any(Number) },
        context_length: expect.any(Number),
      });
      expect(priced.every((model: any) => Number.isInteger(model.context_length))).toBe(true);
    });
  });
});
