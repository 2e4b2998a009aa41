import { describe, expect, it } from 'vitest';
import { emptyUsage } from '../spec/index.js';
import { callOptions, chatRequest, collect, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { isRecord } from '../json.js';
import { createOpenAICompatibleAdapter } from './create-openai-compatible-adapter.js';

const request = chatRequest('quirky-model');
const chunk = (body: Record<string, unknown>) => `data: ${JSON.stringify(body)}\n\n`;
const streamBody =
  chunk({ choices: [{ index: 0, delta: { content: 'Paris' }, finish_reason: null }] }) +
  chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], vendor: { usage: { in: 7, out: 2 } } }) +
  'data: [DONE]\n\n';
const completionBody = JSON.stringify({
  choices: [{ index: 0, message: { role: 'assistant', content: 'Paris' }, finish_reason: 'stop' }],
  vendor: { usage: { in: 7, out: 2 } },
});

// A made-up upstream reporting usage as `vendor.usage: {in, out}`, to exercise both hooks at once.
const replay = useProviderReplay((origin) =>
  createOpenAICompatibleAdapter({
    id: 'quirky',
    baseUrl: `${origin}/v1`,
    findUsage: (body) => (isRecord(body.vendor) ? body.vendor.usage : undefined),
    normalizeUsage: (raw) => ({ ...emptyUsage(), inputTokens: isRecord(raw) ? Number(raw.in) : 0, outputTokens: isRecord(raw) ? Number(raw.out) : 0, raw }),
    streamOptions: false,
  }),
);

describe('OpenAI-compatible adapter: provider usage hooks and stream options', () => {
  it('finds and normalizes usage with the hooks in a non-streaming answer', async () => {
    replay.server.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: completionBody });
    const result = await replay.adapter.chat(request, callOptions());
    expect(result.usage).toEqual({ ...emptyUsage(), inputTokens: 7, outputTokens: 2, raw: { in: 7, out: 2 } });
  });

  it('finds and normalizes usage with the hooks in a stream, and leaves stream_options out', async () => {
    replay.server.reply({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: streamBody });
    const events = await collect(replay.adapter.streamChat(request, callOptions()));
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: { ...emptyUsage(), inputTokens: 7, outputTokens: 2, raw: { in: 7, out: 2 } } },
      { type: 'finish', finishReason: 'stop' },
    ]);
    expect(replay.sent().body).toMatchObject({ stream: true });
    expect(replay.sent().body).not.toHaveProperty('stream_options');
  });
});
