import { GatewayError } from '../errors.js';

/** hostname (DNS labels or IPv4) or a bracketed IPv6 literal, then an optional port: nothing else may reach a URL we hand out. */
const hostPattern =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/**
 * The origin clients reach the gateway at, for links in responses (image URLs). PUBLIC_BASE_URL
 * when it is set; otherwise the request's own Host (or X-Forwarded-Host/Proto with TRUST_PROXY),
 * accepted only as `hostname[:port]`: `Host: evil.example.com/phish?x=` must not become a link.
 */
export function publicOrigin(request: { protocol: string; host: string }, publicBaseUrl: string | undefined): string {
  if (publicBaseUrl) return publicBaseUrl.replace(/\/+$/, '');
  if (!hostPattern.test(request.host) || (request.protocol !== 'http' && request.protocol !== 'https')) {
    throw new GatewayError('invalid_request', 'Invalid Host header', 'The Host header must be hostname[:port].');
  }
  return `${request.protocol}://${request.host}`;
}
