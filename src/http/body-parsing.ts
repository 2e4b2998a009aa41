import type { FastifyInstance } from 'fastify';
import { parseJsonBody } from './json-body.js';

/**
 * Every body is JSON, whatever its Content-Type says: `curl -d '{...}'` sends
 * application/x-www-form-urlencoded, some HF clients send no type at all, and some send
 * text/plain. Fastify's own parsers (its JSON one, and text/plain as a string) are replaced, so
 * every type goes through the one parser with the depth and `__proto__` checks.
 */
export function registerBodyParsing(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const parse = (_request: unknown, body: string, done: (error: Error | null, value?: unknown) => void) => {
    try {
      done(null, parseJsonBody(body));
    } catch (error) {
      done(error as Error);
    }
  };
  for (const type of ['application/json', 'text/plain', 'application/x-www-form-urlencoded', '*']) {
    app.addContentTypeParser(type, { parseAs: 'string' }, parse);
  }
}
