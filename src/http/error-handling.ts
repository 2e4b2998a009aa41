import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError, type ErrorCode } from '../errors.js';
import { errorFormatterFor } from './error-format.js';

const byStatus: Record<number, ErrorCode> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Errors Fastify raises itself (bad JSON, body too large, ...) as GatewayErrors, answered in the surface's shape. */
export function fromFastifyError(error: FastifyError | Error): GatewayError | Error {
  if (error instanceof GatewayError) return error;
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GatewayError('invalid_request', 'Invalid JSON', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayError('payload_too_large', 'Request body too large', 'The request body exceeds the size limit.');
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return new GatewayError('invalid_request', 'Invalid JSON', 'The request body is not valid JSON.');
  }
  const code = fastifyError.statusCode === undefined ? undefined : byStatus[fastifyError.statusCode];
  return code ? new GatewayError(code, error.message, error.message) : error;
}

/** Longest path parameter accepted (Fastify's default, 100, is short for `/v1/models/{id}` ids). */
export const maxPathParameterLength = 500;

/**
 * Errors Fastify answers before any hook runs (a malformed percent-encoding, an over-long path
 * parameter), given to Fastify's `frameworkErrors` option: in the one error format, with the
 * request-id headers set here because onRequest never ran.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const mapped =
    error.code === 'FST_ERR_BAD_URL'
      ? new GatewayError('invalid_request', 'Invalid URL', 'The path contains a malformed percent-encoding.')
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new GatewayError('invalid_request', 'Path parameter too long', `A path parameter may be at most ${maxPathParameterLength} characters.`)
        : error;
  const response = errorFormatterFor(request.url)(mapped);
  if (response.status >= 500) request.log.error({ err: error }, 'request failed before routing');
  void reply
    .code(response.status)
    .headers({ 'Inference-Id': request.id, 'X-Request-Id': request.id, ...response.headers })
    .send(response.body);
}

export function registerErrorHandling(app: FastifyInstance): void {
  // Every method some route is registered for, so a wrong method can be told from an unknown path.
  const methods = new Set<string>();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) methods.add(method.toUpperCase());
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // No route matched, yet Fastify parsed the body first (QUERY, or a body method without a
    // Content-Type): what is wrong is the method or the path, so answer that, not the body's error.
    if (request.is404) return answerUnrouted(request, reply);
    const mapped = fromFastifyError(error);
    const response = errorFormatterFor(request.url)(mapped);
    if (response.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(response.status).headers(response.headers).send(response.body);
  });
  app.setNotFoundHandler((request, reply) => answerUnrouted(request, reply));

  /** 405 with `Allow` when the path has routes for other methods, else 404. */
  function answerUnrouted(request: FastifyRequest, reply: FastifyReply) {
    const path = request.url.split('?', 1)[0]!;
    const matches = [...methods].flatMap((method) => {
      const route = app.findRoute({ method: method as 'GET', url: path });
      return route === null ? [] : [{ method, parametric: Object.keys(route.params).length > 0 }];
    });
    // A path that is a route of its own (POST /admin/credits/grant) advertises that route's methods,
    // not those of a parametric route it also happens to match (GET /admin/credits/{user}).
    const exact = matches.filter((match) => !match.parametric);
    const allowed = (exact.length > 0 ? exact : matches).map((match) => match.method);
    if (allowed.length > 0) {
      const error = new GatewayError('method_not_allowed', 'Method not allowed', `${path} accepts ${allowed.join(', ')}, not ${request.method}.`);
      const response = errorFormatterFor(request.url)(error);
      return reply
        .code(405)
        .headers({ ...response.headers, Allow: allowed.join(', ') })
        .send(response.body);
    }
    const error = new GatewayError('not_found', 'Not found', `No route for ${request.method} ${path}.`);
    const response = errorFormatterFor(request.url)(error);
    return reply.code(404).headers(response.headers).send(response.body);
  }
}
