import {
  basicAuth,
  isAbortError,
  isAnaplanAccessError,
  isResponseValidationError,
} from '@anaplan-access/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationClient } from '../integration-client.js';
import { admin, type Fixture, fastWait, ids, startFixture } from '../test-support/fixture.js';
import type { Task } from './task-types.js';
import { defaultPollIntervalMs } from './wait-options.js';

let fixture: Fixture;

beforeAll(async () => {
  fixture = await startFixture();
});
beforeEach(async () => {
  // Let tasks left by an earlier test finish, so each test starts with a free model.
  await new Promise((resolve) => setTimeout(resolve, 20));
  fixture.controls.settle();
});
afterEach(() => {
  fixture.sim.state.switches.holdTasks = false;
  fixture.sim.state.switches.taskStartShape = 'wrapped';
  fixture.sim.faults.clear();
});
afterAll(() => fixture.close());

function pollsOf(taskId: string): number {
  return fixture.sim.requests.filter(
    (request) => request.method === 'GET' && request.path.endsWith(`/tasks/${taskId}`),
  ).length;
}

describe('wait', () => {
  it('waits for a task queued behind another on the same model, through NOT_STARTED and IN_PROGRESS', async () => {
    const { model, sim } = fixture;
    sim.state.switches.holdTasks = true;
    const running = await model.actions.run(ids.deleteAction);
    const queued = await model.exports.run(ids.usersExport);
    expect((await queued.get()).taskState).toBe('NOT_STARTED');
    expect((await running.get()).taskState).toBe('IN_PROGRESS');
    const states: string[] = [];
    // Release the held task only once the waiter has seen it queued: no timer, so no race under load.
    const finished = await queued.wait({
      ...fastWait,
      onProgress: (task) => {
        states.push(task.taskState);
        sim.state.switches.holdTasks = false;
      },
    });
    expect(finished.taskState).toBe('COMPLETE');
    expect(finished.taskState === 'COMPLETE' && finished.result.successful).toBe(true);
    expect(states[0]).toBe('NOT_STARTED');
    expect(states.at(-1)).toBe('COMPLETE');
    expect((await running.get()).taskState).toBe('COMPLETE');
  });

  it('never reads COMPLETE as success', async () => {
    await fixture.model.files.delete(ids.usersFile);
    const task = await fixture.model.imports.run(ids.usersImport);
    const finished = await task.wait(fastWait);
    expect(finished.taskState).toBe('COMPLETE');
    if (finished.taskState !== 'COMPLETE') throw new Error('unreachable');
    expect(finished.result.successful).toBe(false);
    expect(finished.result.details[0]?.type).toBe('uploadedFileNoLongerAvailable');
  });

  it('keeps waiting through a state it does not know', async () => {
    const task = await fixture.model.exports.run(ids.usersExport);
    fixture.sim.faults.failNext({
      status: 200,
      route: new RegExp(`^GET .*/tasks/${task.taskId}$`),
      body: {
        status: { code: 200, message: 'Success' },
        task: { taskId: task.taskId, taskState: 'RESUMING' },
      },
    });
    const states: string[] = [];
    const finished = await task.wait({
      ...fastWait,
      onProgress: (polled: Task) => states.push(polled.taskState),
    });
    expect(states[0]).toBe('RESUMING');
    expect(finished.taskState).toBe('COMPLETE');
  });

  it('throws a typed timeout at the deadline, with the last state', async () => {
    fixture.sim.state.switches.holdTasks = true;
    const task = await fixture.model.exports.run(ids.usersExport);
    const error = await task.wait({ timeoutMs: 80, intervalMs: 10 }).catch((caught: unknown) => caught);
    expect(isAnaplanAccessError(error, 'task-timeout')).toBe(true);
    expect(error).toMatchObject({ taskId: task.taskId, actionId: ids.usersExport, timeoutMs: 80 });
    expect((error as { lastTask: Task }).lastTask.taskState).toBe('IN_PROGRESS');
    await task.cancel();
  });

  it('stops waiting when the signal fires, and by default polls no faster than every 5 seconds', async () => {
    fixture.sim.state.switches.holdTasks = true;
    const task = await fixture.model.exports.run(ids.usersExport);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 300);
    const error = await task.wait({ signal: controller.signal }).catch((caught: unknown) => caught);
    expect(isAbortError(error)).toBe(true);
    expect(defaultPollIntervalMs).toBe(5000);
    expect(pollsOf(task.taskId)).toBe(0);
    await task.cancel();
  });
});

describe('cancel', () => {
  it('cancels a queued task at once and a running one through CANCELLING', async () => {
    const { model, sim } = fixture;
    sim.state.switches.holdTasks = true;
    const running = await model.exports.run(ids.usersExport);
    const queued = await model.exports.run(ids.regionsExport);
    expect((await queued.cancel())?.taskState).toBe('CANCELLED');
    expect((await running.cancel())?.taskState).toBe('CANCELLING');
    sim.state.switches.holdTasks = false;
    expect((await running.wait(fastWait)).taskState).toBe('CANCELLED');
    expect((await queued.wait(fastWait)).taskState).toBe('CANCELLED');
  });

  it('ends the wait on a task that stays CANCELLING at its deadline, with a typed timeout naming the state', async () => {
    const { model, sim } = fixture;
    sim.state.switches.holdTasks = true; // the simulator keeps a cancelling task CANCELLING while tasks are held
    const task = await model.exports.run(ids.usersExport);
    expect((await task.cancel())?.taskState).toBe('CANCELLING');
    const error = await task.wait({ timeoutMs: 80, intervalMs: 10 }).catch((caught: unknown) => caught);
    expect(isAnaplanAccessError(error, 'task-timeout')).toBe(true);
    expect((error as { lastTask: Task }).lastTask.taskState).toBe('CANCELLING');
    expect((error as Error).message).toContain('last state CANCELLING');
    expect((error as { toJSON(): Record<string, unknown> }).toJSON()).toMatchObject({
      lastState: 'CANCELLING',
    });
    sim.state.switches.holdTasks = false;
    expect((await task.wait(fastWait)).taskState).toBe('CANCELLED');
  });

  it('cuts a poll still hanging at the deadline: the timeout names the last state, not a transport error', async () => {
    const { sim } = fixture;
    sim.state.switches.holdTasks = true;
    let polls = 0;
    // From the second poll of the task on, the answer never comes (until the request is aborted).
    const fetchThatHangs: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'GET' && /\/tasks\/[0-9A-F]{32}$/.test(new URL(request.url).pathname)) {
        polls += 1;
        if (polls > 1)
          return new Promise((_resolve, reject) => {
            request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
          });
      }
      return fetch(request);
    };
    // Without the cut, the hanging poll would end in the transport's own TimeoutError after 3 s.
    const client = new IntegrationClient({
      auth: basicAuth(admin),
      baseUrl: sim.apiUrl,
      authUrl: sim.authUrl,
      fetch: fetchThatHangs,
      retry: 0,
      timeoutMs: 3000,
    });
    try {
      const task = await client.model(ids.workspace, ids.model).exports.run(ids.usersExport);
      await task.cancel();
      const error = await task.wait({ timeoutMs: 300, intervalMs: 10 }).catch((caught: unknown) => caught);
      expect(polls).toBeGreaterThan(1);
      expect(isAnaplanAccessError(error, 'task-timeout')).toBe(true);
      expect((error as { lastTask: Task }).lastTask.taskState).toBe('CANCELLING');
    } finally {
      sim.state.switches.holdTasks = false;
      await client.close();
    }
  });
});

describe('starting a task safely', () => {
  it('adopts the task when the start POST got a 5xx after the server had started it', async () => {
    let failed = 0;
    const fetchThatLosesTheAnswer: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const request = input instanceof Request ? input : new Request(input, init);
      if (failed === 0 && request.method === 'POST' && /\/exports\/\d+\/tasks$/.test(request.url)) {
        failed += 1;
        await response.arrayBuffer();
        return new Response(JSON.stringify({ status: { code: 502, message: 'Bad Gateway' } }), {
          status: 502,
          headers: { 'content-type': 'application/json' },
        });
      }
      return response;
    };
    const adopting = await startFixture({ client: { fetch: fetchThatLosesTheAnswer } });
    try {
      const task = await adopting.model.exports.run(ids.usersExport);
      expect(failed).toBe(1);
      expect(task.adopted).toBe(true);
      const started = adopting.controls
        .tasks(ids.model)
        .filter((entry) => entry.objectId === ids.usersExport);
      expect(started.map((entry) => entry.taskId)).toEqual([task.taskId]);
      expect((await task.wait(fastWait)).taskState).toBe('COMPLETE');
      const posts = adopting.sim.requests.filter(
        (request) => request.method === 'POST' && request.path.endsWith('/tasks'),
      );
      expect(posts).toHaveLength(1);
    } finally {
      await adopting.close();
    }
  });

  it("reads the spec's bare { taskId } start answer (switch taskStartShape: 'bare')", async () => {
    fixture.sim.state.switches.taskStartShape = 'bare';
    const before = fixture.controls.tasks(ids.model).length;
    const task = await fixture.model.exports.run(ids.usersExport);
    expect(task.adopted).toBe(false);
    expect(
      fixture.controls
        .tasks(ids.model)
        .slice(before)
        .map((entry) => entry.taskId),
    ).toEqual([task.taskId]);
    expect((await task.wait(fastWait)).taskState).toBe('COMPLETE');
  });

  it.each([
    ['HTML', 'text/html', '<html><body>OK</body></html>'],
    ['JSON without a task id', 'application/json', '{"status":{"code":200,"message":"Success"},"task":{}}'],
    ['an empty body', 'application/json', ''],
  ])(
    'adopts the task from the list when the 2xx start answer is %s, and never starts it again',
    async (_name, type, text) => {
      let rewritten = 0;
      const fetchThatGarblesTheAnswer: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        const request = input instanceof Request ? input : new Request(input, init);
        if (rewritten === 0 && request.method === 'POST' && /\/exports\/\d+\/tasks$/.test(request.url)) {
          rewritten += 1;
          await response.arrayBuffer();
          return new Response(text, { status: 200, headers: { 'content-type': type } });
        }
        return response;
      };
      const garbling = await startFixture({ client: { fetch: fetchThatGarblesTheAnswer } });
      try {
        const task = await garbling.model.exports.run(ids.usersExport);
        expect(rewritten).toBe(1);
        expect(task.adopted).toBe(true);
        const started = garbling.controls
          .tasks(ids.model)
          .filter((entry) => entry.objectId === ids.usersExport);
        expect(started.map((entry) => entry.taskId)).toEqual([task.taskId]);
        expect((await task.wait(fastWait)).taskState).toBe('COMPLETE');
        const posts = garbling.sim.requests.filter(
          (request) => request.method === 'POST' && request.path.endsWith('/tasks'),
        );
        expect(posts).toHaveLength(1);
      } finally {
        await garbling.close();
      }
    },
  );

  it('throws the validation error, without starting again, when a garbled 2xx start left no task', async () => {
    const fetchThatInventsAnAnswer: typeof fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (request.method === 'POST' && /\/exports\/\d+\/tasks$/.test(request.url))
        return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
      return fetch(input, init);
    };
    const inventing = await startFixture({ client: { fetch: fetchThatInventsAnAnswer } });
    try {
      const error = await inventing.model.exports.run(ids.usersExport).catch((caught: unknown) => caught);
      expect(isResponseValidationError(error)).toBe(true);
      expect(inventing.controls.tasks(ids.model)).toHaveLength(0);
    } finally {
      await inventing.close();
    }
  });

  it('starts again, once, when a 5xx came before the server started anything', async () => {
    const before = fixture.controls.tasks(ids.model).length;
    fixture.sim.faults.failNext({ status: 503, route: /^POST .*\/exports\/\d+\/tasks$/ });
    const task = await fixture.model.exports.run(ids.usersExport);
    expect(task.adopted).toBe(false);
    const created = fixture.controls.tasks(ids.model).slice(before);
    expect(created.map((entry) => entry.taskId)).toEqual([task.taskId]);
    await task.wait(fastWait);
  });

  it('sends a start refused with 429 again and starts one task: two POSTs in the log, one task', async () => {
    const { sim, controls, model } = fixture;
    const before = controls.tasks(ids.model).length;
    const logged = sim.requests.length;
    sim.faults.failNext({ status: 429, retryAfter: 0, route: /^POST .*\/exports\/\d+\/tasks$/ });
    const task = await model.exports.run(ids.usersExport);
    expect(task.adopted).toBe(false);
    const created = controls.tasks(ids.model).slice(before);
    expect(created.map((entry) => entry.taskId)).toEqual([task.taskId]);
    const requests = sim.requests.slice(logged).filter((request) => request.path.endsWith('/tasks'));
    expect(requests.map((request) => `${request.method} ${request.status}`)).toEqual([
      'GET 200',
      'POST 429',
      'POST 200',
    ]);
    await task.wait(fastWait);
  });

  it('gives up after three starts that the server never acted on', async () => {
    const before = fixture.controls.tasks(ids.model).length;
    fixture.sim.faults.failNext({ status: 500, count: 3, route: /^POST .*\/exports\/\d+\/tasks$/ });
    const error = await fixture.model.exports.run(ids.usersExport).catch((caught: unknown) => caught);
    expect(isAnaplanAccessError(error, 'server')).toBe(true);
    expect(fixture.controls.tasks(ids.model)).toHaveLength(before);
  });
});

describe('an expired session during a long poll', () => {
  it('signs in again and keeps polling', async () => {
    const { model, sim } = fixture;
    sim.state.switches.holdTasks = true;
    const task = await model.exports.run(ids.usersExport);
    const authenticationsBefore = sim.requests.filter(
      (request) => request.path === '/token/authenticate',
    ).length;
    const waiting = task.wait({ intervalMs: 20, timeoutMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    sim.advanceTime(36 * 60 * 1000);
    await new Promise((resolve) => setTimeout(resolve, 60));
    sim.state.switches.holdTasks = false;
    expect((await waiting).taskState).toBe('COMPLETE');
    const refused = sim.requests.filter(
      (request) => request.status === 401 && request.path.includes('/tasks/'),
    );
    expect(refused.length).toBeGreaterThan(0);
    const authentications = sim.requests.filter((request) => request.path === '/token/authenticate').length;
    expect(authentications).toBeGreaterThan(authenticationsBefore);
  });
});
