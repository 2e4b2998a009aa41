import type { Scope } from './scopes.js';

/** Who a request acts as, once its key checked out. */
export interface Principal {
  userId: string;
  /** Undefined for the local control token (npm run keys talking to a running gateway). */
  apiKeyId: string | undefined;
  scopes: readonly Scope[];
  /** The key's own spend limits in nano-USD (undefined: none). */
  spendLimits?: { total: bigint | undefined; daily: bigint | undefined };
}
