import { sharedAccessKey } from '../../internal/access-key.js';
import { compareText } from '../../internal/compare-text.js';
import { isNoAccess, noAccess, sameAccess } from '../../internal/model-access.js';
import type { ModelAccess, ObservedModel } from '../../target/observed-state.js';
import type { ObservedEntry } from './observed-index.js';
import type { ResolvedUser } from './resolve-desired.js';
import type { UserPlanContext } from './user-plan-context.js';
import { type WorkspaceAdminChange, workspaceAdminChanges } from './workspace-admin.js';

// The one place that decides what a user needs. The planner asks it of every user: its answer is `undefined` for
// the usual user, who needs nothing (found without allocating anything), and otherwise the changes from which the
// operations are built (see `userOperations`).

/** A change to a user's access in one model. */
export interface ModelChange {
  /** The model's position in the target's models. */
  position: number;
  /** `set` imports the desired access; `revoke` takes the user out of the model. */
  change: 'set' | 'revoke';
  /** The user's access now, when the model's access is known and they have some. */
  had: ModelAccess | undefined;
}

/** What one user needs: every change the plan makes to them, in the order the operations are built. */
export interface UserDecision {
  /** The user as the source wants them; undefined when the source no longer lists them (deprovision). */
  desired: ResolvedUser | undefined;
  /** The user as Anaplan has them; undefined when Anaplan does not have them yet (create). */
  entry: ObservedEntry | undefined;
  /** The user's identity key. */
  key: string;
  /** Names (when the policy updates them) or the externalId differ from the source. */
  updateFields: boolean;
  reactivate: boolean;
  /** Managed workspaces to add a user who exists to, in order. */
  grants: string[];
  /** Model access to set or revoke, in model order. */
  models: ModelChange[];
  /** Workspace Administrator flags no import of the plan sets, for a person to change. */
  workspaceAdmin: WorkspaceAdminChange[];
  deactivate: boolean;
  /** Managed workspaces to take a user who exists out of, each once, in order. */
  revokes: string[];
}

/**
 * Decides what one user needs: `desired` undefined means the source no longer lists them (deprovision), `entry`
 * undefined that Anaplan does not have them yet (create). Returns undefined when they need nothing: the usual user,
 * answered without allocating anything.
 */
export function decideUser(
  context: UserPlanContext,
  desired: ResolvedUser | undefined,
  entry: ObservedEntry | undefined,
): UserDecision | undefined {
  const { index, policy } = context;
  const current = entry?.user;
  const key = desired?.key ?? entry?.key ?? '';
  // Each list is made only when it gets an entry: a user who needs nothing costs no allocation.
  let updateFields = false;
  let reactivate = false;
  let grants: string[] | undefined;
  if (desired && current) {
    updateFields = fieldsDiffer(context, desired.user, current);
    reactivate = !current.active && desired.user.active;
    // The desired workspaces are all managed ones.
    for (const workspaceId of desired.workspaceIds)
      if (!current.workspaces.includes(workspaceId)) grants = added(grants, workspaceId);
  }
  let models: ModelChange[] | undefined;
  for (let position = 0; position < index.models.length; position += 1) {
    const model = index.models[position] as ObservedModel;
    const wanted = desired?.access[position];
    const known = model.access === 'known';
    // The user's access in a model whose access is known (an export may list someone Anaplan has no user for).
    const had = !known
      ? undefined
      : entry
        ? context.observed.accessOf(entry, position)
        : context.observed.accessOfUnknownUser(key, position);
    let change: ModelChange['change'] | undefined;
    if (wanted && !isNoAccess(wanted.role)) {
      if (!known || !unchanged(had, wanted, model.importsWorkspaceAdmin)) change = 'set';
    } else if (
      entry &&
      // Not wanted in this model: revoke what is there (known) or, for a user losing the model's workspace, what
      // may be.
      (known
        ? had !== undefined && !isNoAccess(had.role)
        : isManagedMember(context, current, model.workspaceId) &&
          !desired?.workspaceIds.includes(model.workspaceId))
    )
      change = 'revoke';
    if (change) models = added(models, { position, change, had });
  }
  const workspaceAdmin = desired && workspaceAdminChanges(index, desired);
  let deactivate = false;
  let revokes: string[] | undefined;
  if (current) {
    for (const workspaceId of current.workspaces)
      if (index.workspacesById.has(workspaceId) && !desired?.workspaceIds.includes(workspaceId))
        revokes = added(revokes, workspaceId);
    const kept = current.workspaces.length - (revokes?.length ?? 0);
    deactivate = desired
      ? current.active && !desired.user.active
      : current.active && policy.deprovision === 'deactivate' && kept === 0;
  }
  const create = desired !== undefined && current === undefined;
  if (!(create || updateFields || reactivate || grants || models || workspaceAdmin || deactivate || revokes))
    return undefined;
  return {
    desired,
    entry,
    key,
    updateFields,
    reactivate,
    grants: grants?.sort(compareText) ?? [],
    models: models ?? [],
    workspaceAdmin: workspaceAdmin ?? [],
    deactivate,
    revokes: revokes ? [...new Set(revokes)].sort(compareText) : [],
  };
}

/** `list` with `item` added; a new list when there was none. */
function added<T>(list: T[] | undefined, item: T): T[] {
  if (!list) return [item];
  list.push(item);
  return list;
}

/** Whether names (when the policy updates them) or the externalId differ from the source. */
function fieldsDiffer(
  context: UserPlanContext,
  user: ResolvedUser['user'],
  current: ObservedEntry['user'],
): boolean {
  const names = context.policy.updateNames;
  return (
    (names && (current.givenName !== user.givenName || current.familyName !== user.familyName)) ||
    (user.externalId !== undefined && current.externalId !== user.externalId)
  );
}

/** Whether the user is in this managed workspace now. */
function isManagedMember(
  context: UserPlanContext,
  current: ObservedEntry['user'] | undefined,
  workspaceId: string,
): boolean {
  return (
    current !== undefined &&
    context.index.workspacesById.has(workspaceId) &&
    current.workspaces.includes(workspaceId)
  );
}

/** Whether access is as wanted: at once for two shared accesses with the same key (the usual unchanged user). */
function unchanged(
  had: ModelAccess | undefined,
  wanted: ModelAccess,
  compareWorkspaceAdmin: boolean,
): boolean {
  if (had === wanted) return true;
  const key = had && sharedAccessKey(had);
  if (key !== undefined && key === sharedAccessKey(wanted)) return true;
  return sameAccess(had ?? noAccess(), wanted, compareWorkspaceAdmin);
}
