import { z } from 'zod';
import { scopeSchema } from './scopes.js';
import { storedText } from './stored-text.js';

const userId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/, 'letters, digits and _.@- only, at most 64 characters');

const perMinute = z.number().int().min(0).max(2_000_000_000).nullable().default(null);

/** A key's or a user's own rate limits. */
export const rateLimitsSchema = z
  .object({
    requests_per_minute: perMinute.meta({ description: 'Requests per minute; 0: unlimited; null: the configured default.' }),
    tokens_per_minute: perMinute.meta({
      description: 'Tokens per minute (reserved from max_tokens, corrected after the call); 0: unlimited; null: the default.',
    }),
  })
  .meta({ id: 'RateLimits' });

export const createKeyInputSchema = z
  .object({
    user_id: userId,
    scopes: z.array(scopeSchema).min(1).default(['inference']),
    name: storedText(100).optional(),
    rate_limits: rateLimitsSchema.optional().meta({ description: "The key's own rate limits (the per-key level)." }),
  })
  .meta({ id: 'CreateKeyRequest' });

export const apiKeyInfoSchema = z
  .object({
    id: z.uuid(),
    user_id: z.string(),
    name: z.string().nullable(),
    key_prefix: z.string(),
    scopes: z.array(scopeSchema),
    created_at: z.string(),
    revoked_at: z.string().nullable(),
  })
  .meta({ id: 'ApiKeyInfo' });

export const createKeyOutputSchema = apiKeyInfoSchema
  .extend({ key: z.string().meta({ description: 'The key itself. Shown once: only its hash is stored.' }) })
  .meta({ id: 'CreatedApiKey' });

export const listKeysInputSchema = z.object({ user_id: userId.optional() });
export const listKeysOutputSchema = z.object({ keys: z.array(apiKeyInfoSchema) }).meta({ id: 'ApiKeyList' });

export const revokeKeyInputSchema = z.object({ id: z.uuid() });
export const revokeKeyOutputSchema = z.object({ id: z.uuid(), revoked: z.literal(true) }).meta({ id: 'RevokedApiKey' });

export const setKeyLimitsInputSchema = rateLimitsSchema.extend({ id: z.uuid() });
export const setUserLimitsInputSchema = rateLimitsSchema.extend({ user_id: userId });
export const limitsOutputSchema = rateLimitsSchema.extend({ subject: z.enum(['key', 'user']), subject_id: z.string() }).meta({ id: 'SubjectRateLimits' });
