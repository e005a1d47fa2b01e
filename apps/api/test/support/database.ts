import pg from 'pg';

/** A new, empty database beside the stack's own, dropped first if a previous run left it. */
export async function freshDatabase(stackDatabaseUrl: string, name: string): Promise<string> {
  await withClient(stackDatabaseUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  });
  const url = new URL(stackDatabaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on a connection of its own. */
export async function sql<R extends pg.QueryResultRow = any>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  return withClient(url, async (client) => (await client.query<R>(text, values)).rows);
}

export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
