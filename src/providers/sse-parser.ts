/** One server-sent event, as the WHATWG EventSource algorithm dispatches it. */
export interface SseEvent {
  /** The `event:` field; `message` when the server sent none. */
  event: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  id?: string;
  retry?: number;
}

export interface SseParser {
  /** Parses the next piece of the body; a line or a UTF-8 character may straddle two pieces. */
  feed(chunk: string | Uint8Array): SseEvent[];
  /** Ends the body: returns the last event when its lines arrived whole but its blank line did not. */
  end(): SseEvent[];
}

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

/**
 * Parses an SSE body into events following the WHATWG "event stream interpretation": lines end
 * in CRLF, LF or CR; lines starting with `:` are comments (OpenRouter's keep-alives); a blank
 * line dispatches; an event without data is dropped.
 */
export function createSseParser(): SseParser {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  let pending = '';
  let started = false;
  let lastWasCarriageReturn = false;
  let dataLines: string[] = [];
  let eventName = '';
  let lastEventId: string | undefined;
  let retry: number | undefined;

  function dispatch(events: SseEvent[]): void {
    if (dataLines.length > 0) {
      const event: SseEvent = { event: eventName || 'message', data: dataLines.join('\n') };
      if (lastEventId !== undefined) event.id = lastEventId;
      if (retry !== undefined) event.retry = retry;
      events.push(event);
    }
    dataLines = [];
    eventName = '';
    retry = undefined;
  }

  function processLine(line: string, events: SseEvent[]): void {
    if (line.length === 0) return dispatch(events);
    if (line.charCodeAt(0) === 58 /* ':' */) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* ' ' */) value = value.slice(1);
    if (field === 'data') dataLines.push(value);
    else if (field === 'event') eventName = value;
    else if (field === 'id') {
      if (!value.includes('\0')) lastEventId = value;
    } else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  }

  function consume(text: string, events: SseEvent[]): void {
    let start = 0;
    // A CR ending the previous piece and an LF starting this one are a single CRLF terminator.
    if (lastWasCarriageReturn && text.charCodeAt(0) === LINE_FEED) start = 1;
    lastWasCarriageReturn = false;
    for (let index = start; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code !== LINE_FEED && code !== CARRIAGE_RETURN) continue;
      const line = pending.length > 0 ? pending + text.slice(start, index) : text.slice(start, index);
      pending = '';
      processLine(line, events);
      if (code === CARRIAGE_RETURN) {
        if (index + 1 === text.length) lastWasCarriageReturn = true;
        else if (text.charCodeAt(index + 1) === LINE_FEED) index++;
      }
      start = index + 1;
    }
    if (start < text.length) pending += text.slice(start);
  }

  return {
    feed(chunk) {
      const events: SseEvent[] = [];
      let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (!started && text.length > 0) {
        // The decoder drops a byte-order mark itself; text handed in as a string keeps it.
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        started = true;
      }
      if (text.length > 0) consume(text, events);
      return events;
    },
    end() {
      const events: SseEvent[] = [];
      const rest = decoder.decode();
      if (rest.length > 0) consume(rest, events);
      // An unterminated last line may be a cut-off JSON document, so it is dropped; whole lines
      // are kept because some servers close right after `data: [DONE]\n` without a blank line.
      pending = '';
      dispatch(events);
      return events;
    },
  };
}
