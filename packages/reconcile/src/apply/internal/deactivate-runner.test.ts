import { describe, expect, it } from 'vitest';
import { everyPhase, planOfEveryPhase, runOf, scriptedTarget } from '../../test-support/targets.js';
import { runDeactivations } from './deactivate-runner.js';

const { leaver } = everyPhase;

describe('runDeactivations', () => {
  it('deactivates each leaver with one call, and runs nothing of the other phases', async () => {
    const scripted = scriptedTarget();
    const { run, events, results } = runOf(planOfEveryPhase(), { target: scripted.target });
    await runDeactivations(run);
    expect(scripted.calls).toEqual([`deactivate ${leaver}`]);
    expect(events[0]).toEqual({ type: 'phase', phase: 'deactivate', operations: 1 });
    expect([...results().values()]).toEqual([
      {
        operationId: `user.deactivate:${leaver}`,
        kind: 'user.deactivate',
        userName: leaver,
        status: 'succeeded',
      },
    ]);
  });

  it('sends nothing once removals are held back, and says why', async () => {
    const scripted = scriptedTarget();
    const { run, results } = runOf(planOfEveryPhase(), { target: scripted.target });
    run.holdBackRemovals('an account the plan did not see');
    await runDeactivations(run);
    expect(scripted.calls).toEqual([]);
    expect(results().get(`user.deactivate:${leaver}`)).toMatchObject({
      status: 'skipped',
      error: 'held back: an account the plan did not see',
    });
  });
});
