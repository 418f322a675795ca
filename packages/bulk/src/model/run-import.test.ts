import { isAnaplanAccessError, isConfigurationError } from '@anaplan-access/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isDownloadReadError } from '../errors/download-read-error.js';
import { isDownloadTooLargeError } from '../errors/download-too-large-error.js';
import { type Fixture, fastWait, ids, startFixture, usersColumns } from '../test-support/fixture.js';
import { bytesResponse, rewritingFetch } from '../test-support/rewriting-fetch.js';
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

describe('reading the failure dump', () => {
  const web = rewritingFetch();
  let reading: Fixture;

  beforeAll(async () => {
    reading = await startFixture({ client: { fetch: web.fetch, retry: 0 } });
  });
  afterEach(() => {
    web.rewrite = undefined;
  });
  afterAll(() => reading.close());

  /** An upload of `count` rows that the import rejects (an invalid e-mail each). */
  const rejected = (count: number) =>
    `Email,First Name,Last Name,Role,SSO,Regions Read,Regions Write\n${Array.from(
      { length: count },
      (_, index) => `not-an-email-${index},X,Y,Planner,FALSE,,\n`,
    ).join('')}`;

  it('keeps the first dump.keepRows failures and counts every row', async () => {
    const result = await reading.model.runImport(ids.usersImport, rejected(30), {
      wait: fastWait,
      dump: { keepRows: 5 },
    });
    expect(result.failures.map((failure) => failure.line)).toEqual([2, 3, 4, 5, 6]);
    expect(result.failureCounts).toEqual({ errors: 30, warnings: 0 });
    expect(result.failuresTruncated).toBe(true);
    const all = await reading.model.runImport(ids.usersImport, rejected(3), { wait: fastWait });
    expect(all).toMatchObject({ failureCounts: { errors: 3, warnings: 0 }, failuresTruncated: false });
    expect(all.failures).toHaveLength(3);
  });

  it('refuses a dump above dump.maxBytes with a typed error, and a wrong dump option before uploading', async () => {
    const error = await reading.model
      .runImport(ids.usersImport, rejected(30), { wait: fastWait, dump: { maxBytes: 200 } })
      .catch((caught: unknown) => caught);
    expect(isDownloadTooLargeError(error), String(error)).toBe(true);
    expect(error).toMatchObject({ limitBytes: 200, option: 'dump.maxBytes' });
    const before = reading.controls.tasks(ids.model).length;
    for (const dump of [{ keepRows: -1 }, { maxBytes: 0 }, { keep: 5 }] as never[])
      await expect(reading.model.runImport(ids.usersImport, rejected(1), { dump })).rejects.toSatisfy(
        isConfigurationError,
      );
    expect(reading.controls.tasks(ids.model)).toHaveLength(before);
  });

  it('refuses a dump cut in the middle of a record instead of reading fewer failures', async () => {
    web.rewrite = async (url, forward) => {
      const original = await forward();
      if (!/\/dump\/chunks\/0$/.test(url.pathname)) return original;
      const text = await original.text();
      return bytesResponse(text.slice(0, text.indexOf('not-an-email-2')));
    };
    const error = await reading.model
      .runImport(ids.usersImport, rejected(5), { wait: fastWait })
      .catch((caught: unknown) => caught);
    expect(isDownloadReadError(error), String(error)).toBe(true);
    expect(error).toMatchObject({ problem: 'csv', row: 3 });
    expect((error as Error).message).toMatch(/failure dump of import 112000000101 \(task [^)]+\)/);
  });
});
