import { describe, expect, it } from 'vitest';
import { planFrom } from '../../plan/plan.js';
import type { AccessTarget } from '../../target/access-target.js';
import {
  desiredState,
  desiredUser,
  finance,
  observedState,
  observedUser,
  sales,
} from '../../test-support/states.js';
import { everyPhase, planOfEveryPhase, runOf, scriptedTarget } from '../../test-support/targets.js';
import { runGrants } from './grant-runner.js';

const third = 'c'.repeat(32);

/** Ann and Bob, each in no workspace, to be given Finance, Sales and a third workspace. */
function grantsPlan() {
  const everywhere = { workspaces: [finance, sales, third] };
  return planFrom(
    desiredState([desiredUser('ann@example.com', everywhere), desiredUser('bob@example.com', everywhere)]),
    observedState({
      workspaces: [
        { id: finance, name: 'Finance', administrators: [] },
        { id: sales, name: 'Sales', administrators: [] },
        { id: third, name: 'Third', administrators: [] },
      ],
      users: [
        observedUser('ann@example.com', { workspaces: [] }),
        observedUser('bob@example.com', { workspaces: [] }),
      ],
    }),
  );
}

describe('runGrants', () => {
  it("grants all of a user's workspaces in one call, and runs nothing of the other phases", async () => {
    const calls: string[][] = [];
    const target: AccessTarget = {
      ...scriptedTarget().target,
      grantWorkspaces: async (userId, ids) => {
        calls.push([userId, ...ids]);
        return { failed: [] };
      },
    };
    const { run, results } = runOf(grantsPlan(), { target });
    await runGrants(run);
    expect(calls.sort()).toEqual([
      ['ann@example.com', finance, sales, third],
      ['bob@example.com', finance, sales, third],
    ]);
    expect([...results().values()].map((result) => result.status)).toEqual(Array(6).fill('succeeded'));
    const every = runOf(planOfEveryPhase(), { target: scriptedTarget().target });
    await runGrants(every.run);
    expect([...every.results().keys()]).toEqual([`workspace.grant:${everyPhase.granted}:${sales}`]);
  });

  it('fails only the workspace the call reports as failed', async () => {
    const target: AccessTarget = {
      ...scriptedTarget().target,
      grantWorkspaces: async () => ({ failed: [{ workspaceId: sales, detail: 'workspace full' }] }),
    };
    const { run, results } = runOf(grantsPlan(), { target });
    await runGrants(run);
    expect(results().get(`workspace.grant:ann@example.com:${sales}`)).toMatchObject({
      status: 'failed',
      error: 'workspace full',
    });
    expect(results().get(`workspace.grant:ann@example.com:${finance}`)?.status).toBe('succeeded');
  });

  it("a call that throws fails that user's grants, not another user's", async () => {
    const target: AccessTarget = {
      ...scriptedTarget().target,
      grantWorkspaces: async (userId) => {
        if (userId === 'ann@example.com') throw new TypeError('fetch failed');
        return { failed: [] };
      },
    };
    const { run, results } = runOf(grantsPlan(), { target });
    await runGrants(run);
    const statuses = [...results().values()].map((result) => `${result.userName} ${result.status}`);
    expect(statuses.sort()).toEqual([
      ...Array(3).fill('ann@example.com failed'),
      ...Array(3).fill('bob@example.com succeeded'),
    ]);
    expect(results().get(`workspace.grant:ann@example.com:${third}`)?.error).toBe('TypeError: fetch failed');
  });
});
