import { getEncoding } from 'js-tiktoken';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

/** Token-id inputs to /v1/embeddings (LangChain's default): decoded with the model's tokenizer. */
describe('token-id inputs to /v1/embeddings', () => {
  let gateway: TestGateway;
  let client: OpenAI;
  beforeAll(async () => {
    gateway = await startTestGateway(databaseKinds()[0]!);
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.userKey, maxRetries: 0 });
  });
  afterAll(() => gateway.close());
  const encoding = getEncoding('cl100k_base');

  it('embeds token ids as the text they encode, for text-embedding-3-small', async () => {
    const texts = ['The quick brown fox', 'jumps over the lazy dog'];
    const fromText = await client.embeddings.create({ model: 'text-embedding-3-small', input: texts, encoding_format: 'float' });
    const fromIds = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: texts.map((text) => encoding.encode(text)),
      encoding_format: 'float',
    });
    expect(fromIds.data.map((item) => item.embedding)).toEqual(fromText.data.map((item) => item.embedding));
    const single = await client.embeddings.create({ model: 'text-embedding-3-small', input: encoding.encode(texts[0]!), encoding_format: 'float' });
    expect(single.data[0]!.embedding).toEqual(fromText.data[0]!.embedding);
  });

  it('answers a 400 saying so for a model whose tokenizer is unknown', async () => {
    const error = await client.embeddings.create({ model: 'bge-base-en-v1.5', input: [[791, 4062]] }).then(
      () => expect.fail('accepted'),
      (caught: unknown) => caught as InstanceType<typeof OpenAI.BadRequestError>,
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.message).toMatch(/Token-id input needs a model with a known tokenizer/);
  });
});
