import type { ApplyRun } from './apply-run.js';

/**
 * Phase `update`: changes names and external ids, and reactivates users, one SCIM call per operation, concurrently
 * under the run's limit.
 */
export async function runUpdates(run: ApplyRun): Promise<void> {
  const { target, signal } = run;
  await run.eachOperation(
    run.phaseOperations('update', ['user.update', 'user.reactivate']),
    async (operation) => {
      const userId = run.userId(operation) as string;
      if (operation.kind === 'user.update') await target.updateUser(userId, operation.after, { signal });
      else await target.setActive(userId, operation.after.active, { signal });
      return undefined;
    },
  );
}
