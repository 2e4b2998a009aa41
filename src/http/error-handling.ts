import type { FastifyError, FastifyInstance } from 'fastify';
import { GatewayError, toErrorResponse, type ErrorCode } from '../errors.js';

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

/** Errors Fastify raises itself (bad JSON, body too large, ...) in the gateway's one error shape. */
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

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const mapped = fromFastifyError(error);
    const response = toErrorResponse(mapped);
    if (response.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(response.status).headers(response.headers).send(response.body);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0];
    const error = new GatewayError('not_found', 'Not found', `No route for ${request.method} ${path}.`);
    const response = toErrorResponse(error);
    return reply.code(404).headers(response.headers).send(response.body);
  });
}
