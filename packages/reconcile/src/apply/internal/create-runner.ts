import { isApiError, isConflictError } from '@anaplan-access/core';
import type { UserCreateOperation } from '../../plan/operations.js';
import type { WorkspaceWriteResult } from '../../target/access-target.js';
import type { ApplyRun, Outcome } from './apply-run.js';
import { nameAndMessageOf } from './name-and-message-of.js';

/**
 * Phase `create`: creates each new user with their first workspaces, concurrently under the run's limit. The POST is
 * never replayed: an unclear failure (timeout, connection, 5xx) or a conflict is settled by reading the user back,
 * then granting whatever workspaces they still lack. A conflict nobody can be read back for holds back every
 * removal of access for the rest of the run (Anaplan has an account the plan did not see).
 */
export async function runCreates(run: ApplyRun): Promise<void> {
  await run.eachOperation(run.phaseOperations('create', ['user.create']), (operation) =>
    create(run, operation),
  );
}

async function create(run: ApplyRun, operation: UserCreateOperation): Promise<Outcome> {
  const { target, signal } = run;
  try {
    const created = await target.createUser({ userName: operation.userName, ...operation.after }, { signal });
    run.knowUser(operation.userName, created.id);
    return workspacesOutcome(created.failedWorkspaces);
  } catch (error) {
    const clientError =
      isApiError(error) && !isConflictError(error) && (error as { status: number }).status < 500;
    if (clientError) return { status: 'failed', error: nameAndMessageOf(error) };
    return settle(run, operation, error);
  }
}

/** Settles a create whose answer was lost or was a conflict, by reading the user back. */
async function settle(run: ApplyRun, operation: UserCreateOperation, error: unknown): Promise<Outcome> {
  const { target, signal } = run;
  const found = await target.findUser(operation.userName, { signal }).catch(() => undefined);
  if (!found && isConflictError(error)) {
    // Anaplan has an account this plan did not see under that name; it may be one the plan would deprovision.
    run.holdBackRemovals(
      `the create of ${operation.userName} was answered 409 Conflict, but nobody with that userName could be read back, so Anaplan has an account this plan did not see; no access is removed in this run`,
    );
    return {
      status: 'failed',
      error: `Anaplan answered 409 Conflict (a user with this userName exists), but no user ${operation.userName} can be read back: the existing account is spelled differently (another Unicode form, look-alike characters) or is not visible to the integration account. Nothing was created, and no access is removed in this run, since that account may be one the plan would deprovision; find it before applying again. (${nameAndMessageOf(error)})`,
    };
  }
  if (!found) return { status: 'failed', error: nameAndMessageOf(error) };
  run.knowUser(operation.userName, found.id);
  const missing = operation.after.workspaces.filter((id) => !found.workspaces.includes(id));
  let granted: WorkspaceWriteResult = { failed: [] };
  try {
    if (missing.length > 0) granted = await target.grantWorkspaces(found.id, missing, { signal });
  } catch (grantError) {
    return {
      status: 'failed',
      error: `user found after: ${nameAndMessageOf(error)}, but granting ${missing.join(', ')} failed: ${nameAndMessageOf(grantError)}`,
    };
  }
  return workspacesOutcome(
    granted.failed,
    `settled by reading the user back after: ${nameAndMessageOf(error)}`,
  );
}

/** The outcome of a user saved: failed when some of their first workspaces were not. */
function workspacesOutcome(failed: WorkspaceWriteResult['failed'], warning?: string): Outcome {
  if (failed.length > 0)
    return {
      status: 'failed',
      error: `user saved, but workspaces failed: ${failed.map((item) => `${item.workspaceId} (${item.detail})`).join(', ')}`,
    };
  return { status: 'succeeded', warnings: warning ? [warning] : undefined };
}
