import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk } from '../../contract/openai/chat-completions.js';
import { chunkWriter } from './chat-completion-chunks.js';

// The chunk text is written without building the chunk object: it must be exactly what
// JSON.stringify of that object gives, field order included.
describe('chunkWriter', () => {
  const identity = { id: 'chatcmpl-7d0c1e0a-5b2f-4f43-9d0e-2b1c3a4d5e6f', created: 1_796_172_877, model: 'org/model "quoted" \u00e9' };
  const object = (
    delta: ChatCompletionChunk['choices'][number]['delta'],
    finishReason: ChatCompletionChunk['choices'][number]['finish_reason'],
    usage: boolean,
  ) => ({
    ...identity,
    object: 'chat.completion.chunk',
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(usage ? { usage: null } : {}),
  });

  it.each([false, true])('writes JSON.stringify of the chunk object, byte for byte (include_usage %s)', (includeUsage) => {
    const chunk = chunkWriter(identity, includeUsage);
    const deltas = [
      { role: 'assistant' as const, content: 'Hello "world"\n', refusal: null },
      { content: '\u2028 emoji \ud83d\ude00' },
      { tool_calls: [{ index: 0, id: 'call_1', type: 'function' as const, function: { name: 'get_weather', arguments: '{"city":' } }] },
      {},
    ];
    for (const delta of deltas) expect(chunk(delta).text).toBe(JSON.stringify(object(delta, null, includeUsage)));
    expect(chunk({}, 'length').text).toBe(JSON.stringify(object({}, 'length', includeUsage)));
    expect(chunk({}, 'tool_calls').text).toBe(JSON.stringify(object({}, 'tool_calls', includeUsage)));
  });
});
