import { describe, expect, it } from 'vitest';
import type { AccessTarget } from '../../target/access-target.js';
import { finance, planning, sales } from '../../test-support/states.js';
import { everyPhase, planOfEveryPhase, runOf, scriptedTarget } from '../../test-support/targets.js';
import { runDeactivations } from './deactivate-runner.js';
import { runModelAccess } from './model-access-runner.js';
import { runRevocations } from './revoke-runner.js';

const { leaver } = everyPhase;

describe('runRevocations', () => {
  it('takes a leaver out of all their workspaces in one call, after their model access and deactivation', async () => {
    const scripted = scriptedTarget();
    const revoked: string[][] = [];
    const target: AccessTarget = {
      ...scripted.target,
      revokeWorkspaces: (userId, ids, options) => {
        revoked.push(ids);
        return scripted.target.revokeWorkspaces(userId, ids, options);
      },
    };
    const { run, events, results } = runOf(planOfEveryPhase(), { target });
    await runModelAccess(run);
    await runDeactivations(run);
    await runRevocations(run);
    expect(scripted.calls.slice(-2)).toEqual([`deactivate ${leaver}`, `revoke ${leaver}`]);
    expect(revoked).toEqual([[finance, sales]]);
    expect(events.filter((event) => event.type === 'phase').at(-1)).toEqual({
      type: 'phase',
      phase: 'revoke',
      operations: 2,
    });
    expect(results().get(`workspace.revoke:${leaver}:${finance}`)?.status).toBe('succeeded');
  });

  it('keeps the workspace of a model whose access could not be taken away, and revokes the others', async () => {
    const scripted = scriptedTarget();
    const target: AccessTarget = {
      ...scripted.target,
      importModelAccess: async () => ({ failed: new Map([[leaver, ['locked model']]]), warnings: new Map() }),
    };
    const { run, results } = runOf(planOfEveryPhase(), { target });
    await runModelAccess(run);
    await runDeactivations(run);
    await runRevocations(run);
    expect(results().get(`workspace.revoke:${leaver}:${finance}`)).toMatchObject({
      status: 'skipped',
      error: `depends on model.access.revoke:${leaver}:${planning}, which did not succeed`,
    });
    expect(results().get(`workspace.revoke:${leaver}:${sales}`)?.status).toBe('succeeded');
    expect(scripted.calls).toContain(`revoke ${leaver}`);
  });
});
