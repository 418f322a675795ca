import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesiredUser } from '../desired-state.js';
import { accessSchemaSql } from './access-schema.js';
import type { QueryClient } from './query-client.js';
import { sqlSource } from './sql-source.js';
import { sqliteClient } from './sqlite-client.js';

const documentation = await readFile(
  new URL('../../../../../docs/relational-schema.md', import.meta.url),
  'utf8',
);

/** The SQL block after `<!-- marker -->` in docs/relational-schema.md. */
function documentedSql(marker: string): string {
  const match = new RegExp(`<!-- ${marker} -->\\n\`\`\`sql\\n([\\s\\S]*?)\`\`\``).exec(documentation);
  if (!match?.[1]) throw new Error(`no SQL block after <!-- ${marker} --> in docs/relational-schema.md`);
  return match[1];
}

let directory: string;
let databasePath: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'sql-source-'));
  databasePath = join(directory, 'access.db');
  const database = new DatabaseSync(databasePath);
  database.exec(accessSchemaSql);
  database.exec(documentedSql('example-data'));
  database.close();
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** A fresh in-memory database with the schema, and `sql` run on it. */
function memoryDatabase(sql = ''): DatabaseSync {
  const database = new DatabaseSync(':memory:');
  database.exec(accessSchemaSql);
  database.exec(sql);
  return database;
}

/** The users of the documented example data, without their refs. */
export const exampleUsers: Omit<DesiredUser, 'refs'>[] = [
  {
    userName: 'ada.lovelace@example.com',
    givenName: 'Ada',
    familyName: 'Lovelace',
    active: true,
    externalId: 'E1001',
    workspaces: ['Finance Planning'],
    models: {
      'FP&A Model': {
        role: 'Planner',
        sso: true,
        workspaceAdmin: false,
        selectiveAccess: { 'Cost Centres': { read: ['CC200 Sales'], write: ['CC100 Finance'] } },
      },
    },
  },
  {
    userName: 'alan.turing@example.com',
    givenName: 'Alan',
    familyName: 'Turing',
    active: true,
    externalId: 'E1002',
    workspaces: ['Finance Planning', 'Sales Planning'],
    models: {
      'FP&A Model': {
        role: 'Reviewer',
        sso: true,
        workspaceAdmin: false,
        selectiveAccess: { 'Cost Centres': { read: ['CC200 Sales'], write: [] } },
      },
      'Sales Forecast': { role: 'Full Access', sso: false, workspaceAdmin: true, selectiveAccess: {} },
    },
  },
  {
    userName: 'grace.hopper@example.com',
    givenName: 'Grace',
    familyName: 'Hopper',
    active: false,
    externalId: undefined,
    workspaces: [],
    models: {},
  },
];

const withoutRefs = (users: DesiredUser[]) => users.map(({ refs: _refs, ...user }) => user);

describe('accessSchemaSql', () => {
  it('is the DDL printed in docs/relational-schema.md', () => {
    expect(documentedSql('ddl')).toBe(accessSchemaSql);
  });

  it('can run twice and enforces its constraints', () => {
    const database = memoryDatabase(accessSchemaSql);
    database.exec(
      "INSERT INTO access_users (user_name, given_name, family_name) VALUES ('ada@example.com', 'Ada', 'L')",
    );
    expect(() =>
      database.exec(
        "INSERT INTO access_users (user_name, given_name, family_name) VALUES ('Ada@Example.com', 'A', 'L')",
      ),
    ).toThrow(/UNIQUE constraint failed/);
    expect(() =>
      database.exec("INSERT INTO access_users (user_name, given_name) VALUES ('bob@example.com', 'Bob')"),
    ).toThrow(/NOT NULL constraint failed/);
    expect(() =>
      database.exec("INSERT INTO access_selective_access VALUES ('ada@example.com', 'M', 'L', 'I', 'admin')"),
    ).toThrow(/CHECK constraint failed/);
    database.close();
  });
});

describe('sqlSource over node:sqlite', () => {
  it('reads the relational schema from a database file', async () => {
    const source = sqlSource({ client: sqliteClient(databasePath) });
    const state = await source.load();
    expect(source.name).toBe('sql');
    expect(state.source).toBe('sql');
    expect(state.findings).toEqual([]);
    expect(withoutRefs(state.users)).toEqual(exampleUsers);
    expect(state.users[0]?.refs).toEqual([
      { source: 'sql:access_users', row: 1 },
      { source: 'sql:access_workspace_members', row: 1 },
      { source: 'sql:access_model_roles', row: 1 },
      { source: 'sql:access_selective_access', row: 1 },
      { source: 'sql:access_selective_access', row: 2 },
    ]);
  });

  it('reads the same users through the documented flat query, on an open database it leaves open', async () => {
    const database = new DatabaseSync(databasePath, { readOnly: true });
    const state = await sqlSource({
      client: sqliteClient(database),
      query: documentedSql('flat-query'),
    }).load();
    expect(state.findings).toEqual([]);
    expect(withoutRefs(state.users)).toEqual(exampleUsers);
    expect(state.users[2]?.refs).toEqual([{ source: 'sql:query', row: expect.any(Number) }]);
    expect(database.isOpen).toBe(true);
    database.close();
  });

  it('runs replacement queries and keeps the default ones for the other tables', async () => {
    const database = memoryDatabase(documentedSql('example-data'));
    database.exec(`CREATE VIEW finance_users AS SELECT * FROM access_users WHERE user_name LIKE 'a%'`);
    const state = await sqlSource({
      client: sqliteClient(database),
      queries: { users: 'SELECT user_name, given_name, family_name FROM finance_users ORDER BY user_name' },
      name: 'hr-database',
    }).load();
    expect(state.source).toBe('hr-database');
    expect(state.findings).toEqual([]);
    expect(state.users.map((user) => [user.userName, user.active])).toEqual([
      ['ada.lovelace@example.com', true],
      ['alan.turing@example.com', true],
    ]);
  });

  it('reads empty tables as no users and no findings', async () => {
    const state = await sqlSource({ client: sqliteClient(memoryDatabase()) }).load();
    expect(state).toEqual({ source: 'sql', users: [], findings: [] });
  });

  it('accepts NULLs and safe coercions, and reports wrong types naming the table, row and column', async () => {
    // Loosely typed columns, as a hand-made table or a view over other data may have them.
    const database = new DatabaseSync(':memory:');
    database.exec(`CREATE TABLE loose_users (user_name, given_name, family_name, active, external_id);
      INSERT INTO loose_users VALUES
        ('ada@example.com', 'Ada', 42, 'yes', 9007199254740993),
        ('bob@example.com', 'Bob', 'Builder', NULL, NULL),
        ('cy@example.com', 'Cy', 'Young', 2, NULL),
        ('dee@example.com', X'DEADBEEF', 'Dee', 1, 3.5),
        ('eve@example.com', 'Eve', 'Adams', 'maybe', NULL),
        (NULL, 'Nobody', 'Null', 1, NULL),
        ('', 'Empty', 'Mail', 1, NULL),
        (12345, 'Number', 'Mail', 1, NULL),
        ('fay@example.com', 'Fay', 'F', 0, NULL);
      CREATE TABLE loose_roles (user_name, model, role, sso, workspace_admin);
      INSERT INTO loose_roles VALUES
        ('ada@example.com', 'M', 'Planner', NULL, 'F'),
        ('bob@example.com', 'M', 'Planner', 1.0, 'true'),
        ('fay@example.com', 'M', 'Planner', 'N', 0);`);
    database.exec(accessSchemaSql);
    const state = await sqlSource({
      client: sqliteClient(database),
      queries: {
        users: 'SELECT * FROM loose_users ORDER BY rowid',
        modelRoles: 'SELECT * FROM loose_roles ORDER BY rowid',
      },
    }).load();
    expect(
      state.users.map((user) => [
        user.userName,
        user.familyName,
        user.active,
        user.externalId,
        user.models.M,
      ]),
    ).toEqual([
      [
        'ada@example.com',
        '42',
        true,
        '9007199254740993',
        { role: 'Planner', sso: false, workspaceAdmin: false, selectiveAccess: {} },
      ],
      [
        'bob@example.com',
        'Builder',
        true,
        undefined,
        { role: 'Planner', sso: true, workspaceAdmin: true, selectiveAccess: {} },
      ],
      [
        'fay@example.com',
        'F',
        false,
        undefined,
        { role: 'Planner', sso: false, workspaceAdmin: false, selectiveAccess: {} },
      ],
    ]);
    expect(
      state.findings.map((finding) => [finding.kind, finding.userName, finding.field, finding.message]),
    ).toEqual([
      [
        'invalid-row',
        'cy@example.com',
        'active',
        'sql:access_users row 3: column "active": expected a boolean (true/false, 1/0, yes/no), got the number 2',
      ],
      [
        'invalid-row',
        'dee@example.com',
        'first_name',
        'sql:access_users row 4: column "given_name": expected text, got binary data (4 bytes)',
      ],
      [
        'invalid-row',
        'eve@example.com',
        'active',
        'sql:access_users row 5: column "active": expected a boolean (true/false, 1/0, yes/no), got the text "maybe"',
      ],
      [
        'invalid-row',
        undefined,
        'email',
        'sql:access_users row 6: column "user_name": is NULL; every row needs the user’s e-mail',
      ],
      [
        'invalid-row',
        undefined,
        'email',
        'sql:access_users row 7: column "user_name": is empty; every row needs the user’s e-mail',
      ],
      ['invalid-row', '12345', 'email', 'sql:access_users row 8: email: "12345" is not an e-mail address'],
    ]);
  });

  it('reports an invalid e-mail, users differing only by case, conflicting rows and missing names', async () => {
    const database = new DatabaseSync(':memory:');
    database.exec(`CREATE TABLE flat (email TEXT, first_name TEXT, last_name TEXT, model TEXT, role TEXT);
      INSERT INTO flat VALUES
        ('ada.example.com', 'Ada', 'Lovelace', NULL, NULL),
        ('Bob@Example.com', 'Bob', 'Builder', NULL, NULL),
        ('bob@example.com', NULL, NULL, 'M', 'Planner'),
        ('cy@example.com', 'Cy', 'Young', 'M', 'Planner'),
        ('cy@example.com', NULL, NULL, 'M', 'Reviewer'),
        ('dee@example.com', 'Dee', NULL, NULL, NULL),
        ('eve@example.com', 'Eve', 'Adams', 'M', 'Planner');`);
    const state = await sqlSource({
      client: sqliteClient(database),
      query: 'SELECT * FROM flat ORDER BY rowid',
    }).load();
    expect(state.users.map((user) => user.userName)).toEqual(['eve@example.com']);
    expect(state.findings).toMatchObject([
      { kind: 'invalid-row', field: 'email', refs: [{ source: 'sql:query', row: 1 }] },
      { kind: 'duplicate-user', userName: 'Bob@Example.com', refs: [{ row: 2 }, { row: 3 }] },
      {
        kind: 'conflicting-rows',
        userName: 'cy@example.com',
        field: 'models.M.role',
        refs: [{ row: 4 }, { row: 5 }],
      },
      { kind: 'missing-user-details', userName: 'dee@example.com', field: 'last_name', refs: [{ row: 6 }] },
    ]);
  });

  it('reports a user with rows but no access_users row as missing details', async () => {
    const database = memoryDatabase(
      `PRAGMA foreign_keys = OFF;
       INSERT INTO access_workspace_members VALUES ('ghost@example.com', 'WS');
       INSERT INTO access_model_roles VALUES ('ghost@example.com', 'M', 'Planner', 0, 0);`,
    );
    const state = await sqlSource({ client: sqliteClient(database) }).load();
    expect(state.users).toEqual([]);
    expect(state.findings).toMatchObject([
      {
        kind: 'missing-user-details',
        userName: 'ghost@example.com',
        refs: [
          { source: 'sql:access_workspace_members', row: 1 },
          { source: 'sql:access_model_roles', row: 1 },
        ],
      },
    ]);
  });

  it.each([
    [
      'a missing table',
      '',
      {},
      'sql:access_users: the query failed: ERR_SQLITE_ERROR: no such table: access_users',
    ],
    [
      'a syntax error',
      accessSchemaSql,
      { query: 'SELEC nothing' },
      'sql:query: the query failed: ERR_SQLITE_ERROR: near "SELEC": syntax error',
    ],
    [
      'unknown and missing columns',
      '',
      { query: "SELECT 'a@example.com' AS mail, 'A' AS first_name, 'B' AS last_name" },
      'sql:query: the query returns the wrong columns: unknown column "mail"; missing column "email". Expected columns: email, first_name',
    ],
    [
      'missing columns in a replacement query',
      accessSchemaSql,
      { queries: { modelRoles: 'SELECT user_name, model FROM access_model_roles' } },
      'sql:access_model_roles: the query returns the wrong columns: missing column "role". Expected columns: user_name, model, role, sso, workspace_admin',
    ],
  ])(
    'reports %s as one source-error and no users, even after good rows',
    async (_label, setup, options, message) => {
      const database = new DatabaseSync(':memory:');
      database.exec(setup);
      if (setup !== '') database.exec(documentedSql('example-data'));
      const state = await sqlSource({ client: sqliteClient(database), ...options }).load();
      expect(state.users).toEqual([]);
      expect(state.findings).toHaveLength(1);
      expect(state.findings[0]?.kind).toBe('source-error');
      expect(state.findings[0]?.message).toContain(message);
    },
  );

  it('checks the columns of an empty result too', async () => {
    const database = new DatabaseSync(':memory:');
    database.exec('CREATE TABLE people (mail TEXT, first_name TEXT, last_name TEXT)');
    const state = await sqlSource({ client: sqliteClient(database), query: 'SELECT * FROM people' }).load();
    expect(state.findings).toMatchObject([
      { kind: 'source-error', message: expect.stringContaining('unknown column "mail"') },
    ]);
  });

  it('reports a database file that does not exist without creating it', async () => {
    const path = join(directory, 'missing.db');
    const state = await sqlSource({ client: sqliteClient(path) }).load();
    expect(state.findings).toMatchObject([{ kind: 'source-error' }]);
    expect(state.findings[0]?.message).toMatch(
      /^sql:access_users: the query failed: .*unable to open database file/,
    );
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
  });

  it('reports a client that does not return rows', async () => {
    const client = { query: async () => ({ rows: 'nope' }) } as unknown as QueryClient;
    const state = await sqlSource({ client }).load();
    expect(state.findings[0]?.message).toBe(
      'sql:access_users: the client did not return { rows: [ { column: value, … } ] }',
    );
  });

  it('rejects with the abort reason while a query is running', async () => {
    const client: QueryClient = { query: () => new Promise(() => {}) };
    const controller = new AbortController();
    const loading = sqlSource({ client }).load({ signal: controller.signal });
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(loading).rejects.toBe(reason);
  });

  it('validates its options', () => {
    const client = sqliteClient(':memory:');
    expect(() => sqlSource({} as never)).toThrow('sqlSource: client: must have a query(sql) method');
    expect(() => sqlSource({ client, query: 'SELECT 1', queries: {} })).toThrow(
      'sqlSource: give query or queries, not both',
    );
    expect(() => sqlSource({ client, queries: { user: 'SELECT 1' } } as never)).toThrow('queries');
    expect(() => sqlSource({ client, query: '  ' })).toThrow('query');
    expect(() => sqlSource({ client, table: 'x' } as never)).toThrow(
      'unknown option "table" (valid options: client, query, queries, name)',
    );
  });
});
