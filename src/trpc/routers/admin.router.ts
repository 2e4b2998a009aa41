import { createApiKey, listApiKeys, revokeApiKey } from '../../auth/api-keys-repository.js';
import { displayPrefix, hashApiKey } from '../../auth/api-key.js';
import type { Scope } from '../../auth/scopes.js';
import {
  createKeyInputSchema,
  createKeyOutputSchema,
  limitsOutputSchema,
  setKeyLimitsInputSchema,
  setUserLimitsInputSchema,
  listKeysInputSchema,
  listKeysOutputSchema,
  revokeKeyInputSchema,
  revokeKeyOutputSchema,
} from '../../contract/admin.js';
import type { ApiKeyRow } from '../../db/database.js';
import { GatewayError } from '../../errors.js';
import { setRateLimits, type LimitSubjectKind } from '../../ratelimit/rate-limits-repository.js';
import type { TrpcContext } from '../init.js';
import { endpoint, router } from '../init.js';

const admin = { tags: ['admin'], scopes: ['admin'] as const };

export const adminRouter = router({
  createKey: endpoint('POST', '/admin/keys', { ...admin, summary: 'Create an API key (shown once)' })
    .input(createKeyInputSchema)
    .output(createKeyOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const created = await createApiKey(ctx.services.db, { userId: input.user_id, scopes: input.scopes, name: input.name ?? null });
      ctx.services.keyCache.invalidate(hashApiKey(created.key));
      if (input.rate_limits) await saveLimits(ctx, 'key', created.id, input.rate_limits);
      return {
        id: created.id,
        key: created.key,
        user_id: created.userId,
        name: created.name,
        key_prefix: displayPrefix(created.key),
        scopes: created.scopes,
        created_at: created.createdAt.toISOString(),
        revoked_at: null,
      };
    }),

  listKeys: endpoint('GET', '/admin/keys', { ...admin, summary: 'List API keys (never the keys themselves)' })
    .input(listKeysInputSchema)
    .output(listKeysOutputSchema)
    .query(async ({ ctx, input }) => ({ keys: (await listApiKeys(ctx.services.db, { userId: input.user_id })).map(toKeyInfo) })),

  revokeKey: endpoint('POST', '/admin/keys/{id}/revoke', { ...admin, summary: 'Revoke an API key at once', errors: { 404: 'No such live key' } })
    .input(revokeKeyInputSchema)
    .output(revokeKeyOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const keyHash = await revokeApiKey(ctx.services.db, input.id);
      if (!keyHash) throw new GatewayError('not_found', 'No such key', `No live API key has id ${input.id}.`);
      ctx.services.keyCache.invalidate(keyHash);
      return { id: input.id, revoked: true as const };
    }),

  setKeyLimits: endpoint('PUT', '/admin/keys/{id}/limits', {
    ...admin,
    summary: "Set a key's own rate limits (null: the default)",
    errors: { 404: 'No such key' },
  })
    .input(setKeyLimitsInputSchema)
    .output(limitsOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const key = await ctx.services.db.selectFrom('api_keys').select('id').where('id', '=', input.id).executeTakeFirst();
      if (!key) throw new GatewayError('not_found', 'No such key', `No API key has id ${input.id}.`);
      return saveLimits(ctx, 'key', input.id, input);
    }),

  setUserLimits: endpoint('PUT', '/admin/users/{user_id}/limits', {
    ...admin,
    summary: "Set a user's rate limits, shared by all its keys (null: the default)",
    errors: { 404: 'No such user' },
  })
    .input(setUserLimitsInputSchema)
    .output(limitsOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const user = await ctx.services.db.selectFrom('users').select('id').where('id', '=', input.user_id).executeTakeFirst();
      if (!user) throw new GatewayError('not_found', 'No such user', `No user has id ${input.user_id}.`);
      return saveLimits(ctx, 'user', input.user_id, input);
    }),
});

async function saveLimits(
  ctx: TrpcContext,
  subject: LimitSubjectKind,
  subjectId: string,
  limits: { requests_per_minute: number | null; tokens_per_minute: number | null },
) {
  await setRateLimits(ctx.services.db, subject, subjectId, { requestsPerMinute: limits.requests_per_minute, tokensPerMinute: limits.tokens_per_minute });
  ctx.services.limitOverrides.invalidate(subject, subjectId);
  return { subject, subject_id: subjectId, requests_per_minute: limits.requests_per_minute, tokens_per_minute: limits.tokens_per_minute };
}

function toKeyInfo(row: ApiKeyRow) {
  return {
    id: row.id,
    user_id: row.user_id,
    name: row.name,
    key_prefix: row.key_prefix,
    scopes: row.scopes as Scope[],
    created_at: row.created_at.toISOString(),
    revoked_at: row.revoked_at?.toISOString() ?? null,
  };
}
