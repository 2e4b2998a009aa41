import { protocolFailure } from './classify-failure.js';
import { isRecord } from './json.js';

/** Parses a 2xx body that must be a JSON object; anything else is the upstream breaking protocol. */
export function parseJsonObject(bodyText: string, provider: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch (error) {
    throw protocolFailure(provider, 'answered with a body that is not JSON', error);
  }
  if (!isRecord(body)) throw protocolFailure(provider, 'answered with JSON that is not an object');
  return body;
}
