import type { FastifyInstance } from 'fastify';

/**
 * Every body is JSON, whatever its Content-Type says: `curl -d '{...}'` sends
 * application/x-www-form-urlencoded, and some HF clients send no type at all. Fastify's own
 * JSON parser (with its prototype-poisoning protection) parses them all.
 */
export function registerBodyParsing(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, parseJson);
  app.addContentTypeParser('*', { parseAs: 'string' }, parseJson);
}
