import type { Finding } from '../findings.js';
import type { ModelAccess, ObservedModel } from '../observed-state.js';
import type { Operation, OperationKind, UserFields } from '../operations.js';
import type { ResolvedPolicy } from '../policy.js';
import { sharedAccessKey } from './access-key.js';
import { compareText } from './assemble.js';
import { isNoAccess, noAccess, sameAccess } from './model-access.js';
import type { ObservedEntry, ObservedIndex } from './observed-index.js';
import type { ResolvedUser, TargetIndex } from './resolve-desired.js';

export interface UserPlanContext {
  policy: ResolvedPolicy;
  index: TargetIndex;
  observed: ObservedIndex;
  protectedUsers: Set<string>;
  findings: Finding[];
}

/** What every operation for one user shares. */
interface Subject {
  key: string;
  userName: string;
  userId: string | undefined;
}

function base(subject: Subject, kind: OperationKind, suffix: string, dependsOn: string[], reason: string) {
  return {
    id: operationId(kind, subject.key, suffix),
    userName: subject.userName,
    userId: subject.userId,
    dependsOn,
    reason,
  };
}

function operationId(kind: OperationKind, key: string, suffix = ''): string {
  return suffix ? `${kind}:${key}:${suffix}` : `${kind}:${key}`;
}

/**
 * Appends the operations for one user to `out`: `desired` undefined means the source no longer lists them
 * (deprovision), `current` undefined means Anaplan does not have them yet (create). A user whose access already
 * matches costs no allocation.
 */
export function planUser(
  context: UserPlanContext,
  desired: ResolvedUser | undefined,
  entry: ObservedEntry | undefined,
  out: Operation[],
): void {
  const current = entry?.user;
  const userName = desired?.user.userName ?? current?.userName ?? '';
  const subject: Subject = { key: desired?.key ?? entry?.key ?? '', userName, userId: current?.id };
  const start = out.length;
  const { index } = context;

  if (desired && !current) {
    const after: UserFields & { workspaces: string[] } = {
      givenName: desired.user.givenName,
      familyName: desired.user.familyName,
      active: desired.user.active,
      externalId: desired.user.externalId,
      workspaces: [...desired.workspaceIds].sort(compareText),
    };
    out.push({
      kind: 'user.create',
      ...base(subject, 'user.create', '', [], 'listed in the source, not in Anaplan'),
      before: null,
      after,
    });
  }
  let granted: string[] | undefined;
  if (desired && current) {
    planUserFields(context, subject, desired, current, out);
    // The desired workspaces are all managed ones.
    for (const workspaceId of desired.workspaceIds) {
      if (current.workspaces.includes(workspaceId)) continue;
      granted ??= [];
      granted.push(workspaceId);
    }
    for (const workspaceId of granted?.sort(compareText) ?? [])
      out.push({
        kind: 'workspace.grant',
        ...base(subject, 'workspace.grant', workspaceId, [], 'the source gives this workspace'),
        workspaceId,
        workspaceName: index.workspacesById.get(workspaceId)?.name ?? workspaceId,
        before: { member: false },
        after: { member: true },
      });
  }

  for (let position = 0; position < index.models.length; position += 1) {
    const change = modelChange(context, desired, entry, subject.key, position);
    if (change === undefined) continue;
    const model = index.models[position] as ObservedModel;
    const known = model.access === 'known';
    const had = known ? accessHad(context, entry, subject.key, position) : undefined;
    if (change === 'set') {
      const dependsOn = granted?.includes(model.workspaceId)
        ? [operationId('workspace.grant', subject.key, model.workspaceId)]
        : [];
      if (!current) dependsOn.unshift(operationId('user.create', subject.key));
      out.push({
        kind: 'model.access.set',
        ...base(
          subject,
          'model.access.set',
          model.modelId,
          dependsOn,
          known ? 'access differs from the source' : 'current access unknown; imported in full',
        ),
        ...modelFields(model, desired, current),
        before: known ? (had && !isNoAccess(had.role) ? had : null) : 'unknown',
        after: desired?.access[position] as ModelAccess,
      });
      continue;
    }
    out.push({
      kind: 'model.access.revoke',
      ...base(
        subject,
        'model.access.revoke',
        model.modelId,
        [],
        desired ? 'the source gives no access to this model' : 'no longer in the source',
      ),
      ...modelFields(model, desired, current),
      before: had ?? 'unknown',
      after: noAccess(),
    });
  }

  if (current) planUserExit(context, subject, desired, current, out, start);

  if (out.length > start && context.protectedUsers.has(subject.key)) {
    const skipped = out.splice(start);
    context.findings.push({
      kind: 'protected-user',
      severity: 'warning',
      message: `${userName} is protected: ${skipped.length} change(s) not planned (${[...new Set(skipped.map((operation) => operation.kind))].join(', ')})`,
      userName,
      refs: desired?.user.refs,
    });
  }
}

/** Names, externalId and reactivation of a user who exists and stays. */
function planUserFields(
  context: UserPlanContext,
  subject: Subject,
  desired: ResolvedUser,
  current: ObservedEntry['user'],
  out: Operation[],
): void {
  const { user } = desired;
  const names = context.policy.updateNames;
  if (fieldsDiffer(context, user, current)) {
    const before: Partial<UserFields> = {};
    const after: Partial<UserFields> = {};
    if (names && current.givenName !== user.givenName) {
      before.givenName = current.givenName;
      after.givenName = user.givenName;
    }
    if (names && current.familyName !== user.familyName) {
      before.familyName = current.familyName;
      after.familyName = user.familyName;
    }
    if (user.externalId !== undefined && current.externalId !== user.externalId) {
      before.externalId = current.externalId;
      after.externalId = user.externalId;
    }
    out.push({
      kind: 'user.update',
      ...base(subject, 'user.update', '', [], 'names or externalId differ from the source'),
      before,
      after,
    });
  }
  if (!current.active && user.active)
    out.push({
      kind: 'user.reactivate',
      ...base(subject, 'user.reactivate', '', [], 'active in the source'),
      before: { active: false },
      after: { active: true },
    });
}

/**
 * Deactivation and workspace revocations of a user who exists. `start` is where this user's operations begin in
 * `out`.
 */
function planUserExit(
  context: UserPlanContext,
  subject: Subject,
  desired: ResolvedUser | undefined,
  current: ObservedEntry['user'],
  out: Operation[],
  start: number,
): void {
  const { index, policy } = context;
  let revoked: string[] | undefined;
  for (const workspaceId of current.workspaces) {
    if (!index.workspacesById.has(workspaceId) || desired?.workspaceIds.includes(workspaceId)) continue;
    revoked ??= [];
    revoked.push(workspaceId);
  }
  const kept = current.workspaces.length - (revoked?.length ?? 0);
  const deactivate = desired
    ? current.active && !desired.user.active
    : current.active && policy.deprovision === 'deactivate' && kept === 0;
  if (deactivate)
    out.push({
      kind: 'user.deactivate',
      ...base(
        subject,
        'user.deactivate',
        '',
        [],
        desired ? 'inactive in the source' : 'no longer in the source and left with no workspace',
      ),
      before: { active: true },
      after: { active: false },
    });
  for (const workspaceId of revoked ? [...new Set(revoked)].sort(compareText) : []) {
    // Model access in the workspace goes first: if taking it away fails, the user keeps the workspace and stays
    // in scope, so the next run tries again instead of leaving model access behind out of sight. For the same
    // reason a leaver is deactivated before losing their last managed workspace: the other way round, a run cut
    // short in between would leave an active user outside every managed workspace, where no later run looks.
    const dependsOn = out
      .slice(start)
      .filter(
        (operation) =>
          (operation.kind === 'model.access.revoke' && operation.workspaceId === workspaceId) ||
          (operation.kind === 'user.deactivate' && !desired),
      )
      .map((operation) => operation.id);
    out.push({
      kind: 'workspace.revoke',
      ...base(
        subject,
        'workspace.revoke',
        workspaceId,
        dependsOn,
        desired ? 'the source does not give this workspace' : 'no longer in the source',
      ),
      workspaceId,
      workspaceName: index.workspacesById.get(workspaceId)?.name ?? workspaceId,
      before: { member: true },
      after: { member: false },
    });
  }
}

/**
 * Whether a user who exists and stays needs no operation at all: the usual case, answered without building
 * anything. Asks the same questions as {@link planUser}, through the same functions.
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
  return true;
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

/** What the plan does to the user's access in the model at `position`: set it, revoke it, or nothing. */
function modelChange(
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
function accessHad(
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

function modelFields(
  model: ObservedModel,
  desired: ResolvedUser | undefined,
  current: ObservedEntry['user'] | undefined,
) {
  return {
    workspaceId: model.workspaceId,
    modelId: model.modelId,
    modelName: model.name,
    givenName: desired?.user.givenName ?? current?.givenName ?? '',
    familyName: desired?.user.familyName ?? current?.familyName ?? '',
  };
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
