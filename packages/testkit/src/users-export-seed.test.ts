import { afterEach, describe, expect, it } from 'vitest';
import type { ModelSeed } from './seed.js';
import {
  type IntegrationHarness,
  ids,
  integrationSeed,
  startIntegrationHarness,
} from './test-support/integration-harness.js';
import { usersExportSeed } from './users-export-seed.js';
import { usersImportSeed } from './users-import-seed.js';

/** The mapping the README and the guides use. */
const columns = {
  email: 'Email',
  firstName: 'First Name',
  lastName: 'Last Name',
  role: 'Role',
  sso: 'SSO',
  selectiveAccess: { Region: { read: 'Region Read', write: 'Region Write', none: 'Region None' } },
};
const defaultExport = '116000000077';
const mappedExport = '116000000078';
const mappedImport = '112000000077';
const admin = 'admin@example.com';

let harness: IntegrationHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The test tenant, its model with a default Users export, and an import and an export in `columns`. */
async function start(): Promise<IntegrationHarness> {
  const seed = integrationSeed();
  const [model, ...others] = seed.models ?? [];
  const extended: ModelSeed = {
    ...(model as ModelSeed),
    imports: [
      ...(model?.imports ?? []),
      usersImportSeed(columns, { id: mappedImport, name: 'Users import' }),
    ],
    exports: [
      ...(model?.exports ?? []),
      usersExportSeed(undefined, { id: defaultExport, name: 'Default users export' }),
      usersExportSeed(columns, { id: mappedExport, name: 'Users export' }),
    ],
  };
  harness = await startIntegrationHarness({ seed: { ...seed, models: [extended, ...others] } });
  return harness;
}

async function download(running: IntegrationHarness, exportId: string): Promise<string[]> {
  const done = await running.runTask(admin, `${running.modelPath}/exports/${exportId}`);
  expect(done.result).toMatchObject({ successful: true });
  const response = await running.call(admin, 'GET', `${running.modelPath}/files/${exportId}`);
  expect(response.status).toBe(200);
  return (await response.text()).trimEnd().split('\n');
}

describe('usersExportSeed', () => {
  it('maps every column the client names to its field, and leaves out the None columns', () => {
    expect(usersExportSeed(columns, { id: mappedExport, name: 'Users export' })).toEqual({
      id: mappedExport,
      name: 'Users export',
      source: 'users',
      columns: {
        Email: 'email',
        'First Name': 'firstName',
        'Last Name': 'lastName',
        Role: 'role',
        SSO: 'sso',
        'Region Read': 'read:Region',
        'Region Write': 'write:Region',
      },
    });
    expect(usersExportSeed(undefined, { name: 'Users', selectiveAccessLayout: 'joined' })).toEqual({
      name: 'Users',
      source: 'users',
      selectiveAccessLayout: 'joined',
    });
  });

  it('without columns, exports the default headers, which are those of the usual client mapping', async () => {
    const running = await start();
    const [header, ...rows] = await download(running, defaultExport);
    expect(header).toBe(
      'Email,First Name,Last Name,Role,SSO,Workspace Administrator,Region Read,Region Write,Cost Centre Read,Cost Centre Write',
    );
    expect(rows).toContain('planner@example.com,Pat,Planner,Planner,false,false,EMEA,,,');
  });

  it('reads back, in the mapping, what an import in the same mapping wrote', async () => {
    const running = await start();
    const fileId = running.sim.state.models
      .get(ids.model)
      ?.imports.find((i) => i.id === mappedImport)?.fileId;
    const csv = 'Email,First Name,Last Name,Role,SSO,Region Read,Region Write,Region None\n';
    const upload = await running.call(admin, 'PUT', `${running.modelPath}/files/${fileId}`, {
      body: `${csv}jane.doe@example.com,,,Planner,true,APAC,AMER,\n`,
    });
    expect(upload.status).toBe(204);
    const imported = await running.runTask(admin, `${running.modelPath}/imports/${mappedImport}`);
    expect(imported.result).toMatchObject({ successful: true, failureDumpAvailable: false });
    const [header, ...rows] = await download(running, mappedExport);
    expect(header).toBe('Email,First Name,Last Name,Role,SSO,Region Read,Region Write');
    expect(rows.filter((row) => row.startsWith('jane.doe@'))).toEqual([
      'jane.doe@example.com,Jane,Doe,Planner,true,APAC,AMER',
    ]);
  });
});
