import type { Usage } from './usage.js';
import type { UpstreamError } from './upstream-error.js';

/**
 * What a streaming adapter yields. The HTTP layer alone turns these into SSE text (TGI or
 * OpenAI format); adapters never write SSE.
 *
 * Order: any number of `text-delta` / `tool-call-delta`, then at most one `usage` (providers
 * that report usage mid-stream may send it earlier; the last one wins), then exactly one
 * `finish` — or an `error` at any point, after which nothing follows.
 */
export type StreamEvent =
  | { type: 'text-delta'; text: string }
  | {
      type: 'tool-call-delta';
      /** Position of the call among the message's tool calls; deltas for one call share it. */
      index: number;
      id?: string;
      name?: string;
      argumentsDelta: string;
    }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; finishReason: FinishReason }
  | { type: 'error'; error: UpstreamError };

/** OpenAI's vocabulary; other protocols are mapped onto it by their adapters. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error';
