import { LedgerWriter } from '../../src/billing/ledger-writer.js';
import { PriceBook } from '../../src/billing/price-book.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js';
import { prepareDatabase } from '../../src/plugins/database.js';
import { createPipeline } from '../../src/plugins/pipeline.js';
import type { ProviderAdapter } from '../../src/providers/spec/index.js';
import { AttemptSignals } from '../../src/routing/attempt-deadline.js';
import type { CallContext, PipelineServices } from '../../src/routing/call-context.js';
import { ModelMappings } from '../../src/routing/model-mappings.js';

/**
 * The real pipeline (resolver, breakers, attempts, ledger over in-memory PGlite) over the given
 * adapters, for the unit tests of routing/ and tasks/. Short deadlines keep fault tests fast.
 */
export async function openPipelineHarness(): Promise<{
  database: OpenDatabase;
  pipelineOver(...adapters: ProviderAdapter[]): Promise<PipelineServices>;
  contextOf(services: PipelineServices, signals?: AttemptSignals): CallContext;
  rowOf(requestId: string): Promise<Record<string, unknown> | undefined>;
}> {
  const database = await openDatabase({ kind: 'pglite', dataDir: undefined });
  await prepareDatabase(database.db);
  const config = loadConfig({
    NODE_ENV: 'test',
    UPSTREAM_TIMEOUT_MS: '300',
    STREAM_IDLE_TIMEOUT_MS: '200',
    UPSTREAM_FIRST_TOKEN_TIMEOUT_MS: '300',
    RETRY_MAX_WAIT_MS: '50',
    CIRCUIT_FAILURE_THRESHOLD: '3',
  });
  return {
    database,
    async pipelineOver(...adapters) {
      const mappings = new ModelMappings(database.db);
      await mappings.load();
      const ledger = new LedgerWriter(database.db, { mode: 'durable', onFlushError: () => {} });
      const priceBook = await PriceBook.load(database.db);
      return createPipeline(config, { adapters: new Map(adapters.map((adapter) => [adapter.id, adapter])), mappings, priceBook, ledger });
    },
    contextOf: (services, signals = new AttemptSignals()) => ({
      services,
      principal: { userId: 'alice', apiKeyId: undefined, scopes: ['inference'] },
      inferenceId: crypto.randomUUID(),
      signals,
      startedAt: performance.now(),
    }),
    rowOf: (requestId) => database.db.selectFrom('usage').selectAll().where('request_id', '=', requestId).executeTakeFirst(),
  };
}
