import { timingSafeEqual } from 'node:crypto';
import { parseBearer } from '../auth/api-key.js';
import type { Principal } from '../auth/principal.js';
import { hasScope, type Scope } from '../auth/scopes.js';
import { GatewayError } from '../errors.js';
import type { GatewayServices } from '../trpc/gateway-services.js';

const controlPrincipal: Principal = { userId: 'local-admin', apiKeyId: undefined, scopes: ['admin'] };

/** 401 when the key is missing, unknown or revoked; 403 when it lacks every one of `scopes`. */
export async function authenticate(authorization: string | undefined, scopes: readonly Scope[], services: GatewayServices): Promise<Principal> {
  const token = bearerTokenOf(authorization);
  const principal = isControlToken(token, services.controlToken) ? controlPrincipal : await services.keyCache.resolve(token);
  if (!principal) throw new GatewayError('unauthorized', 'Invalid API key', 'The API key is unknown or has been revoked.');
  if (!scopes.some((scope) => hasScope(principal.scopes, scope))) {
    throw new GatewayError('forbidden', 'Insufficient scope', `This endpoint needs one of the scopes: ${scopes.join(', ')}.`);
  }
  return principal;
}

function bearerTokenOf(authorization: string | undefined): string {
  const parsed = parseBearer(authorization);
  switch (parsed.kind) {
    case 'token':
      return parsed.token;
    case 'missing':
      throw new GatewayError('unauthorized', 'Missing API key', 'Send the key as Authorization: Bearer <key>.');
    case 'wrong-scheme':
      throw new GatewayError('unauthorized', 'Authorization must be `Bearer <key>`', 'The Authorization scheme must be Bearer.');
    case 'malformed':
      throw new GatewayError('unauthorized', 'Malformed Authorization header', 'Send exactly `Bearer <key>`, with nothing after the key.');
  }
}

function isControlToken(token: string, controlToken: string | undefined): boolean {
  if (!controlToken || token.length !== controlToken.length) return false;
  return timingSafeEqual(Buffer.from(token), Buffer.from(controlToken));
}
