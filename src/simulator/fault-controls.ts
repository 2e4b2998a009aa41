import type { IncomingHttpHeaders } from 'node:http';

export type FailureMode = 'reset' | 'reset-mid-stream' | 'malformed-json' | 'malformed-sse';

/** How one request should misbehave, read from its `x-simulator-*` headers. */
export interface FaultControls {
  /** Delay before the response head. */
  latencyMs: number;
  /** Delay between two stream events. */
  chunkDelayMs: number;
  /** Answer this status with the protocol's error body (OpenAI's or Anthropic's) instead of the real answer. */
  status: number | undefined;
  /** `Retry-After` value sent with `status`. */
  retryAfter: string | undefined;
  fail: FailureMode | undefined;
  /** Set when a control header is unreadable; the request is then answered 400 with it. */
  problem: string | undefined;
}

const FAILURE_MODES = new Set<string>(['reset', 'reset-mid-stream', 'malformed-json', 'malformed-sse']);

export function readFaultControls(headers: IncomingHttpHeaders, defaults: { latencyMs: number; chunkDelayMs: number }): FaultControls {
  const controls: FaultControls = {
    latencyMs: defaults.latencyMs,
    chunkDelayMs: defaults.chunkDelayMs,
    status: undefined,
    retryAfter: undefined,
    fail: undefined,
    problem: undefined,
  };
  const latency = headers['x-simulator-latency-ms'];
  const chunkDelay = headers['x-simulator-chunk-delay-ms'];
  const status = headers['x-simulator-status'];
  const retryAfter = headers['x-simulator-retry-after'];
  const fail = headers['x-simulator-fail'];
  if (typeof latency === 'string') controls.latencyMs = readInteger(latency, controls, 'x-simulator-latency-ms', 0, 600_000);
  if (typeof chunkDelay === 'string') controls.chunkDelayMs = readInteger(chunkDelay, controls, 'x-simulator-chunk-delay-ms', 0, 60_000);
  if (typeof status === 'string') controls.status = readInteger(status, controls, 'x-simulator-status', 400, 599);
  if (typeof retryAfter === 'string') controls.retryAfter = retryAfter;
  if (typeof fail === 'string') {
    if (FAILURE_MODES.has(fail)) controls.fail = fail as FailureMode;
    else controls.problem = `x-simulator-fail must be one of ${[...FAILURE_MODES].join(', ')}.`;
  }
  return controls;
}

function readInteger(text: string, controls: FaultControls, header: string, minimum: number, maximum: number): number {
  const value = Number(text);
  if (Number.isInteger(value) && value >= minimum && value <= maximum) return value;
  controls.problem = `${header} must be an integer from ${minimum} to ${maximum}.`;
  return minimum;
}

/** The error OpenAI sends for a status, so clients see the `type` and `code` they expect. */
export function errorForStatus(status: number): { message: string; type: string; code: string | null } {
  switch (status) {
    case 400:
      return { message: 'Simulated invalid request.', type: 'invalid_request_error', code: null };
    case 401:
      return { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' };
    case 404:
      return { message: 'The model does not exist or you do not have access to it.', type: 'invalid_request_error', code: 'model_not_found' };
    case 429:
      return { message: 'Rate limit reached for requests. Please try again later.', type: 'requests', code: 'rate_limit_exceeded' };
    case 500:
      return { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: null };
    case 503:
      return { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null };
    default:
      return { message: `Simulated error (HTTP ${status}).`, type: status >= 500 ? 'server_error' : 'invalid_request_error', code: null };
  }
}
