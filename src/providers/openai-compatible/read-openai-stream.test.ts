import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../spec/index.js';
import { openAIUsageReader, type UsageReader } from './openai-usage.js';
import { readOpenAIStream } from './read-openai-stream.js';

const chunk = (content: string, usage?: object) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }], ...(usage ? { usage } : {}) })}\n\n`;

/** A body that arrives as one piece, as a fast upstream's (or the zero-delay simulator's) does. */
async function* onePiece(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

describe('readOpenAIStream', () => {
  it('hands on the first event before it translates the rest of a chunk that brought many', async () => {
    let translated = 0;
    const counting: UsageReader = { ...openAIUsageReader, find: (body) => (translated++, openAIUsageReader.find(body)) };
    const body = onePiece(chunk('Hel') + chunk('lo') + chunk('', { prompt_tokens: 3, completion_tokens: 2 }) + 'data: [DONE]\n\n');
    const events = readOpenAIStream(body, 'test', new AbortController().signal, counting)[Symbol.asyncIterator]();

    expect(await events.next()).toEqual({ done: false, value: { type: 'text-delta', text: 'Hel' } });
    expect(translated).toBe(1);

    const rest: StreamEvent[] = [];
    for (let step = await events.next(); !step.done; step = await events.next()) rest.push(step.value);
    expect(translated).toBe(3);
    expect(rest.map((event) => event.type)).toEqual(['text-delta', 'usage', 'finish']);
  });

  it('stops at a malformed event in the middle of a chunk, after the events before it', async () => {
    const body = onePiece(chunk('Hi') + 'data: {not json\n\n' + chunk('never'));
    const types: string[] = [];
    for await (const event of readOpenAIStream(body, 'test', new AbortController().signal)) types.push(event.type);
    expect(types).toEqual(['text-delta', 'error']);
  });
});
