import { describe, expect, it } from 'vitest';
import { readPng } from '../../../test/support/providers/read-png.js';
import { callOptions, fixtureIn, rejection, sameRouteOn, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture } from '../../../test/support/providers/replay-server.js';
import { createOpenAIAdapter, openAIBaseUrl } from './adapter.js';

const API_KEY = 'sk-proj-Lk3Xq9Wm2Rt7Vz4Nc8Hb1Pd6Js0Fy5GaUe3Oi8Rn2Wq7Tz4Vc';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createOpenAIAdapter({ apiKey: API_KEY, baseUrl: sameRouteOn(origin, openAIBaseUrl) }));

describe('OpenAI adapter: embeddings and images', () => {
  it('embeds at /v1/embeddings, putting vectors back in input order, with prompt tokens as input', async () => {
    replay.server.reply(jsonFixture(fixture('embeddings.json')));
    const result = await replay.adapter.embed!({ model: 'text-embedding-3-small', inputs: ['first', 'second'], dimensions: 4 }, callOptions());

    // The fixture lists index 1 before index 0.
    expect(result.embeddings).toEqual([
      [0.0023064255, -0.009327292, 0.015797347, -0.0077780345],
      [-0.0133, 0.0412, -0.0051, 0.0274],
    ]);
    expect(result.usage).toMatchObject({ inputTokens: 8, outputTokens: 0, raw: { prompt_tokens: 8, total_tokens: 8 } });
    const sent = replay.sent();
    expect(sent.path).toBe('/v1/embeddings');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent.body).toEqual({ model: 'text-embedding-3-small', input: ['first', 'second'], encoding_format: 'float', dimensions: 4 });
  });

  it('generates with gpt-image: no response_format nor seed sent, PNG bytes and token usage back', async () => {
    replay.server.reply(jsonFixture(fixture('images-generation.json')));
    const result = await replay.adapter.generateImage!(
      { model: 'gpt-image-1', prompt: 'a photo of a sea otter', width: 1024, height: 1024, seed: 3 },
      callOptions(),
    );

    expect(result.images[0]?.mediaType).toBe('image/png');
    expect(readPng(result.images[0]!.data)).toMatchObject({ width: 8, height: 8 });
    expect(result.usage).toMatchObject({ images: 1, inputTokens: 14, outputTokens: 272 });
    const sent = replay.sent();
    expect(sent.path).toBe('/v1/images/generations');
    expect(sent.body).toEqual({ model: 'gpt-image-1', prompt: 'a photo of a sea otter', size: '1024x1024' });
  });

  it('returns a safety-system rejection (400) at once', async () => {
    replay.server.reply(jsonFixture(fixture('error-400-content-policy.json')));
    const error = await rejection(replay.adapter.generateImage!({ model: 'gpt-image-1', prompt: 'something disallowed' }, callOptions()));
    expect(error).toMatchObject({ provider: 'openai', kind: 'http', status: 400, isRetryable: false });
    expect(error.upstreamMessage).toMatch(/^Your request was rejected as a result of our safety system/);
  });
});
