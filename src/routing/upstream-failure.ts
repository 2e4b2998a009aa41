import { GatewayError } from '../errors.js';
import { UpstreamError } from '../providers/spec/index.js';

/**
 * How an upstream failure looks to the client. The upstream's status is not passed through
 * blindly: a 401 from a provider means *our* provider key is wrong, which the client can't fix.
 * `midStream`: the failure came after the stream started, so a lost connection is a cut, not
 * an unreachable provider.
 */
export function toClientError(error: unknown, options: { midStream?: boolean } = {}): GatewayError {
  if (error instanceof GatewayError) return error;
  if (!(error instanceof UpstreamError)) return new GatewayError('internal', 'Internal server error', undefined, { cause: error });
  const detail = error.upstreamMessage ? `: ${error.upstreamMessage}` : '';
  switch (error.kind) {
    case 'timeout':
      return new GatewayError('upstream_timeout', 'Upstream timed out', `Provider ${error.provider} did not answer in time (${error.message}).`);
    case 'aborted':
      return new GatewayError('client_closed', 'Request cancelled', 'The client closed the connection.');
    case 'protocol':
      return new GatewayError('upstream_error', 'Invalid upstream response', `Provider ${error.provider} sent a response that could not be parsed.`);
    case 'connect':
      return options.midStream
        ? new GatewayError('upstream_error', 'Upstream connection lost', `Provider ${error.provider} closed the connection in the middle of the stream.`)
        : new GatewayError('upstream_error', 'Upstream unreachable', `Could not reach provider ${error.provider}.`);
    case 'http':
      break;
  }
  const status = error.status ?? 502;
  if (status === 400 || status === 413 || status === 422) {
    return new GatewayError('invalid_request', 'Upstream rejected the request', `Provider ${error.provider} answered ${status}${detail}`);
  }
  if (status === 429) {
    const retryAfter: Record<string, string> = error.retryAfterMs === undefined ? {} : { 'Retry-After': String(Math.ceil(error.retryAfterMs / 1000)) };
    return new GatewayError('rate_limited', 'Upstream rate limit', `Provider ${error.provider} is rate limiting${detail}`, { headers: retryAfter });
  }
  return new GatewayError('upstream_error', 'Upstream error', `Provider ${error.provider} answered ${status}${detail}`);
}
