import { createHash, randomBytes } from 'node:crypto';

/**
 * Keys look like `gw_live_<43 url-safe characters>` (256 random bits). Only the SHA-256 is
 * stored; a fast hash is right here because the key itself is high-entropy, unlike a password.
 */
const KEY_PREFIX = 'gw_live_';

export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** What may be shown of a key after creation: enough to tell keys apart, not to use one. */
export function displayPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 6);
}

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, token] = header.split(' ', 2);
  return scheme?.toLowerCase() === 'bearer' && token ? token.trim() : undefined;
}
