/**
 * Splits a byte stream into server-sent events' `data` payloads, following the WHATWG rules the
 * gateway's events need: lines end in LF, CR or CRLF (also split across chunks), `:` lines are
 * comments, multi-line data joins with LF, a blank line dispatches, a BOM is dropped.
 */
export async function* serverSentData(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<string> {
  const reader = body.getReader();
  // fetch errors its body when its signal aborts; a body from elsewhere may not, so cancel it too.
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let first = true;
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (signal?.aborted) throw signal.reason;
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (first && buffer.length > 0) {
        if (buffer.startsWith('\uFEFF')) buffer = buffer.slice(1);
        first = false;
      }
      for (;;) {
        const end = buffer.search(/\r\n|\r|\n/);
        // A CR at the end of the buffer may be the first half of a CRLF: wait for the next chunk.
        if (end < 0 || (buffer[end] === '\r' && end === buffer.length - 1 && !done)) break;
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
        if (line === '') {
          if (data.length > 0) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
      }
      if (done) {
        finished = true;
        return;
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Leaving early (a `break` in the caller's loop, an error) closes the connection.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
