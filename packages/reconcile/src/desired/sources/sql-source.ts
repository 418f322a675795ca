import { z } from 'zod';
import type { Finding } from '../../findings.js';
import { accessRowColumns } from '../access-row.js';
import type { DesiredState } from '../desired-state.js';
import type { RawRow } from '../internal/assemble.js';
import type { AccessQueries } from './access-schema.js';
import type { AccessColumn } from './column-mapping.js';
import type { DesiredStateSource, LoadOptions } from './desired-state-source.js';
import { assembleWithRowFindings, emailOf } from './internal/assemble-rows.js';
import { expectedAccessColumns, matchColumns, requiredAccessColumns } from './internal/match-columns.js';
import { type RelationalQuery, relationalQueries } from './internal/relational-queries.js';
import {
  failedState,
  oneLineMessageOf,
  rethrowIfAborted,
  SourceFailure,
  sourceError,
} from './internal/source-failure.js';
import { parseSourceOptions } from './internal/source-options.js';
import { coerceSqlValue } from './internal/sql-value-coercion.js';
import type { QueryClient, QueryResult } from './query-client.js';

/**
 * Options of {@link sqlSource}. Give `query` or `queries`, not both; with neither the default queries run.
 *
 * @example
 * ```ts
 * const options: SqlSourceOptions = { client: sqliteClient('access.db'), name: 'access-db' };
 * ```
 */
export interface SqlSourceOptions {
  /** Runs the queries: {@link sqliteClient}, {@link postgresClient}, a `pg` `Client`/`Pool`, or your own adapter. */
  client: QueryClient;
  /** One query returning the columns of the flat access format (`email`, `first_name`, `last_name`, …). */
  query?: string | undefined;
  /** Replaces some of the queries of the relational schema ({@link accessSchemaSql}); the others stay the defaults. */
  queries?: AccessQueries | undefined;
  /** Names the source in findings and plans. @default 'sql' */
  name?: string | undefined;
}

const queryText = z.string().trim().min(1);
const optionsSchema = z.strictObject({
  client: z.custom<QueryClient>(
    (value) => typeof (value as { query?: unknown } | null)?.query === 'function',
    'must have a query(sql) method (sqliteClient(…), postgresClient(…), a pg Client or Pool …)',
  ),
  query: queryText.optional(),
  queries: z
    .strictObject({
      users: queryText.optional(),
      workspaceMembers: queryText.optional(),
      modelRoles: queryText.optional(),
      selectiveAccess: queryText.optional(),
    })
    .optional(),
  name: z.string().min(1).optional(),
});

/**
 * Desired state from a relational database, through any driver wrapped as a {@link QueryClient}.
 *
 * - By default it reads the relational schema of {@link accessSchemaSql} (`access_users`,
 *   `access_workspace_members`, `access_model_roles`, `access_selective_access`); `queries` replaces some of those
 *   queries. Rows are named `sql:<table> row <n>`, `n` counting the query's rows from 1.
 * - With `query`, one query returns rows of the flat access format ({@link AccessRowSchema}); rows are named
 *   `<name> row <n>` (`sql:query` by default).
 * - Values are coerced leniently where that is safe: `NULL` means "not stated"; numbers and bigints are accepted as
 *   text; `0`/`1`, `'true'`/`'false'`, `'yes'`/`'no'` as booleans. Any other value (a boolean for a name, `2` for
 *   a flag, a date …) is an `invalid-row` finding naming the table, row and column, and leaves that user out.
 * - A failing query, unknown or missing columns, or a result that is not rows make the whole source unreadable: one
 *   `source-error` finding and no users.
 *
 * @example
 * ```ts
 * const desired = await sqlSource({ client: sqliteClient('access.db') }).load();
 * ```
 * @example
 * ```ts
 * import pg from 'pg';
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const source = sqlSource({
 *   client: postgresClient(pool),
 *   queries: { users: "SELECT user_name, given_name, family_name, active, external_id FROM hr.staff_access WHERE region = 'EMEA'" },
 * });
 * ```
 * @example
 * ```ts
 * const source = sqlSource({
 *   client: sqliteClient(database),
 *   query: `SELECT u.user_name AS email, u.given_name AS first_name, u.family_name AS last_name,
 *                  m.model, m.role
 *             FROM access_users u LEFT JOIN access_model_roles m ON m.user_name = u.user_name`,
 * });
 * ```
 * @throws ConfigurationError when the options are invalid (no client, both `query` and `queries`, an unknown key …).
 * @group Sources
 */
export function sqlSource(options: SqlSourceOptions): DesiredStateSource {
  const parsed = parseSourceOptions('sqlSource', optionsSchema, options, (value) =>
    value.query !== undefined && value.queries !== undefined
      ? { key: 'query, queries', problem: 'give query or queries, not both' }
      : undefined,
  );
  const name = parsed.name ?? 'sql';
  const plan: RelationalQuery[] =
    parsed.query !== undefined
      ? [
          {
            source: parsed.name ?? 'sql:query',
            query: parsed.query,
            columns: expectedAccessColumns(undefined),
            required: requiredAccessColumns,
          },
        ]
      : relationalQueries(parsed.queries);

  return {
    name,
    async load(loadOptions: LoadOptions = {}): Promise<DesiredState> {
      const { signal } = loadOptions;
      const rows: RawRow[] = [];
      const findings: Finding[] = [];
      for (const step of plan) {
        signal?.throwIfAborted();
        try {
          const result = await untilAborted(runQuery(parsed.client, step), signal);
          convertRows(step, result, rows, findings);
        } catch (error) {
          const failure = rethrowIfAborted(error, signal);
          const message =
            failure instanceof SourceFailure
              ? failure.message
              : `${step.source}: the query failed: ${oneLineMessageOf(failure)}`;
          return failedState(name, [sourceError(message)]);
        }
      }
      return assembleWithRowFindings(name, rows, findings);
    },
  };
}

async function runQuery(client: QueryClient, step: RelationalQuery): Promise<QueryResult> {
  const result: unknown = await client.query(step.query);
  const rows = (result as { rows?: unknown } | null)?.rows;
  if (
    !Array.isArray(rows) ||
    rows.some((row) => typeof row !== 'object' || row === null || Array.isArray(row))
  )
    throw new SourceFailure(`${step.source}: the client did not return { rows: [ { column: value, … } ] }`);
  return result as QueryResult;
}

/** Turns a query's rows into raw rows, with findings for values of the wrong type. */
function convertRows(step: RelationalQuery, result: QueryResult, rows: RawRow[], findings: Finding[]): void {
  const names = result.fields?.map((field) => field.name) ?? Object.keys(result.rows[0] ?? {});
  if (names.length === 0) return;
  const match = matchColumns(names, step.columns, step.required);
  if (!match.ok)
    throw new SourceFailure(`${step.source}: the query returns the wrong columns: ${match.problem}`);
  const emailIndex = match.targets.indexOf('email');
  const emailName = names[emailIndex] as string;

  result.rows.forEach((row, index) => {
    const ref = { source: step.source, row: index + 1 };
    const values: Record<string, unknown> = Object.fromEntries(
      accessRowColumns.map((column) => [column, undefined]),
    );
    const email = coerceSqlValue('email', row[emailName]);
    const userName = email.ok ? emailOf(email.value) : undefined;
    const report = (column: string, target: AccessColumn, problem: string) =>
      findings.push({
        kind: 'invalid-row',
        severity: 'error',
        message: `${step.source} row ${ref.row}: column "${column}": ${problem}`,
        userName,
        field: target,
        refs: [ref],
      });
    if (userName === undefined) {
      const missing = row[emailName] === null || row[emailName] === undefined ? 'is NULL' : 'is empty';
      report(emailName, 'email', email.ok ? `${missing}; every row needs the user’s e-mail` : email.problem);
      return;
    }
    names.forEach((column, columnIndex) => {
      const target = match.targets[columnIndex] as AccessColumn;
      const coerced = coerceSqlValue(target, row[column]);
      if (coerced.ok) values[target] = coerced.value;
      else report(column, target, coerced.problem);
    });
    rows.push({ values, ref });
  });
}

/** Resolves like `promise`, or rejects with the signal's reason as soon as it aborts (the query is not cancelled). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
