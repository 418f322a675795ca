import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IntegrationHarness,
  ids,
  startIntegrationHarness,
} from '../test-support/integration-harness.js';

let harness: IntegrationHarness;

beforeAll(async () => {
  harness = await startIntegrationHarness();
});
afterAll(() => harness.close());

type Body = Record<string, unknown> & { meta: { schema: string; paging?: Record<string, unknown> } };

describe('action listings', () => {
  it('lists imports with their data source file, in both path forms (trailing slash accepted)', async () => {
    for (const path of [`${harness.modelPath}/imports/`, `/models/${ids.model}/imports`]) {
      const body = await harness.json<Body>('planner@example.com', 'GET', path);
      expect(body['imports']).toEqual([
        {
          id: ids.usersImport,
          name: 'Users from users.csv',
          importDataSourceId: ids.usersFile,
          importType: 'USERS',
        },
        {
          id: ids.listImport,
          name: 'Products from products.csv',
          importDataSourceId: ids.listFile,
          importType: 'HIERARCHY_DATA',
        },
      ]);
      expect(body.meta.schema).toBe(`${harness.sim.apiUrl}/models/${ids.model}/objects/import`);
      expect(body.meta.paging).toMatchObject({ currentPageSize: 2, totalSize: 2, offset: 0 });
    }
  });

  it('sorts model resource lists leniently: optional prefix, unknown fields ignored', async () => {
    const byName = await harness.json<Body>(
      'planner@example.com',
      'GET',
      `${harness.modelPath}/imports?sort=-name`,
    );
    expect((byName['imports'] as { id: string }[])[0]?.id).toBe(ids.usersImport);
    const unknown = await harness.json<Body>(
      'planner@example.com',
      'GET',
      `${harness.modelPath}/imports?sort=zzz`,
    );
    expect((unknown['imports'] as { id: string }[])[0]?.id).toBe(ids.usersImport);
    const paged = await harness.json<Body>(
      'planner@example.com',
      'GET',
      `${harness.modelPath}/exports?limit=1&offset=1`,
    );
    expect(paged['exports']).toEqual([
      {
        id: ids.joinedExport,
        name: 'Users joined.csv',
        exportType: 'TABULAR_MULTI_COLUMN',
        exportFormat: 'text/csv',
        encoding: 'UTF-8',
        layout: 'TABULAR_MULTI_COLUMN',
      },
    ]);
    expect(paged.meta.paging).toMatchObject({ currentPageSize: 1, totalSize: 3, offset: 1 });
  });

  it('lists processes and other actions', async () => {
    const processes = await harness.json<Body>(
      'planner@example.com',
      'GET',
      `/models/${ids.model}/processes`,
    );
    expect(processes['processes']).toEqual([{ id: ids.process, name: 'Load users then export' }]);
    const actions = await harness.json<Body>('planner@example.com', 'GET', `${harness.modelPath}/actions`);
    expect(actions['actions']).toEqual([
      { id: ids.deleteAction, name: 'Delete EMEA', actionType: 'DELETE_BY_SELECTION' },
    ]);
  });
});

describe('action metadata', () => {
  it('describes an import: file source, separator, header names', async () => {
    const body = await harness.json<Body>(
      'planner@example.com',
      'GET',
      `${harness.modelPath}/imports/${ids.usersImport}`,
    );
    expect(body['importMetadata']).toEqual({
      name: 'Users from users.csv',
      type: 'FILE',
      source: {
        textEncoding: 'UTF-8',
        columnSeparator: ',',
        textDelimiter: '"',
        headerRow: 1,
        firstDataRow: 2,
        decimalSeparator: '.',
        headerNames: [
          'Email',
          'First Name',
          'Last Name',
          'Role',
          'Single Sign-On',
          'Region Read',
          'Region Write',
          'Region None',
        ],
        columnCount: 8,
      },
    });
    await harness.json('planner@example.com', 'GET', `${harness.modelPath}/imports/112999999999`, {
      expect: 404,
    });
  });

  it('describes an export from the current state: headers, types, list names, row count', async () => {
    const body = await harness.json<Body>(
      'planner@example.com',
      'GET',
      `/models/${ids.model}/exports/${ids.usersExport}`,
    );
    expect(body['exportMetadata']).toMatchObject({
      columnCount: 6,
      headerNames: ['Email', 'First Name', 'Role', 'SSO', 'Region Read', 'Region Write'],
      dataTypes: ['TEXT', 'TEXT', 'TEXT', 'BOOLEAN', 'ENTITY', 'ENTITY'],
      listNames: ['', '', '', '', 'Region', 'Region'],
      rowCount: 4,
      exportFormat: 'text/csv',
      separator: ',',
      delimiter: '"',
    });
    await harness.json('planner@example.com', 'GET', `/models/${ids.model}/exports/116999999999`, {
      expect: 404,
    });
  });

  it('describes a process with its actions in run order; showImportDataSource adds the source', async () => {
    const body = await harness.json<Body>(
      'planner@example.com',
      'GET',
      `${harness.modelPath}/processes/${ids.process}?showImportDataSource=true`,
    );
    expect(body['processMetadata']).toMatchObject({
      name: 'Load users then export',
      actions: [
        {
          id: ids.usersImport,
          actionType: 'IMPORT',
          importType: 'USERS',
          importDataSourceId: ids.usersFile,
          importDataSource: { importDataSourceId: ids.usersFile, type: 'FILE' },
        },
        { id: ids.usersExport, actionType: 'EXPORT', exportType: 'TABULAR_MULTI_COLUMN' },
      ],
    });
    await harness.json('planner@example.com', 'GET', `/models/${ids.model}/processes/118999999999`, {
      expect: 404,
    });
  });
});
