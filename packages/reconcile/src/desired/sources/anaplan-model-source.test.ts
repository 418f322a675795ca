import { IntegrationClient } from '@anaplan-access/bulk';
import { basicAuth } from '@anaplan-access/core';
import { type Simulator, startSimulator, type TenantSeed } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anaplanModelSource } from './anaplan-model-source.js';

const ids = {
  workspace: '8a8b8c8d8e8f40414243444546474849',
  model: '75A40874E6B64FA3AE0743278996850F',
  accessExport: '116000000201',
} as const;
const admin = { username: 'iga@example.com', password: 'a long and secret test password' };

/** Columns of the UAM model's export, named as a model builder would, mapped to the flat access format. */
const exportColumns = {
  'E-mail': 'email',
  'First Name': 'first_name',
  'Last Name': 'last_name',
  Workspace: 'workspace',
  Model: 'model',
  Role: 'role',
  SSO: 'sso',
  List: 'list',
  Item: 'item',
  Access: 'access',
};
const mapping = {
  email: 'E-mail',
  first_name: 'First Name',
  last_name: 'Last Name',
  workspace: 'Workspace',
  model: 'Model',
  role: 'Role',
  sso: 'SSO',
  list: 'List',
  item: 'Item',
  access: 'Access',
};

function uamExport(
  name: string,
  rows: Record<string, string>[],
  columns: Record<string, string> = exportColumns,
) {
  return {
    name,
    source: 'rows' as const,
    columns: Object.fromEntries(Object.keys(columns).map((key) => [key, key])),
    rows,
  };
}

const seed: TenantSeed = {
  users: [
    {
      userName: admin.username,
      password: admin.password,
      givenName: 'Iga',
      familyName: 'Service',
      workspaces: [ids.workspace],
    },
  ],
  workspaces: [{ id: ids.workspace, name: 'Access Management', admins: [admin.username] }],
  models: [
    {
      id: ids.model,
      name: 'User Access Management',
      workspaceId: ids.workspace,
      exports: [
        {
          id: ids.accessExport,
          ...uamExport('Access Rows.csv', [
            {
              'E-mail': 'ada@example.com',
              'First Name': 'Ada',
              'Last Name': 'Lovelace',
              Workspace: 'Finance',
            },
            { 'E-mail': 'ada@example.com', Model: 'FP&A', Role: 'Planner', SSO: 'true' },
            {
              'E-mail': 'ada@example.com',
              Model: 'FP&A',
              List: 'Cost Centres',
              Item: 'CC100',
              Access: 'write',
            },
            {
              'E-mail': 'ada@example.com',
              Model: 'FP&A',
              List: 'Cost Centres',
              Item: 'CC200, "Sales"',
              Access: 'read',
            },
            {},
            {
              'E-mail': 'bob@example.com',
              'First Name': '=cmd|"/c calc"!A1',
              'Last Name': '@Builder',
              Workspace: 'Finance',
            },
          ]),
        },
        uamExport('Problem Rows.csv', [
          { 'E-mail': 'not-an-email', 'First Name': 'X', 'Last Name': 'Y' },
          { 'E-mail': 'Cy@Example.com', 'First Name': 'Cy', 'Last Name': 'Young' },
          { 'E-mail': 'cy@example.com', Model: 'FP&A', Role: 'Planner' },
          {
            'E-mail': 'dee@example.com',
            'First Name': 'Dee',
            'Last Name': 'Dee',
            Model: 'FP&A',
            Role: 'Planner',
          },
          { 'E-mail': 'dee@example.com', Model: 'FP&A', Role: 'Reviewer' },
          { 'E-mail': 'eve@example.com', 'First Name': 'Eve' },
          {
            'E-mail': 'fay@example.com',
            'First Name': 'Fay',
            'Last Name': 'F',
            SSO: 'perhaps',
            Model: 'FP&A',
            Role: 'Planner',
          },
          { 'E-mail': 'gus@example.com', 'First Name': 'Gus', 'Last Name': 'G' },
        ]),
        uamExport(
          'Flat Names.csv',
          [{ email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' }],
          {
            email: '',
            first_name: '',
            last_name: '',
          },
        ),
        uamExport(
          'Wrong Columns.csv',
          [{ Mail: 'ada@example.com', 'First Name': 'Ada', 'Last Name': 'L', Parent: 'All' }],
          {
            Mail: '',
            'First Name': '',
            'Last Name': '',
            Parent: '',
          },
        ),
        uamExport('No Rows.csv', []),
        { name: 'Empty.csv', source: 'rows', rows: [] },
      ],
    },
  ],
};

let simulator: Simulator;
let integration: IntegrationClient;

beforeAll(async () => {
  simulator = await startSimulator({ seed, switches: { taskDurationMs: 5 } });
  integration = new IntegrationClient({
    auth: basicAuth(admin),
    baseUrl: simulator.apiUrl,
    authUrl: simulator.authUrl,
  });
});
afterAll(async () => {
  await integration.close();
  await simulator.close();
});

const fastWait = { intervalMs: 5, timeoutMs: 10_000 };

function source(
  exportId: string,
  options: { columns?: Record<string, string>; name?: string } = { columns: mapping },
) {
  return anaplanModelSource({
    integration,
    workspaceId: ids.workspace,
    modelId: ids.model,
    exportId,
    wait: fastWait,
    ...options,
  });
}

describe('anaplanModelSource', () => {
  it('reads the desired state from an export of a User Access Management model', async () => {
    const uam = source('Access Rows.csv');
    const state = await uam.load();
    expect(uam.name).toBe('anaplan-export:Access Rows.csv');
    expect(state.source).toBe('anaplan-export:Access Rows.csv');
    expect(state.findings).toEqual([]);
    expect(state.users).toEqual([
      {
        userName: 'ada@example.com',
        givenName: 'Ada',
        familyName: 'Lovelace',
        active: true,
        externalId: undefined,
        workspaces: ['Finance'],
        models: {
          'FP&A': {
            role: 'Planner',
            sso: true,
            workspaceAdmin: false,
            selectiveAccess: { 'Cost Centres': { read: ['CC200, "Sales"'], write: ['CC100'] } },
          },
        },
        refs: [2, 3, 4, 5].map((row) => ({ source: 'anaplan-export:Access Rows.csv', row })),
      },
      {
        userName: 'bob@example.com',
        givenName: '=cmd|"/c calc"!A1',
        familyName: '@Builder',
        active: true,
        externalId: undefined,
        workspaces: ['Finance'],
        models: {},
        refs: [{ source: 'anaplan-export:Access Rows.csv', row: 7 }],
      },
    ]);
  });

  it('runs the export by id, with our column names needing no mapping, under a given name', async () => {
    const byId = await source(ids.accessExport, { columns: mapping, name: 'uam' }).load();
    expect(byId.source).toBe('uam');
    expect(byId.users.map((user) => user.userName)).toEqual(['ada@example.com', 'bob@example.com']);
    const flat = await source('Flat Names.csv', {}).load();
    expect(flat.findings).toEqual([]);
    expect(flat.users.map((user) => [user.userName, user.givenName])).toEqual([['ada@example.com', 'Ada']]);
  });

  it('reports invalid e-mails, duplicate users, conflicting rows, missing names and bad values naming the row', async () => {
    const state = await source('Problem Rows.csv').load();
    expect(state.users.map((user) => user.userName)).toEqual(['gus@example.com']);
    expect(
      state.findings.map((finding) => [finding.kind, finding.userName, finding.refs?.map((ref) => ref.row)]),
    ).toEqual([
      ['invalid-row', 'not-an-email', [2]],
      ['invalid-row', 'fay@example.com', [8]],
      ['duplicate-user', 'Cy@Example.com', [3, 4]],
      ['conflicting-rows', 'dee@example.com', [5, 6]],
      ['missing-user-details', 'eve@example.com', [7]],
    ]);
    expect(state.findings[0]?.message).toBe(
      'anaplan-export:Problem Rows.csv row 2: email: "not-an-email" is not an e-mail address',
    );
  });

  it.each([
    [
      'Wrong Columns.csv',
      'the export\'s header is wrong: unknown columns "Mail", "Parent"; missing column "E-mail". Expected columns: E-mail, First Name',
    ],
    [
      'Empty.csv',
      'the export file is empty: expected a header line with the columns E-mail, First Name, Last Name',
    ],
    ['Missing Export', 'the export could not be run: '],
  ])('reports %s as one source-error and no users', async (exportName, message) => {
    const state = await source(exportName).load();
    expect(state.users).toEqual([]);
    expect(state.findings).toHaveLength(1);
    expect(state.findings[0]?.kind).toBe('source-error');
    expect(state.findings[0]?.message).toContain(`anaplan-export:${exportName}: ${message}`);
    expect(state.findings[0]?.message).not.toContain(admin.password);
  });

  it('reads an export with a header and no rows as no users and no findings', async () => {
    const state = await source('No Rows.csv').load();
    expect(state).toEqual({ source: 'anaplan-export:No Rows.csv', users: [], findings: [] });
  });

  it('reports a model it cannot reach as a source-error without leaking the password', async () => {
    const state = await anaplanModelSource({
      integration,
      workspaceId: ids.workspace,
      modelId: '0'.repeat(32),
      exportId: 'Access Rows.csv',
    }).load();
    expect(state.findings).toMatchObject([{ kind: 'source-error' }]);
    expect(state.findings[0]?.message).toMatch(
      /^anaplan-export:Access Rows\.csv: the export could not be run: /,
    );
    expect(JSON.stringify(state)).not.toContain(admin.password);
  });

  it('rejects with the abort reason', async () => {
    const reason = new Error('stop');
    await expect(source('Access Rows.csv').load({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    const controller = new AbortController();
    const loading = source('Access Rows.csv').load({ signal: controller.signal });
    controller.abort(reason);
    await expect(loading).rejects.toBe(reason);
  });

  it('validates its options', () => {
    const base = { integration, workspaceId: ids.workspace, modelId: ids.model, exportId: 'x' };
    expect(() => anaplanModelSource({ ...base, integration: {} as never })).toThrow(
      'integration: must be an IntegrationClient',
    );
    expect(() => anaplanModelSource({ ...base, exportId: ' ' })).toThrow('anaplanModelSource: exportId');
    expect(() => anaplanModelSource({ ...base, columns: { mail: 'E-mail' } as never })).toThrow(
      'columns: unknown column "mail"',
    );
    expect(() => anaplanModelSource({ ...base, model: 'x' } as never)).toThrow('unknown option "model"');
  });
});
