import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../spec/index.js';
import { toOpenAIChatBody } from './to-openai-chat-body.js';

const base: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] };

describe('toOpenAIChatBody', () => {
  it('maps sampling parameters and structured output to their wire names', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } } };
    const body = toOpenAIChatBody(
      { ...base, topP: 0.9, stop: ['\n\n'], seed: 42, responseFormat: { type: 'json_schema', name: 'reply', schema, strict: true } },
      false,
    );
    expect(body).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      top_p: 0.9,
      stop: ['\n\n'],
      seed: 42,
      response_format: { type: 'json_schema', json_schema: { name: 'reply', schema, strict: true } },
    });
    expect(toOpenAIChatBody({ ...base, responseFormat: { type: 'json_object' } }, false).response_format).toEqual({ type: 'json_object' });
  });

  it('passes extra parameters through without letting them replace modelled ones', () => {
    const body = toOpenAIChatBody({ ...base, maxTokens: 10, extra: { model: 'other', max_tokens: 9999, repetition_penalty: 1.2 } }, false);
    expect(body).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 10, repetition_penalty: 1.2 });
  });

  it('always asks for usage on streams and never streams a non-streaming call', () => {
    const extra = { stream: true, stream_options: { include_usage: false, continuous_usage_stats: true } };
    expect(toOpenAIChatBody({ ...base, extra }, true)).toMatchObject({ stream: true, stream_options: { include_usage: true, continuous_usage_stats: true } });
    const plain = toOpenAIChatBody({ ...base, extra }, false);
    expect(plain).not.toHaveProperty('stream');
    expect(plain).not.toHaveProperty('stream_options');
  });

  it("leaves stream_options out, even the caller's, for upstreams that reject it", () => {
    const body = toOpenAIChatBody({ ...base, extra: { stream_options: { include_usage: true } } }, true, false);
    expect(body).toMatchObject({ stream: true });
    expect(body).not.toHaveProperty('stream_options');
  });
});
