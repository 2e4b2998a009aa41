import { InferenceClient } from '@huggingface/inference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

/**
 * @huggingface/inference (the real npm client, exactly pinned) pointed at Gatewayz's per-model
 * routes with `endpointUrl`, as hf-provider-spec §4 describes: non-chat tasks POST to the model URL
 * itself, chat to `{url}/v1/chat/completions`, text generation to `{url}/v1/completions`.
 * Route logic does not depend on the database, so PGlite alone keeps this fast.
 */
describe('@huggingface/inference with endpointUrl against a listening gateway', () => {
  let gateway: TestGateway;
  /** Every request the client made, to prove none left loopback and to explain failures. */
  const sent: { url: string; body: string }[] = [];
  beforeAll(async () => {
    gateway = await startTestGateway(databaseKinds()[0]!);
  });
  afterAll(() => gateway?.close());

  const client = (model: string) =>
    new InferenceClient(gateway.userKey, {
      endpointUrl: `${gateway.url}/models/${model}`,
      // The real fetch, refusing anything but the gateway: no call may reach huggingface.co.
      fetch: async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        sent.push({ url, body: typeof init?.body === 'string' ? init.body : `<${typeof init?.body}>` });
        if (!url.startsWith(gateway.url)) throw new Error(`the client tried to leave the gateway: ${url}`);
        return fetch(input, init);
      },
    });
  const chatModel = () => client('meta-llama/Llama-3.1-8B-Instruct');
  const messages = [{ role: 'user', content: 'Name one primary color.' }];

  it('chatCompletion answers assistant content with usage', async () => {
    const output = await chatModel().chatCompletion({ messages, max_tokens: 32 });
    expect(output.object).toBe('chat.completion');
    expect(output.choices[0]!.message).toMatchObject({ role: 'assistant', content: expect.stringMatching(/\S/) });
    expect(['stop', 'length']).toContain(output.choices[0]!.finish_reason);
    expect(output.usage.total_tokens).toBe(output.usage.prompt_tokens + output.usage.completion_tokens);
  });

  it('chatCompletionStream chunks concatenate to the same answer', async () => {
    const whole = await chatModel().chatCompletion({ messages, max_tokens: 32 });
    const deltas: string[] = [];
    let finishReason: string | null | undefined;
    for await (const chunk of chatModel().chatCompletionStream({ messages, max_tokens: 32 })) {
      expect(chunk.object).toBe('chat.completion.chunk');
      const choice = chunk.choices[0];
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finishReason = choice.finish_reason;
    }
    expect(deltas.length).toBeGreaterThan(1);
    // The simulator answers the same prompt identically, so the stream must rebuild the plain answer.
    expect(deltas.join('')).toBe(whole.choices[0]!.message.content);
    expect(finishReason).toMatch(/^(stop|length)$/);
  });

  it('textGeneration returns generated_text without the prompt', async () => {
    const prompt = 'The three primary colors are';
    const output = await chatModel().textGeneration({ inputs: prompt, parameters: { max_new_tokens: 5 } });
    expect(output.generated_text).toMatch(/\S/);
    expect(output.generated_text.startsWith(prompt)).toBe(false);
  });

  it('textGenerationStream yields OpenAI completion chunks that join into the text', async () => {
    const prompt = 'The three primary colors are';
    const whole = await chatModel().textGeneration({ inputs: prompt, parameters: { max_new_tokens: 5 } });
    const pieces: string[] = [];
    // Since 4.13.18 the client yields the raw /v1/completions SSE chunks (hf-provider-spec §4).
    for await (const chunk of chatModel().textGenerationStream({ inputs: prompt, parameters: { max_new_tokens: 5 } })) {
      pieces.push((chunk as unknown as { choices: { text: string }[] }).choices[0]?.text ?? '');
    }
    expect(pieces.filter(Boolean).length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(whole.generated_text);
  });

  it('summarization returns a summary_text', async () => {
    const output = await client('facebook/bart-large-cnn').summarization({
      inputs: 'The Eiffel Tower is 324 metres tall, about the same height as an 81-storey building, and the tallest structure in Paris.',
    });
    expect(output).toEqual({ summary_text: expect.stringMatching(/\S/) });
  });

  it('translation returns a translation_text, with or without languages', async () => {
    const translator = client('Helsinki-NLP/opus-mt-en-fr');
    const explicit = await translator.translation({ inputs: 'Hello, how are you?', parameters: { src_lang: 'en', tgt_lang: 'fr' } });
    expect(explicit).toEqual({ translation_text: expect.stringMatching(/\S/) });
    const mapped = await translator.translation({ inputs: 'Good morning' });
    expect(mapped).toEqual({ translation_text: expect.stringMatching(/\S/) });
  });

  it('questionAnswering returns a verbatim span of the context with its offsets', async () => {
    const context = 'My name is Clara and I live in Berkeley.';
    const output = await client('deepset/roberta-base-squad2').questionAnswering({ inputs: { question: 'Where does Clara live?', context } });
    expect(output.answer).toMatch(/\S/);
    expect(context.slice(output.start, output.end)).toBe(output.answer);
    expect(output.score).toBeGreaterThanOrEqual(0);
    expect(output.score).toBeLessThanOrEqual(1);
  });

  it("textClassification scores the model's labels, best first, summing to 1", async () => {
    const output = await client('distilbert/distilbert-base-uncased-finetuned-sst-2-english').textClassification({
      inputs: 'I love this movie, it is wonderful!',
    });
    expect(output.map((entry) => entry.label).sort()).toEqual(['NEGATIVE', 'POSITIVE']);
    expect(output.reduce((sum, entry) => sum + entry.score, 0)).toBeCloseTo(1, 6);
    const scores = output.map((entry) => entry.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('tokenClassification entities carry entity_group and are slices of the input', async () => {
    const text = 'My name is Omar and I work at Hugging Face in Paris.';
    const output = await client('dslim/bert-base-NER').tokenClassification({ inputs: text });
    expect(output.length).toBeGreaterThan(0);
    for (const entity of output) {
      expect(['PER', 'ORG', 'LOC', 'MISC']).toContain(entity.entity_group);
      expect(text.slice(entity.start, entity.end)).toBe(entity.word);
    }
  });

  it('featureExtraction returns one finite unit vector of the model dimension per input', async () => {
    const embedder = client('BAAI/bge-base-en-v1.5');
    const single = await embedder.featureExtraction({ inputs: 'Today is a sunny day.' });
    // TEI answers [[...]] for one string, sentence-transformers [...]: both are valid HF shapes.
    const vector = (Array.isArray(single[0]) ? single[0] : single) as number[];
    expect(vector).toHaveLength(384);
    expect(vector.every(Number.isFinite)).toBe(true);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 3);
    const batch = (await embedder.featureExtraction({ inputs: ['first sentence', 'second sentence'] })) as number[][];
    expect(batch.map((row) => row.length)).toEqual([384, 384]);
  });

  it('textToImage returns a PNG Blob of the requested size', async () => {
    const blob = await client('black-forest-labs/FLUX.1-schnell').textToImage(
      { inputs: 'an astronaut riding a horse', parameters: { width: 96, height: 64 } },
      // The default; spelled out because the overloads type an omitted option as the URL form.
      { outputType: 'blob' },
    );
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.type).toBe('image/png');
    const bytes = Buffer.from(await blob.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR, the first chunk, holds width and height as big-endian 32-bit integers.
    expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([96, 64]);
  });

  it("a rejected request shows the gateway's reason in the client's error", async () => {
    const failure = await client('black-forest-labs/FLUX.1-schnell')
      .textToImage({ inputs: 'an astronaut riding a horse', parameters: { width: 96, height: 1 } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    // The client builds its message from the body's `error`, else `detail`, else `message`.
    expect((failure as Error).message).toMatch(/height/);
  });

  it('never sent a request anywhere but the gateway', () => {
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) expect(request.url.startsWith(gateway.url)).toBe(true);
  });
});
