import type { Finding } from '../../findings.js';
import { compareText } from '../../internal/compare-text.js';
import { isNoAccess, noAccess } from '../../internal/model-access.js';
import type { UserFields } from '../../target/access-target.js';
import type { ModelAccess, ObservedModel } from '../../target/observed-state.js';
import type { Operation, OperationKind } from '../operations.js';
import type { ResolvedPolicy } from '../policy.js';
import type { ObservedEntry, ObservedIndex } from './observed-index.js';
import type { ResolvedUser, TargetIndex } from './resolve-desired.js';
import { accessHad, fieldsDiffer, modelChange } from './user-changes.js';
import { importedAccess, workspaceAdminChanges } from './workspace-admin.js';

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
  // A user Anaplan has is named as Anaplan spells them: the source may spell the same login in another case or
  // Unicode form, which an import matching e-mails as text would take for someone else.
  const userName = current?.userName ?? desired?.user.userName ?? '';
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
        after: importedAccess(model, desired?.access[position] as ModelAccess, had),
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

  if (desired) planWorkspaceAdmin(context, subject, desired, out, start);
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

/**
 * A `manual` operation per workspace whose Workspace Administrator flag the source wants otherwise and no import of
 * the plan sets (see `workspaceAdminChanges`): a person ticks or clears the checkbox in the model's Users pane. It
 * follows what must happen first (the user's creation, the workspace grant, their addition to its models).
 */
function planWorkspaceAdmin(
  context: UserPlanContext,
  subject: Subject,
  desired: ResolvedUser,
  out: Operation[],
  start: number,
): void {
  workspaceAdminChanges(context.index, desired, ({ workspaceId, position, before, after }) => {
    const model = context.index.models[position] as ObservedModel;
    const workspace = context.index.workspacesById.get(workspaceId)?.name ?? workspaceId;
    const dependsOn = out
      .slice(start)
      .filter(
        (operation) =>
          operation.kind === 'user.create' ||
          (operation.kind === 'workspace.grant' && operation.workspaceId === workspaceId) ||
          // Only a set that adds the user to a model of the workspace: one that changes access may be held back.
          (operation.kind === 'model.access.set' &&
            operation.workspaceId === workspaceId &&
            (operation.before === null || operation.before === 'unknown')),
      )
      .map((operation) => operation.id);
    out.push({
      kind: 'manual',
      id: `manual:${subject.key}:workspace-admin:${workspaceId}`,
      userName: subject.userName,
      userId: subject.userId,
      dependsOn,
      action: `${after ? 'Tick' : 'Clear'} Workspace Administrator for ${subject.userName} in model "${model.name}" by hand (the model's Users pane; it applies to the whole workspace "${workspace}"): a USERS import cannot set it`,
      reason: after
        ? `the source makes them a Workspace Administrator of "${workspace}"; Anaplan does not`
        : `the source does not make them a Workspace Administrator of "${workspace}"; Anaplan does`,
      before: { workspaceId, workspaceAdmin: before },
      after: { workspaceId, workspaceAdmin: after },
    });
  });
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
