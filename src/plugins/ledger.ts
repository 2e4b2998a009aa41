import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { LedgerWriter } from '../billing/ledger-writer.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';

/** The usage ledger's group-committing writer; on close, every queued row is committed first. */
export function registerLedger(app: FastifyInstance, config: Config, db: Kysely<Database>): LedgerWriter {
  const ledger = new LedgerWriter(db, {
    mode: config.LEDGER_MODE,
    onFlushError: (error, rows) => app.log.error({ err: error, rows }, 'usage ledger flush failed; rows kept and retried'),
  });
  app.addHook('onClose', () => ledger.drain());
  return ledger;
}
