import { describe, expect, it } from 'vitest';
import { callOptions, fixtureIn, sameRouteOn, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture } from '../../../test/support/providers/replay-server.js';
import { createMistralAdapter, mistralBaseUrl } from './adapter.js';

const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createMistralAdapter({ apiKey: 'mistral-test-key-0000', baseUrl: sameRouteOn(origin, mistralBaseUrl) }));

describe('Mistral adapter: embeddings', () => {
  it('sends the vector size as output_dimension (Mistral rejects unknown fields) and reads prompt tokens', async () => {
    replay.server.reply(jsonFixture(fixture('embeddings.json')));
    const result = await replay.adapter.embed!({ model: 'codestral-embed', inputs: ['def add(a, b):'], dimensions: 4 }, callOptions());

    expect(result.embeddings).toEqual([[-0.0166, 0.0702, 0.0336, -0.0012]]);
    expect(result.usage).toMatchObject({ inputTokens: 6, outputTokens: 0 });
    const sent = replay.sent();
    expect(sent.path).toBe('/v1/embeddings');
    expect(sent.body).toEqual({ model: 'codestral-embed', input: ['def add(a, b):'], encoding_format: 'float', output_dimension: 4 });
    expect(replay.adapter.generateImage).toBeUndefined();
  });
});
