import { describe, expect, it } from 'vitest';
import { everyPhase, planOfEveryPhase, runOf, scriptedTarget, sink } from '../../test-support/targets.js';
import { runDeactivations } from './deactivate-runner.js';
import { runRevocations } from './revoke-runner.js';
import { runUpdates } from './update-runner.js';

const { renamed, reactivated, leaver } = everyPhase;

describe('ApplyRun', () => {
  it('audits a write before it is sent and after it ends, and a skip with its reason', async () => {
    const { audit, entries } = sink();
    const { run } = runOf(planOfEveryPhase(), {
      target: scriptedTarget().target,
      audit,
      actor: 'ops@example.com',
    });
    await runDeactivations(run);
    // The leaver's revocations depend on their model access, which has not run.
    await runRevocations(run);
    expect(entries.map((entry) => `${entry.outcome} ${entry.operationId}`)).toEqual([
      `started user.deactivate:${leaver}`,
      `succeeded user.deactivate:${leaver}`,
      expect.stringMatching(/^skipped workspace\.revoke:eve@example\.com:a+$/),
      expect.stringMatching(/^started workspace\.revoke:eve@example\.com:b+$/),
      expect.stringMatching(/^succeeded workspace\.revoke:eve@example\.com:b+$/),
    ]);
    expect(entries[0]).toMatchObject({
      actor: 'ops@example.com',
      kind: 'user.deactivate',
      userName: leaver,
      planFingerprint: run.plan.fingerprints.observed,
      before: { active: true },
      after: { active: false },
    });
  });

  it('after a halt, starts nothing new: what was not sent is aborted, with the first cause', async () => {
    const scripted = scriptedTarget();
    const { run, results } = runOf(planOfEveryPhase(), { target: scripted.target });
    run.halt('the audit log could not be written', new Error('disk full'));
    run.halt('a later cause', new Error('ignored'));
    await runUpdates(run);
    expect(scripted.calls).toEqual([]);
    expect(results().get(`user.update:${renamed}`)).toMatchObject({
      status: 'aborted',
      error: 'not sent: the audit log could not be written',
    });
    expect(run.failure?.message).toBe('the audit log could not be written');
  });

  it('an aborted signal stops what has not started; an onEvent that throws halts the run', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = runOf(planOfEveryPhase(), { target: scriptedTarget().target, signal: controller.signal });
    await runUpdates(aborted.run);
    expect(aborted.results().get(`user.reactivate:${reactivated}`)).toMatchObject({
      status: 'aborted',
      error: 'stopped before it started',
    });
    expect(aborted.run.failure).toBeUndefined();
    const scripted = scriptedTarget();
    const throwing = runOf(planOfEveryPhase(), {
      target: scripted.target,
      concurrency: 1,
      onEvent: (event) => {
        if (event.type === 'operation') throw new Error('progress bar broke');
      },
    });
    await runUpdates(throwing.run);
    expect(scripted.calls).toHaveLength(1);
    expect(throwing.run.failure?.message).toBe('the onEvent callback threw: Error: progress bar broke');
  });
});
