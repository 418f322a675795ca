import type { ApplyRun } from './apply-run.js';
import { workspaceCalls } from './workspace-calls.js';

/** Phase `grant`: adds users who exist to workspaces, one SCIM call per user for all of their grants. */
export async function runGrants(run: ApplyRun): Promise<void> {
  const { target, signal } = run;
  await workspaceCalls(run, run.phaseOperations('grant', ['workspace.grant']), (userId, workspaceIds) =>
    target.grantWorkspaces(userId, workspaceIds, { signal }),
  );
}
