import { describe, expect, it } from 'vitest';
import type { AccessTarget } from '../../target/access-target.js';
import { everyPhase, planOfEveryPhase, runOf, scriptedTarget } from '../../test-support/targets.js';
import { runUpdates } from './update-runner.js';

const { renamed, reactivated } = everyPhase;

describe('runUpdates', () => {
  it('renames and reactivates users, one call each, and runs nothing of the other phases', async () => {
    const scripted = scriptedTarget();
    const fields: unknown[] = [];
    const target: AccessTarget = {
      ...scripted.target,
      updateUser: (id, changed, options) => {
        fields.push(changed);
        return scripted.target.updateUser(id, changed, options);
      },
    };
    const { run, events, results } = runOf(planOfEveryPhase(), { target });
    await runUpdates(run);
    expect(scripted.calls.sort()).toEqual([`activate ${reactivated}`, `update ${renamed}`]);
    expect(fields).toEqual([{ familyName: 'Family' }]);
    expect(events[0]).toEqual({ type: 'phase', phase: 'update', operations: 2 });
    expect([...results().keys()].sort()).toEqual([
      `user.reactivate:${reactivated}`,
      `user.update:${renamed}`,
    ]);
    expect([...results().values()].every((result) => result.status === 'succeeded')).toBe(true);
  });

  it('fails only the operation whose call fails', async () => {
    const target: AccessTarget = {
      ...scriptedTarget().target,
      updateUser: () => Promise.reject(new Error('SCIM unavailable')),
    };
    const { run, results } = runOf(planOfEveryPhase(), { target });
    await runUpdates(run);
    expect(results().get(`user.update:${renamed}`)).toMatchObject({
      status: 'failed',
      error: 'Error: SCIM unavailable',
    });
    expect(results().get(`user.reactivate:${reactivated}`)?.status).toBe('succeeded');
  });

  it('skips a user whose id is unknown, sending nothing', async () => {
    const plan = planOfEveryPhase();
    const scripted = scriptedTarget();
    const withoutId = {
      ...plan,
      operations: plan.operations.map((operation) =>
        operation.userName === renamed ? { ...operation, userId: undefined } : operation,
      ),
    };
    const { run, results } = runOf(withoutId, { target: scripted.target });
    await runUpdates(run);
    expect(scripted.calls).toEqual([`activate ${reactivated}`]);
    expect(results().get(`user.update:${renamed}`)).toMatchObject({
      status: 'skipped',
      error: 'the user id is unknown',
    });
  });
});
