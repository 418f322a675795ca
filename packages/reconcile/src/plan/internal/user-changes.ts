import { sharedAccessKey } from '../../internal/access-key.js';
import { isNoAccess, noAccess, sameAccess } from '../../internal/model-access.js';
import type { ModelAccess, ObservedModel } from '../../target/observed-state.js';
import type { ObservedEntry } from './observed-index.js';
import type { UserPlanContext } from './plan-user.js';
import type { ResolvedUser, TargetIndex } from './resolve-desired.js';
import { workspaceAdminChanges } from './workspace-admin.js';

// The questions the planner asks of one user, shared by `planUser` (which builds the operations) and `isUnchanged`
// (which answers the usual user, who needs none, without building anything).

/**
 * Whether a user who exists and stays needs no operation at all: the usual case, answered without building
 * anything. Asks the same questions as `planUser`, through the same functions.
 */
export function isUnchanged(context: UserPlanContext, desired: ResolvedUser, entry: ObservedEntry): boolean {
  const { index } = context;
  const current = entry.user;
  if (current.active !== desired.user.active || fieldsDiffer(context, desired.user, current)) return false;
  for (const workspaceId of desired.workspaceIds) if (!current.workspaces.includes(workspaceId)) return false;
  for (const workspaceId of current.workspaces)
    if (index.workspacesById.has(workspaceId) && !desired.workspaceIds.includes(workspaceId)) return false;
  for (let position = 0; position < index.models.length; position += 1)
    if (modelChange(context, desired, entry, desired.key, position) !== undefined) return false;
  return !workspaceAdminChanges(index, desired);
}

/** Whether names (when the policy updates them) or the externalId differ from the source. */
export function fieldsDiffer(
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

/** What the plan does to the user's access in the model at `position`: set it, revoke it, or nothing. */
export function modelChange(
  context: UserPlanContext,
  desired: ResolvedUser | undefined,
  entry: ObservedEntry | undefined,
  key: string,
  position: number,
): 'set' | 'revoke' | undefined {
  const model = context.index.models[position] as ObservedModel;
  const wanted = desired?.access[position];
  const known = model.access === 'known';
  const had = known ? accessHad(context, entry, key, position) : undefined;
  if (wanted && !isNoAccess(wanted.role))
    return known && unchanged(had, wanted, model.importsWorkspaceAdmin) ? undefined : 'set';
  // Not wanted in this model: revoke what is there (known) or, for a user losing the model's workspace, what may be.
  const revoke = known
    ? had !== undefined && !isNoAccess(had.role)
    : isMember(context.index, entry?.user, model.workspaceId) &&
      !desired?.workspaceIds.includes(model.workspaceId);
  return revoke && entry ? 'revoke' : undefined;
}

/** The user's access in a model whose access is known (an export may list someone Anaplan has no user for). */
export function accessHad(
  context: UserPlanContext,
  entry: ObservedEntry | undefined,
  key: string,
  position: number,
): ModelAccess | undefined {
  return entry
    ? context.observed.accessOf(entry, position)
    : context.observed.accessOfUnknownUser(key, position);
}

/** Whether the user is in this managed workspace now. */
function isMember(
  index: TargetIndex,
  current: ObservedEntry['user'] | undefined,
  workspaceId: string,
): boolean {
  return (
    current !== undefined && index.workspacesById.has(workspaceId) && current.workspaces.includes(workspaceId)
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
