/**
 * What a {@link QueryClient} returns: the rows as objects keyed by column name.
 *
 * @example
 * ```ts
 * const result: QueryResult = { rows: [{ user_name: 'ada@example.com', active: 1n }], fields: [{ name: 'user_name' }, { name: 'active' }] };
 * ```
 */
export interface QueryResult {
  rows: Record<string, unknown>[];
  /** The result's columns, when the driver reports them (lets an empty result be checked too). */
  fields?: readonly { name: string }[] | undefined;
}

/**
 * The one thing {@link sqlSource} needs from a database driver: run a query text and return the rows as objects.
 * A `pg` `Client` or `Pool` has this shape and can be passed directly (or through {@link postgresClient});
 * {@link sqliteClient} adapts `node:sqlite`; any other driver needs a few lines.
 *
 * @example
 * ```ts
 * import mysql from 'mysql2/promise';
 * const connection = await mysql.createConnection(process.env.DATABASE_URL!);
 * const client: QueryClient = {
 *   async query(sql) {
 *     const [rows] = await connection.query(sql);
 *     return { rows: rows as Record<string, unknown>[] };
 *   },
 * };
 * ```
 */
export interface QueryClient {
  /** Runs `sql` (no parameters) and resolves with its rows; rejects when the query fails. */
  query(sql: string): Promise<QueryResult>;
}
