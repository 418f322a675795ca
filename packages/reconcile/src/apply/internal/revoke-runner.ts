import type { ApplyRun } from './apply-run.js';
import { workspaceCalls } from './workspace-calls.js';

/**
 * Phase `revoke`, the last: takes users out of workspaces, one SCIM call per user for all of their revocations.
 * A revocation follows the model access it depends on, and a leaver's follows their deactivation.
 */
export async function runRevocations(run: ApplyRun): Promise<void> {
  const { target, signal } = run;
  await workspaceCalls(run, run.phaseOperations('revoke', ['workspace.revoke']), (userId, workspaceIds) =>
    target.revokeWorkspaces(userId, workspaceIds, { signal }),
  );
}
