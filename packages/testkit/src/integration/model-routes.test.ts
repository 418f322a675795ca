import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IntegrationHarness,
  ids,
  startIntegrationHarness,
} from '../test-support/integration-harness.js';
import { integrationControls } from './controls.js';

let harness: IntegrationHarness;

beforeAll(async () => {
  harness = await startIntegrationHarness();
});
afterAll(() => harness.close());

type Body = Record<string, unknown> & { meta: { schema: string; paging?: { totalSize: number } } };

describe('models', () => {
  it('GET /models lists the models the caller can open, with paging and strict sort', async () => {
    const admin = await harness.json<Body>('admin@example.com', 'GET', '/models?sort=-name');
    expect((admin['models'] as { name: string }[]).map((model) => model.name)).toEqual([
      'Sales Plan',
      'FP&A',
    ]);
    expect(admin['models']).toContainEqual(
      expect.objectContaining({
        id: ids.model,
        activeState: 'UNLOCKED',
        currentWorkspaceId: ids.workspace,
        currentWorkspaceName: 'Finance',
        categoryValues: [],
      }),
    );
    const blocked = await harness.json<Body>('blocked@example.com', 'GET', '/models');
    expect(blocked['models']).toEqual([]);
    await harness.json('admin@example.com', 'GET', '/models?sort=%2Bid', { expect: 400 });
  });

  it('GET /workspaces/{w}/models lists every model of a workspace the caller belongs to', async () => {
    const body = await harness.json<Body>(
      'blocked@example.com',
      'GET',
      `/workspaces/${ids.workspace}/models?limit=1`,
    );
    expect(body.meta.paging).toMatchObject({ currentPageSize: 1, totalSize: 2 });
    await harness.json('outsider@example.com', 'GET', `/workspaces/${ids.workspace}/models`, { expect: 404 });
  });

  it('GET /models/{m} shows metadata even to a No Access member; modelDetails adds memory', async () => {
    const body = await harness.json<Body>('blocked@example.com', 'GET', `/models/${ids.model}`);
    expect(body['model']).toMatchObject({ id: ids.model, name: 'FP&A' });
    const detailed = await harness.json<Body>(
      'admin@example.com',
      'GET',
      `/models/${ids.model}?modelDetails=true`,
    );
    expect((detailed['model'] as { memoryUsage: number }).memoryUsage).toBeGreaterThan(0);
    await harness.json('outsider@example.com', 'GET', `/models/${ids.model}`, { expect: 404 });
    await harness.json('admin@example.com', 'GET', `/models/${'F'.repeat(32)}`, { expect: 404 });
  });

  it('GET /workspaces/{w}/models/{m} answers 405 as probed live, or the model when the switch allows it', async () => {
    const refused = await harness.json<Body>('admin@example.com', 'GET', harness.modelPath, { expect: 405 });
    expect(refused['status']).toEqual({ code: 405, message: 'Method Not Allowed' });
    harness.sim.state.switches.workspaceModelGetAllowed = true;
    try {
      const body = await harness.json<Body>('admin@example.com', 'GET', harness.modelPath);
      expect(body['model']).toMatchObject({ id: ids.model });
    } finally {
      harness.sim.state.switches.workspaceModelGetAllowed = false;
    }
  });

  it('masks model-scoped operations as 404 for a No Access caller and for a wrong workspace', async () => {
    await harness.json('blocked@example.com', 'GET', `${harness.modelPath}/imports`, { expect: 404 });
    await harness.json(
      'admin@example.com',
      'GET',
      `/workspaces/${ids.otherWorkspace}/models/${ids.model}/imports`,
      {
        expect: 404,
      },
    );
  });
});

describe('model status, open and close', () => {
  it('reports an idle open model without an envelope, in both path forms and with GET or POST', async () => {
    for (const [method, path] of [
      ['GET', `/models/${ids.model}/status`],
      ['POST', `${harness.modelPath}/status`],
    ] as const) {
      const body = await harness.json<Body>('planner@example.com', method, path);
      expect(body['meta']).toBeUndefined();
      expect(body['status']).toBeUndefined();
      expect(body['requestStatus']).toMatchObject({ currentStep: 'Open', progress: -1, taskId: null });
    }
  });

  it('closes (204) and opens (202) a model for a workspace administrator only', async () => {
    const refused = await harness.call('planner@example.com', 'POST', `/models/${ids.otherModel}/close`);
    expect(refused.status).toBe(404);
    const denied = await harness.call('planner@example.com', 'POST', `/models/${ids.model}/close`, {
      headers: { 'content-type': 'application/text' },
    });
    expect(denied.status).toBe(403);

    const closed = await harness.call('admin@example.com', 'POST', `/models/${ids.model}/close`);
    expect(closed.status).toBe(204);
    expect(await closed.text()).toBe('');
    const status = await harness.json<Body>('admin@example.com', 'GET', `/models/${ids.model}/status`);
    expect(status['requestStatus']).toMatchObject({ currentStep: 'Closed', progress: -1 });

    const opened = await harness.call('admin@example.com', 'POST', `/models/${ids.model}/open`);
    expect(opened.status).toBe(202);
    const again = await harness.call('admin@example.com', 'POST', `/models/${ids.model}/open`);
    expect(again.status).toBe(200);
    expect(
      (await harness.json<Body>('admin@example.com', 'GET', `/models/${ids.model}/status`))['requestStatus'],
    ).toMatchObject({
      currentStep: 'Open',
    });
  });

  it('answers 422 when opening an archived model', async () => {
    const model = harness.sim.state.models.get(ids.otherModel);
    if (!model) throw new Error('no model');
    model.state = 'ARCHIVED';
    try {
      const response = await harness.call('admin@example.com', 'POST', `/models/${ids.otherModel}/open`);
      expect(response.status).toBe(422);
    } finally {
      model.state = 'UNLOCKED';
    }
  });

  it.each([
    ['ARCHIVED', 422],
    ['LOCKED', 423],
    ['MAINTENANCE', 424],
  ])('refuses task starts in a %s model with %i, and still serves its metadata', async (state, status) => {
    const model = harness.sim.state.models.get(ids.model);
    if (!model) throw new Error('no model');
    model.state = state;
    try {
      const refused = await harness.json<{ status: { code: number; message: string } }>(
        'admin@example.com',
        'POST',
        `${harness.modelPath}/exports/${ids.usersExport}/tasks`,
        { json: { localeName: 'en_US' }, expect: status },
      );
      expect(refused.status).toMatchObject({
        code: status,
        message: expect.stringContaining('starting a task of exports'),
      });
      await harness.json('admin@example.com', 'GET', `${harness.modelPath}/exports`, { expect: 200 });
    } finally {
      model.state = 'UNLOCKED';
    }
  });

  it('reports the running task while the model is busy', async () => {
    harness.sim.state.switches.holdTasks = true;
    try {
      const { task } = await harness.json<{ task: { taskId: string } }>(
        'admin@example.com',
        'POST',
        `${harness.modelPath}/exports/${ids.usersExport}/tasks`,
        { json: { localeName: 'en_US' } },
      );
      const status = await harness.json<Body>('admin@example.com', 'GET', `/models/${ids.model}/status`);
      expect(status['requestStatus']).toMatchObject({
        currentStep: 'Processing ...',
        taskId: task.taskId,
        exportTaskType: 'TABULAR_MULTI_COLUMN',
        tooltip: 'Ada Admin is running Users.csv',
      });
    } finally {
      harness.sim.state.switches.holdTasks = false;
    }
  });
});

describe('path forms of writes', () => {
  it('serves each write only in the form the live notes confirm: 405 (or 404) in the other, nothing changed', async () => {
    const direct = `/models/${ids.model}`;
    const workspace = harness.modelPath;
    const exportTasks = `/exports/${ids.usersExport}/tasks`;
    const before = harness.sim.requests.length;
    const { task } = await harness.json<{ task: { taskId: string } }>(
      'admin@example.com',
      'POST',
      `${workspace}${exportTasks}`,
      {
        json: { localeName: 'en_US' },
      },
    );
    const file = `/files/${ids.usersFile}`;
    const refused: [string, string, string | undefined, number][] = [
      // Writes the live notes (and the spec) show only workspace-prefixed.
      ['POST', `${direct}${file}`, JSON.stringify({ chunkCount: 1 }), 405],
      ['PUT', `${direct}${file}`, 'Email\n', 405],
      ['DELETE', `${direct}${file}`, undefined, 405],
      ['PUT', `${direct}${file}/chunks/0`, 'Email\n', 405],
      ['POST', `${direct}${file}/complete`, JSON.stringify({ id: ids.usersFile }), 404],
      ['POST', `${direct}${exportTasks}`, JSON.stringify({ localeName: 'en_US' }), 405],
      ['DELETE', `${direct}${exportTasks}/${task.taskId}`, undefined, 405],
      // Open and close: live-probed and specified model-direct only.
      ['POST', `${workspace}/open`, undefined, 404],
      ['POST', `${workspace}/close`, undefined, 404],
    ];
    for (const [method, path, body, status] of refused) {
      const response = await harness.call(
        'admin@example.com',
        method,
        path,
        body === undefined ? {} : { body },
      );
      expect(response.status, `${method} ${path}`).toBe(status);
    }
    // Nothing was written: the task started is not cancelled, and no other POST succeeded.
    const tasks = integrationControls(harness.sim.state)
      .tasks(ids.model)
      .filter((entry) => entry.taskId === task.taskId);
    expect(tasks.map((entry) => entry.taskState)).not.toContain('CANCELLED');
    expect(
      harness.sim.requests
        .slice(before)
        .filter((request) => request.method === 'POST' && request.status === 200),
    ).toHaveLength(1);
    // The same reads answer in both forms.
    for (const path of [
      `${direct}${exportTasks}/${task.taskId}`,
      `${workspace}${exportTasks}/${task.taskId}`,
    ])
      expect((await harness.call('admin@example.com', 'GET', path)).status).toBe(200);
  });
});
