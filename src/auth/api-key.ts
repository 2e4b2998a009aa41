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

export type BearerParse = { kind: 'token'; token: string } | { kind: 'missing' } | { kind: 'wrong-scheme' } | { kind: 'malformed' };

/**
 * Reads `Authorization: Bearer <key>` strictly: the scheme is case-insensitive (RFC 9110) and
 * runs of spaces are tolerated, but anything after the key is refused rather than ignored, so a
 * pasted `Bearer <key> <other text>` never authenticates by accident.
 */
export function parseBearer(header: string | undefined): BearerParse {
  const parts = (header ?? '').split(/[ \t]+/).filter(Boolean);
  if (parts.length === 0) return { kind: 'missing' };
  if (parts[0]!.toLowerCase() !== 'bearer') return { kind: 'wrong-scheme' };
  if (parts.length === 1) return { kind: 'missing' };
  if (parts.length > 2) return { kind: 'malformed' };
  return { kind: 'token', token: parts[1]! };
}
