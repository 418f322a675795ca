import { ApiError } from '@anaplan-access/core';
import { describe, expect, it } from 'vitest';
import type { AccessTarget } from '../../target/access-target.js';
import { finance, observedUser, sales } from '../../test-support/states.js';
import { everyPhase, planOfEveryPhase, runOf, scriptedTarget } from '../../test-support/targets.js';
import { runCreates } from './create-runner.js';
import { runDeactivations } from './deactivate-runner.js';

const { created, leaver } = everyPhase;
const createId = `user.create:${created}`;
const conflict = () => ApiError.from({ status: 409, method: 'POST', url: 'https://scim.example.com/Users' });

describe('runCreates', () => {
  it('creates each new user with their first workspaces, and nothing of the other phases', async () => {
    const scripted = scriptedTarget();
    const sent: unknown[] = [];
    const target: AccessTarget = {
      ...scripted.target,
      createUser: (user, options) => {
        sent.push(user);
        return scripted.target.createUser(user, options);
      },
    };
    const { run, events, results } = runOf(planOfEveryPhase(), { target });
    await runCreates(run);
    expect(scripted.calls).toEqual([`create ${created}`]);
    expect(sent).toEqual([expect.objectContaining({ userName: created, workspaces: [finance, sales] })]);
    expect(events[0]).toEqual({ type: 'phase', phase: 'create', operations: 1 });
    expect([...results().values()]).toEqual([
      {
        operationId: createId,
        kind: 'user.create',
        userName: created,
        status: 'succeeded',
        warnings: undefined,
      },
    ]);
    // The new id is what the user's later operations are sent with.
    const later = run.plan.operations.find(
      (operation) => operation.id === `model.access.set:${created}:${'D'.repeat(32)}`,
    );
    expect(later && run.userId(later)).toBe(`new-${created}`);
  });

  it('settles a create whose answer was lost by reading the user back and granting what they lack', async () => {
    const granted: string[][] = [];
    const target: AccessTarget = {
      ...scriptedTarget().target,
      createUser: () => Promise.reject(new Error('socket hang up')),
      findUser: async () => observedUser(created, { id: 'found-1', workspaces: [finance] }),
      grantWorkspaces: async (userId, ids) => {
        granted.push([userId, ...ids]);
        return { failed: [] };
      },
    };
    const { run, results } = runOf(planOfEveryPhase(), { target });
    await runCreates(run);
    expect(granted).toEqual([['found-1', sales]]);
    expect(results().get(createId)).toMatchObject({
      status: 'succeeded',
      warnings: ['settled by reading the user back after: Error: socket hang up'],
    });
  });

  it('fails a create Anaplan refuses as invalid without reading back', async () => {
    let reads = 0;
    const target: AccessTarget = {
      ...scriptedTarget().target,
      createUser: () =>
        Promise.reject(ApiError.from({ status: 400, method: 'POST', url: 'https://scim.example.com/Users' })),
      findUser: async () => {
        reads += 1;
        return undefined;
      },
    };
    const { run, results } = runOf(planOfEveryPhase(), { target });
    await runCreates(run);
    expect(reads).toBe(0);
    expect(results().get(createId)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^BadRequestError/),
    });
  });

  it('after a conflict nobody can be read back for, removes no access for the rest of the run', async () => {
    const scripted = scriptedTarget();
    const target: AccessTarget = { ...scripted.target, createUser: () => Promise.reject(conflict()) };
    const { run, results } = runOf(planOfEveryPhase(), { target });
    await runCreates(run);
    expect(results().get(createId)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('409 Conflict'),
    });
    await runDeactivations(run);
    expect(scripted.calls).toEqual([]);
    expect(results().get(`user.deactivate:${leaver}`)).toMatchObject({
      status: 'skipped',
      error: expect.stringMatching(/^held back: the create of new@example.com was answered 409 Conflict/),
    });
  });

  it('fails a user saved without some of their workspaces, naming them', async () => {
    const target: AccessTarget = {
      ...scriptedTarget().target,
      createUser: async () => ({ id: 'n1', failedWorkspaces: [{ workspaceId: sales, detail: 'no seat' }] }),
    };
    const { run, results } = runOf(planOfEveryPhase(), { target });
    await runCreates(run);
    expect(results().get(createId)).toMatchObject({
      status: 'failed',
      error: `user saved, but workspaces failed: ${sales} (no seat)`,
    });
    expect(run.userId(run.plan.operations.find((operation) => operation.id === createId) as never)).toBe(
      'n1',
    );
  });
});
