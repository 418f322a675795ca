import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { accessSchemaSql, postgresClient, sqliteClient, sqlSource } from '@anaplan-access/reconcile';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase as connection, postgresAbsent, postgresAvailable } from '../helpers/postgres.js';

const reachable = await postgresAvailable('sqlSource over PostgreSQL');
const documentation = await readFile(new URL('../../docs/relational-schema.md', import.meta.url), 'utf8');

/** The SQL block after `<!-- marker -->` in docs/relational-schema.md. */
function documentedSql(marker: string): string {
  const match = new RegExp(`<!-- ${marker} -->\\n\`\`\`sql\\n([\\s\\S]*?)\`\`\``).exec(documentation);
  if (!match?.[1]) throw new Error(`no SQL block after <!-- ${marker} --> in docs/relational-schema.md`);
  return match[1];
}

const suiteName = reachable ? 'sqlSource over PostgreSQL' : `sqlSource over PostgreSQL (${postgresAbsent})`;

describe.skipIf(!reachable)(suiteName, () => {
  const schema = `access_test_${randomUUID().replaceAll('-', '')}`;
  const client = new pg.Client(connection);

  beforeAll(async () => {
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET search_path TO ${schema}`);
    await client.query(accessSchemaSql);
    await client.query(accessSchemaSql);
    await client.query(documentedSql('example-data'));
  });

  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await client.end();
  });

  /** The same data read from node:sqlite, to compare with. */
  async function fromSqlite(query?: string) {
    const database = new DatabaseSync(':memory:');
    database.exec(accessSchemaSql);
    database.exec(documentedSql('example-data'));
    return sqlSource({ client: sqliteClient(database), query }).load();
  }

  it('reads the documented relational schema and example data exactly as SQLite does', async () => {
    const state = await sqlSource({ client: postgresClient(client), name: 'postgres' }).load();
    expect(state.findings).toEqual([]);
    expect(state.users.map((user) => user.userName)).toEqual([
      'ada.lovelace@example.com',
      'alan.turing@example.com',
      'grace.hopper@example.com',
    ]);
    expect(state.users[1]?.models['Sales Forecast']).toEqual({
      role: 'Full Access',
      sso: false,
      workspaceAdmin: true,
      selectiveAccess: {},
    });
    expect(state).toEqual({ ...(await fromSqlite()), source: 'postgres' });
  });

  it('accepts a pg Client directly and runs the documented flat query', async () => {
    const flat = documentedSql('flat-query');
    const state = await sqlSource({ client, query: flat }).load();
    expect(state.findings).toEqual([]);
    const sqlite = await fromSqlite(flat);
    const withoutRefs = (users: typeof state.users) => users.map(({ refs: _refs, ...user }) => user);
    expect(withoutRefs(state.users)).toEqual(withoutRefs(sqlite.users));
  });

  it('enforces the schema constraints', async () => {
    await expect(
      client.query(
        "INSERT INTO access_users (user_name, given_name, family_name) VALUES ('ADA.LOVELACE@example.com', 'A', 'L')",
      ),
    ).rejects.toThrow(/access_users_user_name_lower/);
    await expect(
      client.query(
        "INSERT INTO access_selective_access VALUES ('ada.lovelace@example.com', 'FP&A Model', 'L', 'I', 'admin')",
      ),
    ).rejects.toThrow(/check constraint/);
    await expect(
      client.query(
        "INSERT INTO access_model_roles (user_name, model, role) VALUES ('ghost@example.com', 'M', 'Planner')",
      ),
    ).rejects.toThrow(/foreign key constraint/);
  });

  it('coerces PostgreSQL types and reports wrong ones naming the table, row and column', async () => {
    const users = `SELECT * FROM (VALUES
        (1, 'ada@example.com', 'Ada', '42'::text, 'yes'::text, 9007199254740993::int8),
        (2, 'bob@example.com', 'Bob', 'Builder', NULL, NULL),
        (3, 'cy@example.com', 'Cy', 'Young', '2', NULL),
        (4, NULL, 'Nobody', 'Null', 'true', NULL)
      ) AS t (n, user_name, given_name, family_name, active, external_id) ORDER BY n`;
    const state = await sqlSource({
      client: postgresClient(client),
      queries: {
        users: `SELECT user_name, given_name, family_name, active, external_id FROM (${users}) AS u`,
        workspaceMembers: 'SELECT user_name, workspace FROM access_workspace_members WHERE false',
        modelRoles: `SELECT 'ada@example.com' AS user_name, 'M' AS model, 'Planner' AS role, 1::int AS sso, 0::bigint AS workspace_admin`,
        selectiveAccess:
          'SELECT user_name, model, list_name, item, access FROM access_selective_access WHERE false',
      },
    }).load();
    expect(
      state.users.map((user) => [user.userName, user.familyName, user.active, user.externalId, user.models]),
    ).toEqual([
      [
        'ada@example.com',
        '42',
        true,
        '9007199254740993',
        { M: { role: 'Planner', sso: true, workspaceAdmin: false, selectiveAccess: {} } },
      ],
      ['bob@example.com', 'Builder', true, undefined, {}],
    ]);
    expect(state.findings.map((finding) => finding.message)).toEqual([
      'sql:access_users row 3: column "active": expected a boolean (true/false, 1/0, yes/no), got the text "2"',
      'sql:access_users row 4: column "user_name": is NULL; every row needs the user’s e-mail',
    ]);

    const typed = await sqlSource({
      client,
      query: `SELECT 'dee@example.com' AS email, now() AS first_name, 42 AS last_name, true AS external_id
              UNION ALL SELECT 'eve@example.com', NULL, 1.5, NULL`,
    }).load();
    expect(typed.findings.map((finding) => finding.message)).toEqual([
      expect.stringMatching(/^sql:query row 1: column "first_name": expected text, got a date \(\d{4}-/),
      'sql:query row 1: column "external_id": expected text, got the boolean true',
      'eve@example.com: no first_name in sql:query row 2',
    ]);
    expect(typed.users).toEqual([]);
  });

  it('reports a missing table as a source-error and no users', async () => {
    const state = await sqlSource({
      client: postgresClient(client),
      queries: { selectiveAccess: 'SELECT user_name, model, list_name, item, access FROM no_such_table' },
    }).load();
    expect(state.users).toEqual([]);
    expect(state.findings).toEqual([
      {
        kind: 'source-error',
        severity: 'error',
        message:
          'sql:access_selective_access: the query failed: 42P01: relation "no_such_table" does not exist',
        refs: undefined,
      },
    ]);
  });
});

describe('sqlSource over pg without a server', () => {
  it('reports a refused connection as a source-error', async () => {
    const pool = new pg.Pool({ ...connection, port: 1, connectionTimeoutMillis: 2_000 });
    try {
      const state = await sqlSource({ client: postgresClient(pool) }).load();
      expect(state.users).toEqual([]);
      expect(state.findings).toMatchObject([
        {
          kind: 'source-error',
          message: expect.stringMatching(/^sql:access_users: the query failed: .*ECONNREFUSED/),
        },
      ]);
    } finally {
      await pool.end();
    }
  });
});
