import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';

export class DatabaseUnreachableError extends Error {
  override readonly name = 'DatabaseUnreachableError';
}

export interface WaitForDatabaseOptions {
  /** Give up once this much time has gone by (DATABASE_CONNECT_TIMEOUT_MS). */
  timeoutMs: number;
  log: (message: string) => void;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * At startup the database may still be coming up (compose, Kubernetes, a restarting server), so
 * the gateway waits for it with exponential backoff instead of failing its first migration. The
 * wait is bounded, so a wrong DATABASE_URL still ends in a clear exit rather than a silent hang.
 */
export async function waitForDatabase(db: Kysely<unknown> | Kysely<Database>, options: WaitForDatabaseOptions): Promise<void> {
  const startedAt = Date.now();
  let delayMs = options.firstDelayMs ?? 250;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await sql`select 1`.execute(db as Kysely<unknown>);
      return;
    } catch (error) {
      const reason = describe(error);
      const remainingMs = options.timeoutMs - (Date.now() - startedAt);
      if (remainingMs <= 0) {
        throw new DatabaseUnreachableError(
          `Database not reachable after ${attempt} attempts in ${Math.round(options.timeoutMs / 1000)} s (${reason}). ` +
            'Check DATABASE_URL and that the server is up, or raise DATABASE_CONNECT_TIMEOUT_MS.',
        );
      }
      const waitMs = Math.min(delayMs, remainingMs);
      options.log(`database not reachable, retrying in ${formatSeconds(waitMs)}s (attempt ${attempt}: ${reason})`);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      delayMs = Math.min(delayMs * 2, options.maxDelayMs ?? 5_000);
    }
  }
}

/** The error code when there is one: Node's dual-stack connect failures are AggregateErrors with an empty message. */
function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return [typeof code === 'string' ? code : undefined, message].filter(Boolean).join(': ') || 'unknown error';
}

function formatSeconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 10_000 ? 2 : 0).replace(/\.?0+$/, '');
}
