// Tests: ./sql-source.test.ts

import type { DatabaseSync } from 'node:sqlite';
import type { QueryClient, QueryResult } from './query-client.js';

/**
 * Adapts `node:sqlite` (built into Node.js; no native add-on to install) to a {@link QueryClient}.
 *
 * Given a `DatabaseSync`, queries run on it and it stays open. Given a path, each query opens the file read-only
 * (a missing file is an error, never a new empty database) and closes it again; nothing is opened before the first
 * query. Integers are read as `bigint`, so no value is rounded; {@link sqlSource} turns them into text, and `0`/`1`
 * into booleans.
 *
 * @example
 * ```ts
 * const desired = await sqlSource({ client: sqliteClient('access.db') }).load();
 * ```
 * @example
 * ```ts
 * import { DatabaseSync } from 'node:sqlite';
 * const database = new DatabaseSync(':memory:');
 * database.exec(accessSchemaSql);
 * const source = sqlSource({ client: sqliteClient(database) });
 * ```
 * @group Sources
 */
export function sqliteClient(database: DatabaseSync | string): QueryClient {
  return {
    async query(sql: string): Promise<QueryResult> {
      const opened = typeof database === 'string' ? await openReadOnly(database) : database;
      try {
        const statement = opened.prepare(sql);
        statement.setReadBigInts(true);
        const rows = statement.all().map((row) => ({ ...row }));
        const fields = statement.columns().map((column) => ({ name: column.name }));
        return { rows, fields };
      } finally {
        if (opened !== database) opened.close();
      }
    },
  };
}

async function openReadOnly(path: string): Promise<DatabaseSync> {
  // Loaded on first use: importing this package must not load node:sqlite (experimental before Node 22.13).
  const { DatabaseSync } = await import('node:sqlite');
  return new DatabaseSync(path, { readOnly: true });
}
