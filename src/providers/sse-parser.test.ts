import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse-parser.js';

function parseAll(pieces: Array<string | Uint8Array>): SseEvent[] {
  const parser = createSseParser();
  const events = pieces.flatMap((piece) => parser.feed(piece));
  return [...events, ...parser.end()];
}

describe('createSseParser', () => {
  it('parses data events separated by blank lines', () => {
    expect(parseAll(['data: {"a":1}\n\ndata: [DONE]\n\n'])).toEqual([
      { event: 'message', data: '{"a":1}' },
      { event: 'message', data: '[DONE]' },
    ]);
  });

  it('joins an event split at every possible byte boundary', () => {
    const text = 'data: first\n\nevent: update\ndata: second\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      expect(parseAll([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual([
        { event: 'message', data: 'first' },
        { event: 'update', data: 'second' },
      ]);
    }
  });

  it('accepts CRLF and lone CR line endings, including a CRLF split across chunks', () => {
    expect(parseAll(['data: one\r\n\r\ndata: two\r\r'])).toEqual([
      { event: 'message', data: 'one' },
      { event: 'message', data: 'two' },
    ]);
    // The CR ends one chunk and its LF starts the next: one line ending, not two.
    expect(parseAll(['data: a\r', '\ndata: b\r\n\r\n'])).toEqual([{ event: 'message', data: 'a\nb' }]);
  });

  it('ignores comment lines such as OpenRouter keep-alives', () => {
    const events = parseAll([': OPENROUTER PROCESSING\n\n', ': OPENROUTER PROCESSING\n\ndata: {"x":1}\n\n']);
    expect(events).toEqual([{ event: 'message', data: '{"x":1}' }]);
  });

  it('joins multi-line data with newlines and strips only one leading space', () => {
    expect(parseAll(['data: line one\ndata:line two\ndata:  indented\n\n'])).toEqual([{ event: 'message', data: 'line one\nline two\n indented' }]);
  });

  it('keeps id and retry fields and drops events without data', () => {
    expect(parseAll(['id: 7\nretry: 1500\ndata: x\n\nevent: ping\n\nretry: soon\ndata: y\n\n'])).toEqual([
      { event: 'message', data: 'x', id: '7', retry: 1500 },
      { event: 'message', data: 'y', id: '7' },
    ]);
  });

  it('decodes a UTF-8 character split across byte chunks', () => {
    const bytes = new TextEncoder().encode('data: héllo 🌍\n\n');
    const emoji = bytes.indexOf(0xf0);
    expect(parseAll([bytes.slice(0, 8), bytes.slice(8, emoji + 2), bytes.slice(emoji + 2)])).toEqual([{ event: 'message', data: 'héllo 🌍' }]);
  });

  it('strips a byte-order mark at the start of the stream', () => {
    expect(parseAll(['\uFEFFdata: x\n\n'])).toEqual([{ event: 'message', data: 'x' }]);
  });

  it('keeps a last event whose lines are whole but drops a cut-off last line', () => {
    expect(parseAll(['data: [DONE]\n'])).toEqual([{ event: 'message', data: '[DONE]' }]);
    expect(parseAll(['data: {"a":1}\n\ndata: {"cut'])).toEqual([{ event: 'message', data: '{"a":1}' }]);
  });
});
