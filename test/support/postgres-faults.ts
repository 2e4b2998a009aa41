import pg from 'pg';

/** Ends every other connection to the database, as a Postgres restart or an idle timeout does. */
export async function terminateBackends(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    return result.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

/** Waits until a statement containing `text` is active on the database (so ending it is deterministic). */
export async function waitUntilRunning(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const result = await client.query(
        "select 1 from pg_stat_activity where datname = current_database() and state = 'active' and query like $1 and pid <> pg_backend_pid()",
        [`%${text}%`],
      );
      if (result.rowCount) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no statement like ${text} started`);
  } finally {
    await client.end();
  }
}
