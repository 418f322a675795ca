// Tests: test/postgres/sql-source.postgres.test.ts

import type { QueryClient, QueryResult } from './query-client.js';

/**
 * What {@link postgresClient} needs from a `pg` `Client`, `Pool` or `PoolClient`: `query(text)`. Accepted
 * structurally, so this package does not depend on `pg`.
 *
 * @example
 * ```ts
 * const queryable: PostgresQueryable = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * ```
 */
export interface PostgresQueryable {
  /** Runs one SQL statement and resolves to its rows (and column names, when the driver gives them). */
  query(text: string): Promise<{ rows: Record<string, unknown>[]; fields?: readonly { name: string }[] }>;
}

/**
 * Adapts a connected `pg` `Client`, a `Pool` or a `PoolClient` to a {@link QueryClient}. It only ever calls
 * `query(text)` with the query text; connecting, pooling and closing stay with the caller. `pg` returns `int8` and
 * `numeric` as strings and `boolean` as booleans, which {@link sqlSource} accepts as they are.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const desired = await sqlSource({ client: postgresClient(pool) }).load();
 * await pool.end();
 * ```
 * @group Sources
 */
export function postgresClient(client: PostgresQueryable): QueryClient {
  return {
    async query(sql: string): Promise<QueryResult> {
      const result = await client.query(sql);
      return { rows: result.rows, fields: result.fields?.map((field) => ({ name: field.name })) };
    },
  };
}
