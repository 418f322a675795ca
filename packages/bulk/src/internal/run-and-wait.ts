// Tests: ../model/run-import.test.ts, ../model/run-export.test.ts, ../model/run-process.test.ts
import type { ActionResource } from '../model/action-resource.js';
import type { RunActionOptions } from '../model/run-options.js';
import type { FinishedTask } from '../tasks/task-types.js';

/**
 * Starts an action's task and waits until it stops (`COMPLETE` or `CANCELLED`): the common part of `runImport`,
 * `runExport` and `runProcess`. The one `signal` aborts both the start and the wait.
 * @internal
 */
export async function runAndWait(
  actions: ActionResource<{ id: string; name: string }, unknown>,
  actionId: string,
  options: RunActionOptions,
): Promise<FinishedTask> {
  const { signal, mappingParameters } = options;
  const handle = await actions.run(actionId, { signal, mappingParameters });
  return handle.wait({ ...options.wait, signal });
}
