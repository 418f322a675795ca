import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  detailValue,
  type IntegrationHarness,
  ids,
  startIntegrationHarness,
  type TaskJson,
  usersCsv,
} from '../test-support/integration-harness.js';
import { integrationControls } from './controls.js';

let harness: IntegrationHarness;
const admin = 'admin@example.com';

beforeEach(async () => {
  harness = await startIntegrationHarness();
});
afterEach(() => harness.close());

const importPath = () => `${harness.modelPath}/imports/${ids.usersImport}`;
const modelUser = (email: string) => harness.sim.state.models.get(ids.model)?.users.get(email);

async function importUsers(csv: string, userName = admin): Promise<TaskJson> {
  const response = await harness.call(userName, 'PUT', `${harness.modelPath}/files/${ids.usersFile}`, {
    body: csv,
  });
  expect(response.status).toBe(204);
  return harness.runTask(userName, importPath());
}

function summary(task: TaskJson): string[] {
  const detail = task.result?.details?.find((entry) => entry.type === 'usersRowsProcessed');
  if (!detail) throw new Error('no usersRowsProcessed detail');
  return detail.values;
}

async function downloadExport(exportId: string): Promise<string> {
  const done = await harness.runTask(admin, `${harness.modelPath}/exports/${exportId}`);
  expect(done.result).toMatchObject({ successful: true, objectId: exportId });
  const { chunks } = await harness.json<{ chunks: { id: string }[] }>(
    admin,
    'GET',
    `${harness.modelPath}/files/${exportId}/chunks`,
  );
  let text = '';
  for (const chunk of chunks)
    text += await (
      await harness.call(admin, 'GET', `${harness.modelPath}/files/${exportId}/chunks/${chunk.id}`)
    ).text();
  return text;
}

describe('USERS import: success', () => {
  it('updates roles and SSO, accumulates selective access over rows, and adds new users', async () => {
    const done = await importUsers(
      usersCsv(
        'JANE.DOE@example.com,,,Planner,false,,,',
        'planner@example.com,,,,,,AMER,',
        'planner@example.com,,,,,APAC,,',
        'newcomer@example.com,Ignored,Names,Viewer,true,EMEA,,',
        'brand.new@example.com,Bea,New,Viewer,,,,',
      ),
    );
    expect(done).toMatchObject({
      taskState: 'COMPLETE',
      result: { successful: true, failureDumpAvailable: false },
    });
    const values = summary(done);
    expect(detailValue(values, 'successRowCount')).toBe('5');
    expect(detailValue(values, 'successCreateCount')).toBe('2');
    expect(detailValue(values, 'successUpdateCount')).toBe('3');
    expect(detailValue(values, 'failedCount')).toBe('0');
    expect(detailValue(values, 'totalRowCount')).toBe('5');

    expect(modelUser('jane.doe@example.com')).toMatchObject({ role: 'Planner', sso: false });
    expect(modelUser('planner@example.com')?.selectiveAccess['Region']).toEqual({
      read: ['EMEA', 'APAC'],
      write: ['AMER'],
    });
    // A tenant user new to the model keeps the tenant's names and joins the workspace.
    expect(modelUser('newcomer@example.com')).toMatchObject({
      firstName: 'Nia',
      lastName: 'Newcomer',
      role: 'Viewer',
      sso: true,
      selectiveAccess: { Region: { read: ['EMEA'], write: [] } },
    });
    expect(harness.sim.state.findUserByName('newcomer@example.com')?.workspaces).toContain(ids.workspace);
    // Someone unknown to the tenant is created from the row's names.
    expect(harness.sim.state.findUserByName('brand.new@example.com')).toMatchObject({
      givenName: 'Bea',
      familyName: 'New',
      workspaces: [ids.workspace],
    });
    expect(modelUser('brand.new@example.com')).toMatchObject({ role: 'Viewer', sso: false });
  });

  it('never changes the names of existing users; blank cells change nothing', async () => {
    await importUsers(usersCsv('jane.doe@example.com,Janet,Smith,,,,,'));
    expect(modelUser('jane.doe@example.com')).toMatchObject({
      firstName: 'Jane',
      lastName: 'Doe',
      role: 'Viewer',
      sso: true,
      selectiveAccess: { Region: { read: [], write: ['APAC'] } },
    });
  });

  it('role No Access clears all selective access; None removes one item; write replaces read', async () => {
    await importUsers(
      usersCsv(
        'jane.doe@example.com,,,No Access,,,,',
        'planner@example.com,,,,,,EMEA,',
        'planner@example.com,,,,,,,EMEA',
      ),
    );
    expect(modelUser('jane.doe@example.com')).toMatchObject({ role: 'No Access', selectiveAccess: {} });
    expect(modelUser('planner@example.com')?.selectiveAccess).toEqual({});
  });
});

describe('USERS import: failures', () => {
  it('rejects bad rows, warns on an unknown role for a new user, and writes the dump CSV', async () => {
    const done = await importUsers(
      usersCsv(
        'jane.doe@example.com,,,Planner,,,,',
        'not-an-email,,,Viewer,,,,',
        'planner@example.com,,,Chief,,,,',
        'planner@example.com,,,,,Atlantis,,',
        'jane.doe@example.com,,,Viewer,,,,',
        'brand.new@example.com,Bea,New,Wizard,,,,',
        'planner@example.com,,,,maybe,,,',
        '',
        'planner@example.com,,,,,,AMER,',
      ),
    );
    expect(done.result).toMatchObject({
      successful: true,
      failureDumpAvailable: true,
      objectId: ids.usersImport,
    });
    const values = summary(done);
    expect(detailValue(values, 'successRowCount')).toBe('2');
    expect(detailValue(values, 'warningsRowCount')).toBe('1');
    expect(detailValue(values, 'failedCount')).toBe('5');
    expect(detailValue(values, 'ignoredCount')).toBe('1');
    expect(detailValue(values, 'totalRowCount')).toBe('9');
    const types = done.result?.details?.map((detail) => detail.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'usersImportInvalidEmail',
        'usersImportInvalidRole',
        'usersImportInvalidListItem',
        'usersImportConflictingRoles',
        'usersImportInvalidBoolean',
      ]),
    );

    const dumpPath = `${importPath()}/tasks/${done.taskId}/dump`;
    const dump = await harness.call(admin, 'GET', dumpPath);
    expect(dump.headers.get('content-type')).toContain('text/plain');
    expect(await dump.text()).toBe(
      [
        '"_Status_","Email","First Name","Last Name","Role","Single Sign-On","Region Read","Region Write","Region None","_Line_","_Error_1_"',
        '"E","not-an-email","","","Viewer","","","","","3","Invalid email address: not-an-email"',
        '"E","planner@example.com","","","Chief","","","","","4","Invalid role: Chief"',
        '"E","planner@example.com","","","","","Atlantis","","","5","Unknown item ""Atlantis"" in list Region"',
        '"E","jane.doe@example.com","","","Viewer","","","","","6","Conflicting roles for jane.doe@example.com: Planner and Viewer"',
        '"W","brand.new@example.com","Bea","New","Wizard","","","","","7","Invalid role: Wizard; the new user gets No Access"',
        '"E","planner@example.com","","","","maybe","","","","8","Invalid Single Sign-On value: maybe (use true or false)"',
        '',
      ].join('\n'),
    );
    const chunks = await harness.json<{ chunks: { id: string; name: string }[] }>(
      admin,
      'GET',
      `${dumpPath}/chunks`,
    );
    expect(chunks.chunks).toEqual([{ id: '0', name: 'Chunk 0' }]);
    const chunk = await harness.call(admin, 'GET', `${dumpPath}/chunks/0`);
    expect(await chunk.text()).toContain('"W","brand.new@example.com"');
    // Dumps are per user.
    expect((await harness.call('planner@example.com', 'GET', dumpPath)).status).toBe(404);

    expect(modelUser('jane.doe@example.com')?.role).toBe('Planner');
    expect(modelUser('planner@example.com')).toMatchObject({
      role: 'Planner',
      sso: false,
      selectiveAccess: { Region: { read: ['EMEA'], write: ['AMER'] } },
    });
    expect(modelUser('brand.new@example.com')?.role).toBe('No Access');
  });

  it('removes the dump when the import next succeeds cleanly, and on the test hook', async () => {
    const failed = await importUsers(usersCsv('planner@example.com,,,Chief,,,,'));
    expect(failed.result).toMatchObject({ successful: false, failureDumpAvailable: true });
    const dumpPath = `${importPath()}/tasks/${failed.taskId}/dump`;
    expect((await harness.call(admin, 'GET', dumpPath)).status).toBe(200);
    expect(integrationControls(harness.sim.state).removeDumps(ids.model)).toBe(1);
    expect((await harness.call(admin, 'GET', dumpPath)).status).toBe(404);
    expect((await harness.call(admin, 'GET', `${dumpPath}/chunks`)).status).toBe(404);

    const again = await importUsers(usersCsv('planner@example.com,,,Chief,,,,'));
    const clean = await importUsers(usersCsv('planner@example.com,,,Viewer,,,,'));
    expect(clean.result?.failureDumpAvailable).toBe(false);
    expect((await harness.call(admin, 'GET', `${importPath()}/tasks/${again.taskId}/dump`)).status).toBe(404);
  });

  it('refuses new users when the tenant does not allow adding them by import', async () => {
    harness.sim.state.allowNewUsersFromImport = false;
    const done = await importUsers(
      usersCsv('newcomer@example.com,Nia,Newcomer,Viewer,,,,', 'planner@example.com,,,Viewer,,,,'),
    );
    expect(done.result).toMatchObject({ successful: true, failureDumpAvailable: true });
    expect(done.result?.details?.map((detail) => detail.type)).toContain('usersImportNewUserNotAllowed');
    expect(modelUser('newcomer@example.com')).toBeUndefined();
    expect(modelUser('planner@example.com')?.role).toBe('Viewer');
  });

  it('needs names for someone the tenant does not know, and a workspace administrator to run it', async () => {
    const missingNames = await importUsers(usersCsv('ghost@example.com,,,Viewer,,,,'));
    expect(missingNames.result?.successful).toBe(false);
    expect(missingNames.result?.details?.map((detail) => detail.type)).toContain('usersImportMissingName');

    const notAdmin = await importUsers(usersCsv('jane.doe@example.com,,,Planner,,,,'), 'planner@example.com');
    expect(notAdmin.result).toMatchObject({ successful: false, failureDumpAvailable: false });
    expect(notAdmin.result?.details?.[0]?.type).toBe('notAuthorised');
    expect(modelUser('jane.doe@example.com')?.role).toBe('Viewer');
  });

  it('fails the whole import when mapped columns are missing or the file has no content', async () => {
    const missing = await importUsers('Email,Role\njane.doe@example.com,Planner\n');
    expect(missing.result?.successful).toBe(false);
    expect(missing.result?.details?.[0]).toMatchObject({ type: 'missingFields' });
    await harness.call(admin, 'DELETE', `${harness.modelPath}/files/${ids.usersFile}`);
    const empty = await harness.runTask(admin, importPath());
    expect(empty.result?.details?.[0]?.type).toBe('uploadedFileNoLongerAvailable');
  });
});

describe('exports', () => {
  it('exports the Users list after an import: one row per user per selective-access item', async () => {
    await importUsers(usersCsv('planner@example.com,,,,,,AMER,', 'planner@example.com,,,,,,APAC,'));
    expect(await downloadExport(ids.usersExport)).toBe(
      [
        'Email,First Name,Role,SSO,Region Read,Region Write',
        'admin@example.com,Ada,Full Access,false,,',
        'blocked@example.com,Bo,No Access,false,,',
        'jane.doe@example.com,Jane,Viewer,true,,APAC',
        'planner@example.com,Pat,Planner,false,EMEA,AMER',
        'planner@example.com,Pat,Planner,false,,APAC',
        '',
      ].join('\n'),
    );
    const listed = await harness.json<{ files: { id: string; chunkCount: number }[] }>(
      admin,
      'GET',
      `${harness.modelPath}/files`,
    );
    expect(listed.files).toContainEqual(expect.objectContaining({ id: ids.usersExport, chunkCount: 1 }));
  });

  it('joins items with commas when the export definition says so, and exports fixed rows', async () => {
    await importUsers(usersCsv('planner@example.com,,,,,APAC,,'));
    expect(await downloadExport(ids.joinedExport)).toContain('planner@example.com,"EMEA,APAC"\n');
    expect(await downloadExport(ids.rowsExport)).toBe('A,B\n1,"x,y"\n');
  });
});
