/**
 * What request logging may show of a request. A key can arrive in the query string
 * (`?api_key=gw_live_...`, from clients that cannot set headers) and Fastify logs every URL, so
 * query values never reach a log line; only short, identifier-like parameter names survive, since
 * a name can be a secret too (`?gw_live_...`). Headers are not logged at all; the redact paths
 * cover any log call that passes them explicitly.
 */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url;
  const query = url.slice(queryStart + 1);
  if (query === '') return url;
  const parts = query.split('&').map((part) => {
    const name = part.split('=', 1)[0]!;
    return safeName.test(name) ? `${name}=[redacted]` : '[redacted]';
  });
  return `${url.slice(0, queryStart)}?${parts.join('&')}`;
}

const safeName = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number | undefined } | null;
}

export function serializeRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export const redactedLogPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
];

/** The pino options for the gateway's logger (server.ts); tests add a `stream`. */
export function loggerOptions(level: string) {
  return { level, redact: redactedLogPaths, serializers: { req: serializeRequest } };
}
