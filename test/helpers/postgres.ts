import pg from 'pg';
import { printSkip } from './skip-notice.js';

/** The PostgreSQL server the tests use when it is running: trust auth on loopback, database `test`. */
export const testDatabase = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' } as const;

type Database = Pick<pg.ClientConfig, 'host' | 'port' | 'user' | 'database'>;

function unreachable({ host, port, user, database }: Database): string {
  return `PostgreSQL not reachable at ${host}:${port}, user ${user}, database ${database}`;
}

/** Why the PostgreSQL tests are skipped, for their titles. */
export const postgresAbsent = `skipped: ${unreachable(testDatabase)}`;

/** Whether the server accepts a connection within two seconds. */
async function postgresReachable(database: Database = testDatabase): Promise<boolean> {
  const client = new pg.Client({ ...database, connectionTimeoutMillis: 2_000 });
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

/**
 * Whether the tests of `what` can run against the server; when they cannot, says so in the default test output
 * (a skipped suite's title is not printed).
 */
export async function postgresAvailable(what: string, database: Database = testDatabase): Promise<boolean> {
  const reachable = await postgresReachable(database);
  if (!reachable) printSkip(what, unreachable(database));
  return reachable;
}
