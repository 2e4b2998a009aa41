import { createApiKey, listApiKeys, revokeApiKey } from '../../auth/api-keys-repository.js';
import { displayPrefix, hashApiKey } from '../../auth/api-key.js';
import type { Scope } from '../../auth/scopes.js';
import { auditLedger } from '../../billing/audit.js';
import { creditAccount, grantCredits, setUnlimited } from '../../billing/credits.js';
import { nanoToJson } from '../../billing/money.js';
import {
  auditOutputSchema,
  creditAccountInputSchema,
  creditAccountSchema,
  grantCreditsInputSchema,
  setCreditModeInputSchema,
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
import { z } from 'zod';
import type { ApiKeyRow } from '../../db/database.js';
import { GatewayError } from '../../errors.js';
import { setRateLimits, type LimitSubjectKind } from '../../ratelimit/rate-limits-repository.js';
import { endpoint, principalOf, router, type TrpcContext } from '../init.js';

const admin = { tags: ['admin'], scopes: ['admin'] as const };

export const adminRouter = router({
  createKey: endpoint('POST', '/admin/keys', { ...admin, summary: 'Create an API key (shown once)' })
    .input(createKeyInputSchema)
    .output(createKeyOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const created = await createApiKey(ctx.services.db, {
        userId: input.user_id,
        scopes: input.scopes,
        name: input.name ?? null,
        spendLimitTotal: optionalBigInt(input.spend_limit_total_nano_usd),
        spendLimitDaily: optionalBigInt(input.spend_limit_daily_nano_usd),
      });
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
        spend_limit_total_nano_usd: input.spend_limit_total_nano_usd ?? null,
        spend_limit_daily_nano_usd: input.spend_limit_daily_nano_usd ?? null,
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
      await ctx.services.invalidation.publish({ kind: 'key', keyHash });
      return { id: input.id, revoked: true as const };
    }),

  grantCredits: endpoint('POST', '/admin/credits/grant', { ...admin, summary: "Grant (or, negative, adjust) a user's credits" })
    .input(grantCreditsInputSchema)
    .output(creditAccountSchema)
    .mutation(async ({ ctx, input }) => {
      const account = await grantCredits(ctx.services.db, {
        userId: input.user_id,
        amountNanoUsd: BigInt(input.amount_nano_usd),
        reason: input.reason,
        grantedBy: principalOf(ctx).userId,
      });
      ctx.services.credits.invalidate(input.user_id);
      return toAccount(account);
    }),

  creditAccount: endpoint('GET', '/admin/credits/{user}', { ...admin, summary: "A user's balance, reservations and latest grants" })
    .input(creditAccountInputSchema)
    .output(creditAccountSchema)
    .query(async ({ ctx, input }) => toAccount(await creditAccount(ctx.services.db, input.user))),

  setCreditMode: endpoint('POST', '/admin/credits/{user}/mode', { ...admin, summary: 'Make a user unlimited (credits off) or limited by its balance' })
    .input(setCreditModeInputSchema)
    .output(creditAccountSchema)
    .mutation(async ({ ctx, input }) => {
      await setUnlimited(ctx.services.db, input.user, input.unlimited);
      ctx.services.credits.invalidate(input.user);
      return toAccount(await creditAccount(ctx.services.db, input.user));
    }),

  audit: endpoint('GET', '/admin/audit', {
    ...admin,
    summary: 'Recompute every bill: row costs from their price versions, balances from grants minus usage, reservations',
  })
    .input(z.object({}))
    .output(auditOutputSchema)
    .query(({ ctx }) => auditLedger(ctx.services.db)),

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

function optionalBigInt(value: number | undefined): bigint | undefined {
  return value === undefined ? undefined : BigInt(value);
}

function toAccount(account: Awaited<ReturnType<typeof creditAccount>>) {
  return {
    user_id: account.userId,
    balance_nano_usd: nanoToJson(account.balanceNanoUsd),
    reserved_nano_usd: nanoToJson(account.reservedNanoUsd),
    available_nano_usd: nanoToJson(account.balanceNanoUsd - account.reservedNanoUsd),
    unlimited: account.unlimited,
    grants: account.grants.map((grant) => ({
      id: grant.id,
      amount_nano_usd: nanoToJson(grant.amount_nano_usd),
      reason: grant.reason,
      granted_by: grant.granted_by,
      created_at: grant.created_at.toISOString(),
    })),
  };
}

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
    spend_limit_total_nano_usd: row.spend_limit_total_nano_usd === null ? null : nanoToJson(row.spend_limit_total_nano_usd),
    spend_limit_daily_nano_usd: row.spend_limit_daily_nano_usd === null ? null : nanoToJson(row.spend_limit_daily_nano_usd),
  };
}
