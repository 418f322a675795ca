import { describe, expect, it } from 'vitest';
import type { ManualOperation } from '../../plan/operations.js';
import { everyPhase, planOfEveryPhase, runOf, scriptedTarget } from '../../test-support/targets.js';
import { runPhases } from './phase-runners.js';

const { created, renamed, reactivated, granted, leaver } = everyPhase;

describe('runPhases', () => {
  it('runs the phases in dependency order, then reports the manual operations as left for a person', async () => {
    const plan = planOfEveryPhase();
    const manual: ManualOperation = {
      kind: 'manual',
      id: `manual:${renamed}:workspace-admin:x`,
      userName: renamed,
      dependsOn: [],
      reason: 'test',
      action: 'Tick Workspace Administrator by hand',
      before: null,
      after: null,
    };
    const scripted = scriptedTarget();
    const { run, events, results } = runOf(
      { ...plan, operations: [...plan.operations, manual] },
      { target: scripted.target, concurrency: 1 },
    );
    await runPhases(run);
    expect(events.flatMap((event) => (event.type === 'phase' ? [event.phase] : []))).toEqual([
      'create',
      'update',
      'grant',
      'model-access',
      'deactivate',
      'revoke',
    ]);
    expect(scripted.calls).toEqual([
      `create ${created}`,
      `update ${renamed}`,
      `activate ${reactivated}`,
      `grant ${granted}`,
      'import DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD',
      `deactivate ${leaver}`,
      `revoke ${leaver}`,
    ]);
    expect(results().get(manual.id)).toMatchObject({ status: 'manual', error: manual.action });
    expect(run.result()).toMatchObject({ outcome: 'succeeded', counts: { succeeded: 10, manual: 1 } });
  });
});
