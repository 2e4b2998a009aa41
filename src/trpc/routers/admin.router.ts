import { createApiKey, listApiKeys, revokeApiKey } from '../../auth/api-keys-repository.js';
import { displayPrefix, hashApiKey } from '../../auth/api-key.js';
import type { Scope } from '../../auth/scopes.js';
import {
  createKeyInputSchema,
  createKeyOutputSchema,
  listKeysInputSchema,
  listKeysOutputSchema,
  revokeKeyInputSchema,
  revokeKeyOutputSchema,
} from '../../contract/admin.js';
import type { ApiKeyRow } from '../../db/database.js';
import { GatewayError } from '../../errors.js';
import { endpoint, router } from '../init.js';

const admin = { tags: ['admin'], scopes: ['admin'] as const };

export const adminRouter = router({
  createKey: endpoint('POST', '/admin/keys', { ...admin, summary: 'Create an API key (shown once)' })
    .input(createKeyInputSchema)
    .output(createKeyOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const created = await createApiKey(ctx.services.db, { userId: input.user_id, scopes: input.scopes, name: input.name ?? null });
      ctx.services.keyCache.invalidate(hashApiKey(created.key));
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
      await ctx.services.invalidation.publish({ kind: 'key', keyHash });
      return { id: input.id, revoked: true as const };
    }),
});

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
