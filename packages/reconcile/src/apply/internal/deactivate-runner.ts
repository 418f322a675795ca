import type { ApplyRun } from './apply-run.js';

/**
 * Phase `deactivate`: deactivates users, one SCIM call per operation, concurrently under the run's limit. It runs
 * before the workspace revocations: a leaver keeps a managed workspace (and so stays in scope of the next run) until
 * they are deactivated.
 */
export async function runDeactivations(run: ApplyRun): Promise<void> {
  const { target, signal } = run;
  await run.eachOperation(run.phaseOperations('deactivate', ['user.deactivate']), async (operation) => {
    await target.setActive(run.userId(operation) as string, operation.after.active, { signal });
    return undefined;
  });
}
