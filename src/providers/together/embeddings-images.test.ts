import { describe, expect, it } from 'vitest';
import { callOptions, fixtureIn, rejection, sameRouteOn, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture } from '../../../test/support/providers/replay-server.js';
import { createTogetherAdapter, togetherBaseUrl } from './adapter.js';

const API_KEY = 'tgp_v1_Hq3Zr8Nw2Lx7Pc5Vb0Tk9Ms4Jd6Fg1Ya8Ue3Oi2Rn7Wq';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createTogetherAdapter({ apiKey: API_KEY, baseUrl: sameRouteOn(origin, togetherBaseUrl) }));
const imageRequest = { model: 'black-forest-labs/FLUX.1-schnell', prompt: 'a lighthouse at dusk', width: 1024, height: 768, steps: 4, seed: 7, count: 1 };

describe('Together adapter: embeddings and images', () => {
  it('embeds at /v1/embeddings, in input order, with no usage because Together reports none', async () => {
    replay.server.reply(jsonFixture(fixture('embeddings.json')));
    const result = await replay.adapter.embed!({ model: 'BAAI/bge-base-en-v1.5', inputs: ['first text', 'second text'] }, callOptions());

    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings[0]).toEqual([0.0419, -0.0213, 0.0102, 0.0587, -0.0331, 0.0074]);
    expect(result.usage).toMatchObject({ inputTokens: 0, raw: null });
    const sent = replay.sent();
    expect(sent.path).toBe('/v1/embeddings');
    expect(sent.body).toEqual({ model: 'BAAI/bge-base-en-v1.5', input: ['first text', 'second text'], encoding_format: 'float' });
  });

  it("asks for base64 with Together's own parameters and reads the JPEG it answers by default", async () => {
    replay.server.reply(jsonFixture(fixture('images-generation.json')));
    const result = await replay.adapter.generateImage!({ ...imageRequest, negativePrompt: 'fog', guidanceScale: 3.5 }, callOptions());

    expect(result.images).toHaveLength(1);
    expect(result.images[0]?.mediaType).toBe('image/jpeg');
    expect(result.images[0]?.data.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(result.usage).toMatchObject({ images: 1, inputTokens: 0, outputTokens: 0 });
    const sent = replay.sent();
    expect(sent.path).toBe('/v1/images/generations');
    expect(sent.body).toEqual({
      model: 'black-forest-labs/FLUX.1-schnell',
      prompt: 'a lighthouse at dusk',
      response_format: 'base64',
      n: 1,
      width: 1024,
      height: 768,
      steps: 4,
      seed: 7,
      negative_prompt: 'fog',
      guidance_scale: 3.5,
    });
  });

  it('returns a rejected image size (400) with its message, not retried', async () => {
    replay.server.reply(jsonFixture(fixture('error-400-image-size.json')));
    const error = await rejection(replay.adapter.generateImage!({ ...imageRequest, width: 1000 }, callOptions()));
    expect(error).toMatchObject({
      provider: 'together',
      kind: 'http',
      status: 400,
      isRetryable: false,
      upstreamMessage: 'Width must be a multiple of 8 and between 64 and 1792.',
    });
  });
});
