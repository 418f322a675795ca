import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
let exportPath: string;
let importPath: string;
const admin = 'admin@example.com';

beforeAll(async () => {
  harness = await startIntegrationHarness();
  exportPath = `${harness.modelPath}/exports/${ids.usersExport}`;
  importPath = `${harness.modelPath}/imports/${ids.usersImport}`;
});
afterEach(() => {
  harness.sim.state.switches.holdTasks = false;
  harness.sim.state.switches.taskDurationMs = 5;
  // Let every task a test left behind finish, so the next test starts with free models.
  harness.sim.advanceTime(60_000);
  const controls = integrationControls(harness.sim.state);
  controls.settle();
  for (const modelId of [ids.model, ids.otherModel]) {
    expect(
      controls.tasks(modelId).filter((entry) => !['COMPLETE', 'CANCELLED'].includes(entry.taskState)),
    ).toEqual([]);
  }
});
afterAll(() => harness.close());

async function start(path: string, userName = admin): Promise<TaskJson> {
  const body = await harness.json<{ task: TaskJson }>(userName, 'POST', `${path}/tasks`, {
    json: { localeName: 'en_US' },
  });
  return body.task;
}

async function task(path: string, taskId: string): Promise<TaskJson> {
  return (await harness.json<{ task: TaskJson }>(admin, 'GET', `${path}/tasks/${taskId}`)).task;
}

async function uploadUsers(csv: string): Promise<void> {
  const response = await harness.call(admin, 'PUT', `${harness.modelPath}/files/${ids.usersFile}`, {
    body: csv,
  });
  expect(response.status).toBe(204);
}

describe('starting tasks', () => {
  it('returns the new task NOT_STARTED in the envelope', async () => {
    const body = await harness.json<Record<string, unknown>>(admin, 'POST', `${exportPath}/tasks`, {
      json: { localeName: 'en_US' },
    });
    expect(body['status']).toEqual({ code: 200, message: 'Success' });
    expect(body['task']).toMatchObject({
      taskState: 'NOT_STARTED',
      taskId: expect.stringMatching(/^[0-9A-F]{32}$/),
    });
    await harness.waitForTask(admin, `${exportPath}/tasks/${(body['task'] as TaskJson).taskId}`);
  });

  it("answers the spec's bare { taskId } when taskStartShape is 'bare', and the task runs", async () => {
    harness.sim.state.switches.taskStartShape = 'bare';
    try {
      const body = await harness.json<Record<string, unknown>>(admin, 'POST', `${importPath}/tasks`, {
        json: { localeName: 'en_US' },
      });
      expect(body).toEqual({ taskId: expect.stringMatching(/^[0-9A-F]{32}$/) });
      const finished = await harness.waitForTask(admin, `${importPath}/tasks/${String(body['taskId'])}`);
      expect(finished.taskState).toBe('COMPLETE');
    } finally {
      harness.sim.state.switches.taskStartShape = 'wrapped';
    }
  });

  it('refuses a missing localeName or bad mappingParameters (400) and unknown actions (404)', async () => {
    await harness.json(admin, 'POST', `${exportPath}/tasks`, { json: {}, expect: 400 });
    await harness.json(admin, 'POST', `${exportPath}/tasks`, { expect: 400 });
    await harness.json(admin, 'POST', `${importPath}/tasks`, {
      json: { localeName: 'en_US', mappingParameters: [{ entityType: 'Version' }] },
      expect: 400,
    });
    await harness.json(admin, 'POST', `${importPath}/tasks`, {
      json: { localeName: 'en_US', mappingParameters: [{ entityType: 'Version', entityName: 'Actual' }] },
    });
    await harness.json(admin, 'POST', `${harness.modelPath}/exports/116999999999/tasks`, {
      json: { localeName: 'en_US' },
      expect: 404,
    });
  });
});

describe('task states and the model lock', () => {
  it('progresses with time: IN_PROGRESS with partial progress, then COMPLETE with a result', async () => {
    harness.sim.state.switches.taskDurationMs = 60_000;
    const started = await start(exportPath);
    const running = await task(exportPath, started.taskId);
    expect(running).toMatchObject({ taskState: 'IN_PROGRESS', currentStep: 'Processing ...' });
    harness.sim.advanceTime(30_000);
    const halfway = await task(exportPath, started.taskId);
    expect(halfway.progress).toBeGreaterThanOrEqual(0.5);
    expect(halfway.progress).toBeLessThan(1);
    expect(halfway.result).toBeUndefined();
    harness.sim.advanceTime(30_000);
    const done = await task(exportPath, started.taskId);
    expect(done).toMatchObject({
      taskState: 'COMPLETE',
      currentStep: 'Complete.',
      progress: 1,
      result: { successful: true, failureDumpAvailable: false, objectId: ids.usersExport },
    });
    expect(done.result?.details?.[0]?.type).toBe('exportSucceeded');
  });

  it('queues a second task on the same model NOT_STARTED behind the running one (FIFO)', async () => {
    harness.sim.state.switches.holdTasks = true;
    const first = await start(exportPath);
    const second = await start(`${harness.modelPath}/exports/${ids.rowsExport}`);
    expect((await task(exportPath, first.taskId)).taskState).toBe('IN_PROGRESS');
    expect((await task(`${harness.modelPath}/exports/${ids.rowsExport}`, second.taskId)).taskState).toBe(
      'NOT_STARTED',
    );
    // The lock is per model: a task of another model runs meanwhile.
    const otherPath = `/workspaces/${ids.workspace}/models/${ids.otherModel}/exports/${ids.otherExport}`;
    const other = await start(otherPath);
    expect((await task(otherPath, other.taskId)).taskState).toBe('IN_PROGRESS');

    harness.sim.state.switches.holdTasks = false;
    const secondDone = await harness.waitForTask(
      admin,
      `${harness.modelPath}/exports/${ids.rowsExport}/tasks/${second.taskId}`,
    );
    expect(secondDone.taskState).toBe('COMPLETE');
    const snapshots = integrationControls(harness.sim.state).tasks(ids.model);
    const firstSnapshot = snapshots.find((entry) => entry.taskId === first.taskId);
    const secondSnapshot = snapshots.find((entry) => entry.taskId === second.taskId);
    expect(firstSnapshot?.taskState).toBe('COMPLETE');
    expect(secondSnapshot?.startedAt).toBeGreaterThanOrEqual(
      firstSnapshot?.finishedAt ?? Number.POSITIVE_INFINITY,
    );
  });

  it('cancels a waiting task at once and a running one through CANCELLING, rolling its changes back', async () => {
    await uploadUsers(usersCsv('planner@example.com,,,Viewer'));
    harness.sim.state.switches.holdTasks = true;
    const running = await start(importPath);
    const waiting = await start(exportPath);
    expect((await task(importPath, running.taskId)).taskState).toBe('IN_PROGRESS');

    const cancelledWaiting = await harness.json<{ task: TaskJson }>(
      admin,
      'DELETE',
      `${exportPath}/tasks/${waiting.taskId}`,
    );
    expect(cancelledWaiting.task.taskState).toBe('CANCELLED');
    const cancelling = await harness.json<{ task: TaskJson }>(
      admin,
      'DELETE',
      `${importPath}/tasks/${running.taskId}`,
    );
    expect(cancelling.task.taskState).toBe('CANCELLING');
    expect((await task(importPath, running.taskId)).taskState).toBe('CANCELLING');
    // Held, it stays CANCELLING however much time passes (the live notes list CANCELLING as a state tasks end in).
    harness.sim.advanceTime(60 * 60_000);
    expect((await task(importPath, running.taskId)).taskState).toBe('CANCELLING');

    harness.sim.state.switches.holdTasks = false;
    const cancelled = await harness.waitForTask(admin, `${importPath}/tasks/${running.taskId}`);
    expect(cancelled).toMatchObject({ taskState: 'CANCELLED', currentStep: 'Cancelled.' });
    expect(cancelled.result).toBeUndefined();
    expect(harness.sim.state.models.get(ids.model)?.users.get('planner@example.com')?.role).toBe('Planner');
    // The same import, not cancelled, does change the role.
    expect((await harness.runTask(admin, importPath)).result?.successful).toBe(true);
    expect(harness.sim.state.models.get(ids.model)?.users.get('planner@example.com')?.role).toBe('Viewer');
  });

  it('lists tasks of every user, sorted by creation time; empty for unknown parents and No Access callers', async () => {
    const path = `${harness.modelPath}/exports/${ids.rowsExport}`;
    const first = await harness.runTask(admin, path);
    const second = await harness.runTask(admin, path);
    const ascending = await harness.json<{ tasks: TaskJson[]; meta: { paging: unknown } }>(
      admin,
      'GET',
      `${path}/tasks`,
    );
    const ids_ = ascending.tasks.map((entry) => entry.taskId);
    expect(ids_.indexOf(first.taskId)).toBeLessThan(ids_.indexOf(second.taskId));
    expect(ascending.tasks[0]).toEqual({
      taskId: expect.any(String),
      taskState: expect.any(String),
      creationTime: expect.any(Number),
    });
    const listed = async (sort: string) =>
      (await harness.json<{ tasks: TaskJson[] }>(admin, 'GET', `${path}/tasks?sort=${sort}`)).tasks.map(
        (entry) => entry.taskId,
      );
    expect(await listed('-creationDate')).toEqual([...ids_].reverse());
    // Live: a field the API does not sort by (the tasks' own `creationTime` among them) is accepted and ignored.
    expect(await listed('-creationTime')).toEqual(ids_);

    const unknown = await harness.json<{ tasks: TaskJson[] }>(
      admin,
      'GET',
      `${harness.modelPath}/exports/116999999999/tasks`,
    );
    expect(unknown.tasks).toEqual([]);
    const blocked = await harness.json<{ tasks: TaskJson[] }>('blocked@example.com', 'GET', `${path}/tasks`);
    expect(blocked.tasks).toEqual([]);
    await harness.json(admin, 'GET', `${path}/tasks/${'0'.repeat(32)}`, { expect: 404 });
    // A task id resolves only under the action that started it.
    await harness.json(admin, 'GET', `${exportPath}/tasks/${first.taskId}`, { expect: 404 });
  });
});

describe('processes and other actions', () => {
  it('runs a process: nested results per action, and per-action dumps', async () => {
    await uploadUsers(usersCsv('planner@example.com,,,Viewer', 'planner@example.com,,,Bogus'));
    const done = await harness.runTask(admin, `${harness.modelPath}/processes/${ids.process}`);
    expect(done.result).toMatchObject({
      objectId: ids.process,
      successful: true,
      failureDumpAvailable: true,
      nestedResults: [
        { objectId: ids.usersImport, successful: true, failureDumpAvailable: true },
        { objectId: ids.usersExport, successful: true, failureDumpAvailable: false },
      ],
    });
    const dumpPath = `${harness.modelPath}/processes/${ids.process}/tasks/${done.taskId}/dumps/${ids.usersImport}`;
    const dump = await harness.call(admin, 'GET', dumpPath);
    expect(dump.status).toBe(200);
    expect(await dump.text()).toContain(
      '"E","planner@example.com","","","Bogus","","","","","3","Invalid role: Bogus"',
    );
    const chunks = await harness.json<{ chunks: { id: string }[] }>(admin, 'GET', `${dumpPath}/chunks`);
    expect(chunks.chunks).toEqual([{ id: '0', name: 'Chunk 0' }]);
    expect((await harness.call(admin, 'GET', `${dumpPath}/chunks/0`)).status).toBe(200);
    expect(
      (await harness.call(admin, 'GET', `${dumpPath.replace(ids.usersImport, ids.usersExport)}`)).status,
    ).toBe(404);
    expect(harness.sim.state.models.get(ids.model)?.users.get('planner@example.com')?.role).toBe('Viewer');
  });

  it.each([404, 204] as const)(
    'answers the dump of a task without one per emptyDumpStatus %i; a replaced dump is 404 either way',
    async (emptyDumpStatus) => {
      harness.sim.state.switches.emptyDumpStatus = emptyDumpStatus;
      try {
        const noDump = async (dumpPath: string) => {
          const whole = await harness.call(admin, 'GET', dumpPath);
          const chunks = await harness.call(admin, 'GET', `${dumpPath}/chunks`);
          const chunk = await harness.call(admin, 'GET', `${dumpPath}/chunks/0`);
          expect(chunk.status).toBe(404);
          if (emptyDumpStatus === 404) {
            expect([whole.status, chunks.status]).toEqual([404, 404]);
            return;
          }
          expect(whole.status).toBe(204);
          expect(await whole.text()).toBe('');
          expect(chunks.status).toBe(200);
          const listing = (await chunks.json()) as Record<string, unknown>;
          expect(listing).not.toHaveProperty('chunks');
          expect(listing['meta']).toMatchObject({ paging: { totalSize: 0 } });
        };
        // An import without failures, an export, and a process's action without failures have no dump.
        await uploadUsers(usersCsv('planner@example.com,,,Viewer'));
        const clean = await harness.runTask(admin, importPath);
        expect(clean.result).toMatchObject({ successful: true, failureDumpAvailable: false });
        await noDump(`${importPath}/tasks/${clean.taskId}/dump`);
        const exported = await harness.runTask(admin, exportPath);
        await noDump(`${exportPath}/tasks/${exported.taskId}/dump`);
        const processPath = `${harness.modelPath}/processes/${ids.process}`;
        const processed = await harness.runTask(admin, processPath);
        await noDump(`${processPath}/tasks/${processed.taskId}/dumps/${ids.usersExport}`);

        // A dump that existed and was replaced (the same import ran again) answers 404, never "no content".
        await uploadUsers(usersCsv('planner@example.com,,,Bogus'));
        const failed = await harness.runTask(admin, importPath);
        expect(failed.result?.failureDumpAvailable).toBe(true);
        const failedDump = `${importPath}/tasks/${failed.taskId}/dump`;
        expect((await harness.call(admin, 'GET', failedDump)).status).toBe(200);
        await harness.runTask(admin, importPath);
        expect((await harness.call(admin, 'GET', failedDump)).status).toBe(404);
        expect((await harness.call(admin, 'GET', `${failedDump}/chunks`)).status).toBe(404);
      } finally {
        harness.sim.state.switches.emptyDumpStatus = 404;
      }
    },
  );

  it('stops a process at the first failed action', async () => {
    await harness.call(admin, 'DELETE', `${harness.modelPath}/files/${ids.usersFile}`);
    const done = await harness.runTask(admin, `${harness.modelPath}/processes/${ids.process}`);
    expect(done.result?.successful).toBe(false);
    expect(done.result?.nestedResults).toHaveLength(1);
    expect(done.currentStep).toBe('Failed.');
  });

  it('runs a list import and a delete-by-selection action', async () => {
    const listDone = await harness.runTask(admin, `${harness.modelPath}/imports/${ids.listImport}`);
    const detail = listDone.result?.details?.[0];
    expect(detail?.type).toBe('hierarchyRowsProcessed');
    expect(detailValue(detail?.values ?? [], 'successCreateCount')).toBe('1');
    expect(
      harness.sim.state.models.get(ids.model)?.lists.find((list) => list.name === 'Products')?.items,
    ).toEqual(['Widget', 'Gadget']);

    const deleteDone = await harness.runTask(admin, `${harness.modelPath}/actions/${ids.deleteAction}`);
    expect(deleteDone.result).toMatchObject({
      successful: true,
      failureDumpAvailable: false,
      objectId: ids.deleteAction,
    });
    const model = harness.sim.state.models.get(ids.model);
    expect(model?.lists.find((list) => list.name === 'Region')?.items).toEqual(['APAC', 'AMER']);
    expect(model?.users.get('planner@example.com')?.selectiveAccess['Region']).toBeUndefined();
  });
});
