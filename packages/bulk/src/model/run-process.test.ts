import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, fastWait, ids, startFixture, usersColumns } from '../test-support/fixture.js';
import { usersImport } from '../users-import/users-import.js';

let fixture: Fixture;

beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(() => fixture.close());

describe('runProcess', () => {
  it('uploads the import data, runs the process and reports each action with its dump rows', async () => {
    const csv = usersImport.toCsv(
      [
        { email: 'erin@example.com', firstName: 'Erin', lastName: 'Example', role: 'Planner', sso: false },
        { email: 'frank@example.com', firstName: 'Frank', lastName: 'Example', role: 'Ghost', sso: false },
      ],
      usersColumns,
    );
    const result = await fixture.model.runProcess('Import users then export', {
      uploads: { 'users.csv': csv },
      wait: fastWait,
    });
    expect(result).toMatchObject({ processId: ids.process, successful: true });
    expect(result.uploads).toEqual([expect.objectContaining({ fileId: ids.usersFile, method: 'single' })]);
    expect(result.actions).toEqual([
      expect.objectContaining({
        objectId: ids.usersImport,
        name: 'Users from users.csv',
        actionType: 'IMPORT',
        successful: true,
        failureDumpAvailable: true,
        counts: expect.objectContaining({ warnings: 1, successful: 1 }),
        failures: [
          expect.objectContaining({
            line: 3,
            status: 'warning',
            row: expect.objectContaining({ Role: 'Ghost' }),
          }),
        ],
      }),
      expect.objectContaining({
        objectId: ids.usersExport,
        actionType: 'EXPORT',
        successful: true,
        failures: [],
      }),
    ]);
    const exported = new TextDecoder().decode(await fixture.model.files.download(ids.usersExport));
    expect(exported).toContain('erin@example.com');
  });

  it('reports a failed first action and the process stopping there', async () => {
    await fixture.model.files.delete(ids.usersFile);
    const result = await fixture.model.runProcess(ids.process, { wait: fastWait });
    expect(result.successful).toBe(false);
    expect(result.actions).toHaveLength(1);
    expect(result.actions[0]).toMatchObject({ objectId: ids.usersImport, successful: false, failures: [] });
    expect(result.actions[0]?.details[0]?.type).toBe('uploadedFileNoLongerAvailable');
  });
});
