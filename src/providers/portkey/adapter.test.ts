import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, fixtureIn, sameRouteOn, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture } from '../../../test/support/providers/replay-server.js';
import { createPortkeyAdapter, portkeyBaseUrl } from './adapter.js';

// Routing by virtual key; routing by provider and key, streaming and errors are Portkey's row in
// ../openai-compatible/conformance.test.ts.
const PORTKEY_KEY = 'pk_Jq2Xm7Wr4Lt9Vz1Nc6Hb3Pd8Js5Fy0Ga';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) =>
  createPortkeyAdapter({ apiKey: PORTKEY_KEY, baseUrl: sameRouteOn(origin, portkeyBaseUrl), virtualKey: 'openai-prod-3f9a2c' }),
);

describe('Portkey adapter: virtual keys', () => {
  it('routes by virtual key alone, sending no Authorization header', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    await replay.adapter.chat(chatRequest('gpt-4o-mini'), callOptions());

    const sent = replay.sent();
    expect(sent.headers['x-portkey-virtual-key']).toBe('openai-prod-3f9a2c');
    expect(sent.headers['x-portkey-api-key']).toBe(PORTKEY_KEY);
    expect(sent.headers).not.toHaveProperty('authorization');
    expect(sent.headers).not.toHaveProperty('x-portkey-provider');
  });
});
