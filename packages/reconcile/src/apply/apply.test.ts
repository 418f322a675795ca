import { describe, expect, it } from 'vitest';
import type { DesiredUser } from '../desired/desired-state.js';
import { planFrom } from '../plan/plan.js';
import { isPlanRefusedError } from '../plan/plan-refused-error.js';
import type { Plan } from '../plan/plan-types.js';
import type { AccessTarget } from '../target/access-target.js';
import type { ObservedState, ObservedUser } from '../target/observed-state.js';
import {
  desiredState,
  desiredUser,
  finance,
  modelAccess,
  observedModel,
  observedState,
  observedUser,
  sales,
} from '../test-support/states.js';
import { scriptedTarget, settle, sink } from '../test-support/targets.js';
import { apply } from './apply.js';
import { type ApplyFailedError, isApplyFailedError } from './apply-failed-error.js';
import type { ApplyLock } from './locks/apply-lock.js';
import { inProcessLock } from './locks/in-process-lock.js';

// apply against a scripted target whose writes can be held open, to see exactly what starts, what is in flight
// and when apply settles. The same guarantees over HTTP: test/trust/apply-failure.test.ts.

const planner = modelAccess('Planner');
const pad = (index: number) => String(index).padStart(2, '0');
const name = (index: number) => `user${pad(index)}@example.com`;

/** The observed state of `count` users (family name "Old"), with `extra` applied to each. */
function stateOf(count: number, extra: Partial<ObservedUser> = {}): ObservedState {
  return observedState({
    workspaces: [
      { id: finance, name: 'Finance', administrators: [] },
      { id: sales, name: 'Sales', administrators: [] },
    ],
    users: Array.from({ length: count }, (_, index) =>
      observedUser(name(index), { id: `id${pad(index)}`, familyName: 'Old', ...extra }),
    ),
    models: [observedModel()],
  });
}

/** A plan for `count` observed users: `change` says what each desired user differs in (a rename by default). */
function makePlan(count: number, change: (user: DesiredUser) => DesiredUser = (user) => user): Plan {
  const users = Array.from({ length: count }, (_, index) =>
    change(desiredUser(name(index), { familyName: 'New', refs: [{ source: 'test', row: index + 2 }] })),
  );
  return planFrom(desiredState(users), stateOf(count));
}

async function failureOf(promise: Promise<unknown>): Promise<ApplyFailedError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  if (!isApplyFailedError(error)) throw new Error(`expected an ApplyFailedError, got ${String(error)}`);
  return error;
}

const noCheck = { verifyFingerprint: false } as const;

describe('apply when the audit sink fails', () => {
  it('never sends the operation whose started entry failed, and starts nothing after it', async () => {
    const p = makePlan(20);
    const scripted = scriptedTarget();
    const { audit, entries } = sink((entry) => entry.outcome === 'started' && entry.userName === name(7));
    const error = await failureOf(apply(p, { ...noCheck, target: scripted.target, audit, concurrency: 1 }));
    expect(scripted.calls).toEqual(Array.from({ length: 7 }, (_, index) => `update id${pad(index)}`));
    const seven = error.result.results.find((result) => result.userName === name(7));
    expect(seven).toMatchObject({
      status: 'aborted',
      error: expect.stringMatching(/not sent: the audit log/),
    });
    expect(error.result).toMatchObject({ outcome: 'failed', counts: { succeeded: 7, aborted: 13 } });
    expect((error.cause as Error).message).toBe('audit store unavailable');
    // Every write sent has its started entry and its outcome; nothing else was logged.
    expect(entries.filter((entry) => entry.outcome === 'started')).toHaveLength(7);
    expect(entries.filter((entry) => entry.outcome === 'succeeded')).toHaveLength(7);
  });

  it('waits for the writes in flight, and starts none of those queued behind them', async () => {
    const p = makePlan(20);
    const scripted = scriptedTarget();
    scripted.hold();
    const { audit } = sink((entry) => entry.outcome === 'succeeded' && entry.userName === name(0));
    let settled = false;
    const running = failureOf(
      apply(p, { ...noCheck, target: scripted.target, audit, concurrency: 4 }),
    ).finally(() => {
      settled = true;
    });
    await settle();
    expect(scripted.calls).toEqual(['update id00', 'update id01', 'update id02', 'update id03']);
    // The first write ends; its outcome entry fails. The other three are still in flight: apply waits for them,
    // and the sixteen operations queued behind them never start.
    scripted.release('update id00');
    await settle();
    expect(scripted.inFlight).toBe(3);
    expect(settled).toBe(false);
    scripted.release();
    const error = await running;
    expect(scripted.calls).toHaveLength(4);
    expect(error.result.counts).toMatchObject({ succeeded: 4, aborted: 16 });
  });

  it('stops after an outcome entry fails: that operation stays succeeded, the rest are not sent', async () => {
    const p = makePlan(10);
    const scripted = scriptedTarget();
    const { audit } = sink((entry) => entry.outcome === 'succeeded' && entry.userName === name(4));
    const error = await failureOf(apply(p, { ...noCheck, target: scripted.target, audit, concurrency: 1 }));
    expect(scripted.calls).toHaveLength(5);
    expect(error.result.results.find((result) => result.userName === name(4))?.status).toBe('succeeded');
    expect(error.result.counts).toMatchObject({ succeeded: 5, aborted: 5 });
  });

  it('a workspace call whose started entry fails is not made', async () => {
    const p = makePlan(6, (user) => ({ ...user, familyName: 'Old', workspaces: [finance, sales] }));
    expect(p.operations.every((operation) => operation.kind === 'workspace.grant')).toBe(true);
    const scripted = scriptedTarget();
    const { audit } = sink((entry) => entry.outcome === 'started' && entry.userName === name(2));
    const error = await failureOf(apply(p, { ...noCheck, target: scripted.target, audit, concurrency: 1 }));
    expect(scripted.calls).toEqual(['grant id00', 'grant id01']);
    expect(error.result.counts).toMatchObject({ succeeded: 2, aborted: 4 });
  });

  it("a model's import is not run when one of its started entries fails", async () => {
    const p = makePlan(5, (user) => ({ ...user, familyName: 'Old', models: { Planning: planner } }));
    expect(p.operations.every((operation) => operation.kind === 'model.access.set')).toBe(true);
    const scripted = scriptedTarget();
    const { audit, entries } = sink((entry) => entry.outcome === 'started' && entry.userName === name(3));
    const error = await failureOf(apply(p, { ...noCheck, target: scripted.target, audit }));
    expect(scripted.calls).toEqual([]);
    expect(error.result.counts).toMatchObject({ succeeded: 0, aborted: 5 });
    // The three started entries written before the failure are closed with their outcome.
    const closed = entries.filter((entry) => entry.outcome === 'aborted').map((entry) => entry.userName);
    expect(closed).toEqual([name(0), name(1), name(2)]);
  });
});

describe('apply when something else stops it', () => {
  it('an onEvent callback that throws stops the run: ApplyFailedError, nothing started after it', async () => {
    const p = makePlan(10);
    const scripted = scriptedTarget();
    let operations = 0;
    const error = await failureOf(
      apply(p, {
        ...noCheck,
        target: scripted.target,
        concurrency: 1,
        onEvent: (event) => {
          if (event.type !== 'operation') return;
          operations += 1;
          if (operations === 3) throw new Error('progress bar broke');
        },
      }),
    );
    expect(error.message).toMatch(/onEvent callback threw: Error: progress bar broke/);
    expect(scripted.calls).toHaveLength(3);
    expect(error.result.counts).toMatchObject({ succeeded: 3, aborted: 7 });
  });

  it('an abort waits for the writes in flight and resolves with what was done', async () => {
    const p = makePlan(12);
    const scripted = scriptedTarget();
    scripted.hold();
    const controller = new AbortController();
    let settled = false;
    const running = apply(p, {
      ...noCheck,
      target: scripted.target,
      concurrency: 4,
      signal: controller.signal,
    }).finally(() => {
      settled = true;
    });
    await settle();
    expect(scripted.inFlight).toBe(4);
    scripted.release('update id00');
    controller.abort();
    await settle();
    expect(settled).toBe(false);
    scripted.release();
    const result = await running;
    expect(scripted.calls).toHaveLength(4);
    expect(result).toMatchObject({ outcome: 'aborted', counts: { succeeded: 4, aborted: 8 } });
  });

  it('a read-back grant that throws after an unclear create fails that operation, not the run', async () => {
    const p = makePlan(0, (user) => user);
    const person = { givenName: 'New', familyName: 'Person' };
    const fresh = planFrom(
      desiredState([
        desiredUser('new@example.com', {
          ...person,
          workspaces: [finance, sales],
          refs: [{ source: 'test', row: 2 }],
        }),
      ]),
      stateOf(0),
    );
    expect(p.operations).toEqual([]);
    const target: AccessTarget = {
      ...scriptedTarget().target,
      createUser: () => Promise.reject(new Error('socket hang up')),
      findUser: async () => observedUser('new@example.com', { id: 'x1', ...person }),
      grantWorkspaces: () => Promise.reject(new TypeError('fetch failed')),
    };
    const result = await apply(fresh, { ...noCheck, target });
    expect(result.outcome).toBe('partial');
    expect(result.results[0]).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/granting .* failed: TypeError: fetch failed/),
    });
  });
});

/** A lock that records what apply did with it, and can report a loss. */
function recordingLock() {
  const log: string[] = [];
  let lose: (error: Error) => void = () => {};
  const lock: ApplyLock = {
    description: 'test lock',
    acquire(request) {
      log.push('acquire');
      lose = request.onLost;
      return Promise.resolve({
        release: () => {
          log.push('release');
          return Promise.resolve();
        },
      });
    },
  };
  return { lock, log, lose: (error: Error) => lose(error) };
}

describe('apply and its lock', () => {
  const outcomes = {
    success: async (lock: ApplyLock) => {
      const result = await apply(makePlan(3), { ...noCheck, target: scriptedTarget().target, lock });
      return result.outcome;
    },
    'audit failure': async (lock: ApplyLock) => {
      const { audit } = sink(() => true);
      return (
        await failureOf(apply(makePlan(3), { ...noCheck, target: scriptedTarget().target, lock, audit }))
      ).result.outcome;
    },
    abort: async (lock: ApplyLock) => {
      const signal = AbortSignal.abort();
      return (await apply(makePlan(3), { ...noCheck, target: scriptedTarget().target, lock, signal }))
        .outcome;
    },
    'stale plan': async (lock: ApplyLock) => {
      const target = scriptedTarget(stateOf(4)).target;
      return apply(makePlan(3), { target, lock }).catch((error: unknown) =>
        isPlanRefusedError(error) ? error.reason : 'unexpected',
      );
    },
    'observation error': async (lock: ApplyLock) => {
      const target = { ...scriptedTarget().target, observe: () => Promise.reject(new Error('down')) };
      return apply(makePlan(3), { target, lock }).catch((error: unknown) => (error as Error).message);
    },
  };

  it.each(Object.entries(outcomes))('is released once after %s', async (_, run) => {
    const { lock, log } = recordingLock();
    expect(await run(lock)).toMatch(/succeeded|failed|aborted|stale|down/);
    expect(log).toEqual(['acquire', 'release']);
  });

  it('a lost lock stops the run like a failed audit write', async () => {
    const recording = recordingLock();
    const scripted = scriptedTarget();
    let operations = 0;
    const error = await failureOf(
      apply(makePlan(8), {
        ...noCheck,
        target: scripted.target,
        lock: recording.lock,
        concurrency: 1,
        onEvent: (event) => {
          if (event.type !== 'operation') return;
          operations += 1;
          if (operations === 2) recording.lose(new Error('lock file removed'));
        },
      }),
    );
    expect(error.message).toMatch(/the apply lock was lost: Error: lock file removed/);
    expect(scripted.calls).toHaveLength(2);
    expect(recording.log).toEqual(['acquire', 'release']);
  });

  it('a lock held by another apply refuses the apply before anything is read or written', async () => {
    const scripted = scriptedTarget();
    let observed = 0;
    const target: AccessTarget = {
      ...scripted.target,
      observe: async () => {
        observed += 1;
        return stateOf(3);
      },
    };
    const lock = inProcessLock({ key: 'apply.test' });
    scripted.hold();
    const running = apply(makePlan(3), { ...noCheck, target, lock });
    await settle();
    expect(scripted.inFlight).toBe(3);
    const refused = await apply(makePlan(3), { target, lock }).catch((error: unknown) => error);
    expect(isPlanRefusedError(refused) && refused.reason).toBe('locked');
    expect((refused as Error).message).toMatch(
      /in-process lock "apply.test" \(refused at once: waitMs is 0\)/,
    );
    expect(observed).toBe(0);
    expect(scripted.calls).toHaveLength(3);
    scripted.release();
    expect((await running).outcome).toBe('succeeded');
  });

  it('by default, a second apply through the same target is refused while the first runs', async () => {
    const scripted = scriptedTarget();
    scripted.hold();
    const running = apply(makePlan(2), { ...noCheck, target: scripted.target });
    await settle();
    const refused = await apply(makePlan(2), { ...noCheck, target: scripted.target }).catch((error) => error);
    expect(isPlanRefusedError(refused) && refused.reason).toBe('locked');
    scripted.release();
    await running;
    expect((await apply(makePlan(2), { ...noCheck, target: scripted.target })).outcome).toBe('succeeded');
  });
});
