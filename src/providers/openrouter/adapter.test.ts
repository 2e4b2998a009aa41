import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, collect, fixtureIn, sameRouteOn, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createOpenRouterAdapter, openRouterBaseUrl } from './adapter.js';

// What the OpenRouter fixtures alone show; the chat, stream and error cases every
// OpenAI-compatible provider shares are its row in ../openai-compatible/conformance.test.ts.
const API_KEY = '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';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createOpenRouterAdapter({ apiKey: API_KEY, baseUrl: sameRouteOn(origin, openRouterBaseUrl) }));

describe('OpenRouter adapter: tool calls', () => {
  it('parses tool calls and sends tools, tool choice and tool turns in OpenAI form', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion-tool-calls.json')));
    const parameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const result = await replay.adapter.chat(
      {
        model: 'google/gemini-2.5-flash',
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Lyon"}' }] },
          { role: 'tool', content: '{"temperature":18}', toolCallId: 'call_1' },
        ],
        tools: [{ name: 'get_weather', description: 'Current weather', parameters }],
        toolChoice: 'auto',
      },
      callOptions(),
    );

    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toEqual([{ id: 'tool_0_get_weather_kLmN8pQr', name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' }]);
    expect(result.usage).toMatchObject({ inputTokens: 61, outputTokens: 18, reasoningTokens: 12 });
    expect(replay.sent().body).toMatchObject({
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lyon"}' } }] },
        { role: 'tool', content: '{"temperature":18}', tool_call_id: 'call_1' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Current weather', parameters } }],
      tool_choice: 'auto',
    });
  });
});

describe('OpenRouter adapter: error path', () => {
  it('turns an error chunk mid-stream into one final error event', async () => {
    replay.server.reply(sseFixture(fixture('chat-completion-stream-error.sse.txt')));
    const events = await collect(replay.adapter.streamChat(chatRequest('openai/gpt-4o-mini'), callOptions()));

    expect(events.map((event) => event.type)).toEqual(['text-delta', 'text-delta', 'error']);
    const last = events.at(-1);
    expect(last?.type === 'error' && last.error).toMatchObject({ kind: 'http', status: 502, upstreamMessage: 'Provider disconnected unexpectedly' });
  });
});
