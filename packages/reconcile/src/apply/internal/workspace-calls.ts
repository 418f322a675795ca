// Tests: ./grant-runner.test.ts, ./revoke-runner.test.ts

import type { WorkspaceOperation } from '../../plan/operations.js';
import type { WorkspaceWriteResult } from '../../target/access-target.js';
import type { ApplyRun, Outcome } from './apply-run.js';
import { groupBy } from './group-by.js';

/**
 * Sends workspace grants or revocations with one SCIM call per user for all of that user's operations, users
 * concurrently under the run's limit; each workspace the call reports as failed fails its operation.
 */
export async function workspaceCalls(
  run: ApplyRun,
  operations: readonly WorkspaceOperation[],
  call: (userId: string, workspaceIds: string[]) => Promise<WorkspaceWriteResult>,
): Promise<void> {
  const byUser = groupBy(operations, (operation) => operation.userName.toLowerCase());
  await run.eachBatch(
    byUser.values(),
    async (ready) => {
      const outcome = await call(
        run.userId(ready[0] as WorkspaceOperation) as string,
        ready.map((operation) => operation.workspaceId),
      );
      const failures = new Map(outcome.failed.map((item) => [item.workspaceId, item.detail]));
      const outcomes = new Map<WorkspaceOperation, Outcome>();
      for (const operation of ready) {
        const detail = failures.get(operation.workspaceId);
        outcomes.set(
          operation,
          detail === undefined ? { status: 'succeeded' } : { status: 'failed', error: detail },
        );
      }
      return outcomes;
    },
    { limited: true },
  );
}
