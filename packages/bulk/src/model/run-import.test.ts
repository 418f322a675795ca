import { isAnaplanAccessError } from '@anaplan-access/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, fastWait, ids, startFixture, usersColumns } from '../test-support/fixture.js';
import { usersImport } from '../users-import/users-import.js';

let fixture: Fixture;

beforeAll(async () => {
  fixture = await startFixture();
});
afterEach(() => {
  fixture.sim.state.switches.holdTasks = false;
});
afterAll(() => fixture.close());

function modelUser(email: string) {
  return fixture.sim.state.models.get(ids.model)?.users.get(email);
}

describe('runImport', () => {
  it('uploads, runs, waits and reads the error and warning rows of the dump', async () => {
    const csv = usersImport.toCsv(
      [
        {
          email: 'jane@example.com',
          firstName: 'Jane',
          lastName: 'Doe',
          role: 'Planner',
          sso: true,
          selectiveAccess: { Regions: { read: ['APAC'], write: ['EMEA'] } },
        },
        { email: 'carol@example.com', firstName: 'Carol', lastName: 'Example', role: 'Wizard', sso: false },
        {
          email: 'dave@example.com',
          firstName: 'Dave',
          lastName: 'Example',
          role: 'Reviewer',
          sso: false,
          selectiveAccess: { Regions: { read: ['EMEA', 'MARS'] } },
        },
      ],
      usersColumns,
    );
    const progress: string[] = [];
    const result = await fixture.model.runImport('Users from users.csv', csv, {
      wait: { ...fastWait, onProgress: (task) => progress.push(task.taskState) },
    });
    expect(result).toMatchObject({ importId: ids.usersImport, successful: true, failureDumpAvailable: true });
    expect(result.upload).toMatchObject({ method: 'single', fileId: ids.usersFile });
    expect(progress.at(-1)).toBe('COMPLETE');
    expect(result.counts).toMatchObject({ total: 5, successful: 3, warnings: 1, failed: 1 });
    expect(result.failures).toEqual([
      {
        line: 4,
        status: 'warning',
        messages: [expect.stringContaining('Invalid role: Wizard')],
        row: expect.objectContaining({ Email: 'carol@example.com', Role: 'Wizard' }),
      },
      {
        line: 6,
        status: 'error',
        messages: [expect.stringContaining('MARS')],
        row: expect.objectContaining({ Email: 'dave@example.com', 'Regions Read': 'MARS' }),
      },
    ]);
    expect(modelUser('jane@example.com')).toMatchObject({
      role: 'Planner',
      sso: true,
      selectiveAccess: { Regions: { read: ['APAC'], write: ['EMEA'] } },
    });
    expect(modelUser('carol@example.com')?.role).toBe('No Access');
    expect(modelUser('dave@example.com')?.selectiveAccess).toEqual({
      Regions: { read: ['EMEA'], write: [] },
    });
  });

  it('reports an unsuccessful import as a result, with the rejected rows', async () => {
    const csv =
      'Email,First Name,Last Name,Role,SSO,Regions Read,Regions Write\nnot-an-email,X,Y,Planner,FALSE,,\n';
    const result = await fixture.model.runImport(ids.usersImport, csv, { wait: fastWait });
    expect(result.successful).toBe(false);
    expect(result.counts.failed).toBe(1);
    expect(result.failures).toEqual([
      expect.objectContaining({
        line: 2,
        status: 'error',
        messages: [expect.stringContaining('not-an-email')],
      }),
    ]);
  });

  it('uploads in gzipped chunks when asked, and can run without uploading', async () => {
    const csv = usersImport.toCsv(
      [{ email: 'bob@example.com', firstName: 'Bob', lastName: 'Example', role: 'Reviewer', sso: false }],
      usersColumns,
    );
    const result = await fixture.model.runImport('users from USERS.CSV', csv, {
      upload: { gzip: true },
      wait: fastWait,
    });
    expect(result).toMatchObject({ successful: true, failures: [], failureDumpAvailable: false });
    expect(result.upload).toMatchObject({ method: 'chunked', chunkCount: 1 });
    expect(modelUser('bob@example.com')?.role).toBe('Reviewer');
    const again = await fixture.model.runImport(ids.usersImport, undefined, { wait: fastWait });
    expect(again).toMatchObject({ successful: true, upload: undefined });
  });

  it('throws a typed error when the import was cancelled', async () => {
    fixture.sim.state.switches.holdTasks = true;
    const running = fixture.model.runImport(ids.usersImport, undefined, { wait: fastWait });
    let taskId: string | undefined;
    while (taskId === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      taskId = fixture.controls.tasks(ids.model).find((task) => task.taskState === 'IN_PROGRESS')?.taskId;
    }
    await fixture.model.imports.task(ids.usersImport, taskId).cancel();
    fixture.sim.state.switches.holdTasks = false;
    const error = await running.catch((caught: unknown) => caught);
    expect(isAnaplanAccessError(error, 'task-failed')).toBe(true);
    expect(error).toMatchObject({ task: { taskState: 'CANCELLED' } });
  });
});
