import pg from 'pg';

/** The PostgreSQL server the tests use when it is running: trust auth on loopback, database `test`. */
export const testDatabase = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' } as const;

/** Why the PostgreSQL tests are skipped, for their titles. */
export const postgresAbsent =
  'skipped: PostgreSQL not reachable at 127.0.0.1:5432, user postgres, database test';

/** Whether the test server accepts a connection within two seconds. */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ ...testDatabase, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
