import { resolve } from 'node:path';
import { prepareDatabase } from '../src/plugins/database.js';
import { loadConfig } from '../src/config.js';
import { acquireLock } from '../src/db/data-dir-lock.js';
import { openDatabase } from '../src/db/open-database.js';

/** Runs the migrations (the gateway also does on start). Refuses while a gateway holds the PGlite folder. */
const config = loadConfig();
const lock = config.DATABASE_URL ? undefined : acquireLock(resolve(config.DATA_DIR));
try {
  const database = await openDatabase(
    config.DATABASE_URL ? { kind: 'postgres', url: config.DATABASE_URL } : { kind: 'pglite', dataDir: resolve(config.DATA_DIR, 'pglite') },
  );
  await prepareDatabase(database.db);
  await database.close();
  console.log(`migrated ${database.kind} database to the latest schema`);
} catch (error) {
  console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  lock?.release();
}
