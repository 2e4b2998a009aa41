import { z } from 'zod';
import { scopeSchema } from './scopes.js';
import { storedText } from './stored-text.js';

const userId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/, 'letters, digits and _.@- only, at most 64 characters');

const nanoUsd = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
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
    spend_limit_total_nano_usd: nanoUsd.optional().meta({ description: 'The most this key may ever spend.' }),
    spend_limit_daily_nano_usd: nanoUsd.optional().meta({ description: 'The most this key may spend per UTC day.' }),
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
    spend_limit_total_nano_usd: z.number().int().nullable(),
    spend_limit_daily_nano_usd: z.number().int().nullable(),
  })
  .meta({ id: 'ApiKeyInfo' });

export const createKeyOutputSchema = apiKeyInfoSchema
  .extend({ key: z.string().meta({ description: 'The key itself. Shown once: only its hash is stored.' }) })
  .meta({ id: 'CreatedApiKey' });

export const listKeysInputSchema = z.object({ user_id: userId.optional() });
export const listKeysOutputSchema = z.object({ keys: z.array(apiKeyInfoSchema) }).meta({ id: 'ApiKeyList' });

export const revokeKeyInputSchema = z.object({ id: z.uuid() });
export const revokeKeyOutputSchema = z.object({ id: z.uuid(), revoked: z.literal(true) }).meta({ id: 'RevokedApiKey' });

export const grantCreditsInputSchema = z
  .object({
    user_id: userId,
    amount_nano_usd: z
      .number()
      .int()
      .min(-Number.MAX_SAFE_INTEGER)
      .max(Number.MAX_SAFE_INTEGER)
      .refine((amount) => amount !== 0, 'must not be 0')
      .meta({ description: 'Positive to grant, negative to adjust down. 1 USD = 1000000000.' }),
    reason: storedText(200).default('grant'),
  })
  .meta({ id: 'GrantCreditsRequest' });

export const creditAccountInputSchema = z.object({ user: userId });

export const setCreditModeInputSchema = z
  .object({ user: userId, unlimited: z.boolean().meta({ description: 'true: credits off for this user (never limited).' }) })
  .meta({ id: 'SetCreditModeRequest' });

export const creditAccountSchema = z
  .object({
    user_id: z.string(),
    balance_nano_usd: z.number().int().meta({ description: 'Grants minus settled usage.' }),
    reserved_nano_usd: z.number().int().meta({ description: 'Held by calls in flight.' }),
    available_nano_usd: z.number().int(),
    unlimited: z.boolean(),
    grants: z.array(z.object({ id: z.uuid(), amount_nano_usd: z.number().int(), reason: z.string(), granted_by: z.string(), created_at: z.string() })),
  })
  .meta({ id: 'CreditAccount' });

export const auditOutputSchema = z
  .object({
    ok: z.boolean(),
    rowsChecked: z.number().int(),
    costMismatches: z.array(z.object({ requestId: z.string(), recorded: z.string(), recomputed: z.string() })),
    balanceMismatches: z.array(z.object({ userId: z.string(), balance: z.string(), grantsMinusUsage: z.string() })),
    reservationMismatches: z.array(z.object({ userId: z.string(), reserved: z.string(), heldByReservations: z.string() })),
    keySpendMismatches: z.array(
      z.object({ apiKeyId: z.string(), period: z.string(), field: z.enum(['spent', 'reserved']), recorded: z.string(), expected: z.string() }),
    ),
    providerCosts: z.array(
      z.object({ provider: z.string(), rows: z.number().int(), ourCostNanoUsd: z.string(), providerCostNanoUsd: z.string(), differenceNanoUsd: z.string() }),
    ),
  })
  .meta({ id: 'AuditReport', description: 'Amounts are nano-USD as decimal strings (exact at any size).' });
export const setKeyLimitsInputSchema = rateLimitsSchema.extend({ id: z.uuid() });
export const setUserLimitsInputSchema = rateLimitsSchema.extend({ user_id: userId });
export const limitsOutputSchema = rateLimitsSchema.extend({ subject: z.enum(['key', 'user']), subject_id: z.string() }).meta({ id: 'SubjectRateLimits' });
