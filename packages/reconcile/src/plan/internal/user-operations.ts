// Tests: ./user-decision.test.ts, ../plan.test.ts

import { compareText } from '../../internal/compare-text.js';
import { isNoAccess, noAccess } from '../../internal/model-access.js';
import type { UserFields } from '../../target/access-target.js';
import type { ModelAccess, ObservedModel } from '../../target/observed-state.js';
import type { Operation, OperationKind } from '../operations.js';
import type { ObservedEntry } from './observed-index.js';
import type { ResolvedUser } from './resolve-desired.js';
import type { UserDecision } from './user-decision.js';
import type { UserPlanContext } from './user-plan-context.js';
import { importedAccess } from './workspace-admin.js';

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

/** The id of an operation: `<kind>:<user key>` or `<kind>:<user key>:<suffix>`. */
export function operationId(kind: OperationKind, key: string, suffix = ''): string {
  return suffix ? `${kind}:${key}:${suffix}` : `${kind}:${key}`;
}

/**
 * Appends the operations that carry out one user's {@link UserDecision} to `out`, each after what it depends on:
 * create, update, reactivate, workspace grants, model access, Workspace Administrator by hand, deactivate, workspace
 * revocations. For a protected user nothing is appended; a warning finding says what was not planned.
 */
export function userOperations(context: UserPlanContext, decision: UserDecision, out: Operation[]): void {
  const { desired, entry } = decision;
  const current = entry?.user;
  // A user Anaplan has is named as Anaplan spells them: the source may spell the same login in another case or
  // Unicode form, which an import matching e-mails as text would take for someone else.
  const userName = current?.userName ?? desired?.user.userName ?? '';
  const subject: Subject = { key: decision.key, userName, userId: current?.id };
  const start = out.length;

  if (desired && !current) out.push(createOperation(subject, desired));
  if (desired && current) userFieldOperations(context, subject, decision, desired, current, out);
  for (const workspaceId of decision.grants)
    out.push({
      kind: 'workspace.grant',
      ...base(subject, 'workspace.grant', workspaceId, [], 'the source gives this workspace'),
      workspaceId,
      workspaceName: context.index.workspacesById.get(workspaceId)?.name ?? workspaceId,
      before: { member: false },
      after: { member: true },
    });
  for (const change of decision.models) out.push(modelOperation(context, subject, decision, change));
  if (desired) workspaceAdminOperations(context, subject, decision, out, start);
  if (current) exitOperations(context, subject, decision, out, start);

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

/** The creation of a user Anaplan does not have, with their first workspaces. */
function createOperation(subject: Subject, desired: ResolvedUser): Operation {
  const after: UserFields & { workspaces: string[] } = {
    givenName: desired.user.givenName,
    familyName: desired.user.familyName,
    active: desired.user.active,
    externalId: desired.user.externalId,
    workspaces: [...desired.workspaceIds].sort(compareText),
  };
  return {
    kind: 'user.create',
    ...base(subject, 'user.create', '', [], 'listed in the source, not in Anaplan'),
    before: null,
    after,
  };
}

/** Names, externalId and reactivation of a user who exists and stays. */
function userFieldOperations(
  context: UserPlanContext,
  subject: Subject,
  decision: UserDecision,
  desired: ResolvedUser,
  current: ObservedEntry['user'],
  out: Operation[],
): void {
  const { user } = desired;
  const names = context.policy.updateNames;
  if (decision.updateFields) {
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
  if (decision.reactivate)
    out.push({
      kind: 'user.reactivate',
      ...base(subject, 'user.reactivate', '', [], 'active in the source'),
      before: { active: false },
      after: { active: true },
    });
}

/** The `model.access.set` or `model.access.revoke` of one model change. */
function modelOperation(
  context: UserPlanContext,
  subject: Subject,
  decision: UserDecision,
  { position, change, had }: UserDecision['models'][number],
): Operation {
  const { desired, entry } = decision;
  const model = context.index.models[position] as ObservedModel;
  const known = model.access === 'known';
  const fields = {
    workspaceId: model.workspaceId,
    modelId: model.modelId,
    modelName: model.name,
    givenName: desired?.user.givenName ?? entry?.user.givenName ?? '',
    familyName: desired?.user.familyName ?? entry?.user.familyName ?? '',
  };
  if (change === 'revoke')
    return {
      kind: 'model.access.revoke',
      ...base(
        subject,
        'model.access.revoke',
        model.modelId,
        [],
        desired ? 'the source gives no access to this model' : 'no longer in the source',
      ),
      ...fields,
      before: had ?? 'unknown',
      after: noAccess(),
    };
  const dependsOn = decision.grants.includes(model.workspaceId)
    ? [operationId('workspace.grant', subject.key, model.workspaceId)]
    : [];
  if (!entry) dependsOn.unshift(operationId('user.create', subject.key));
  return {
    kind: 'model.access.set',
    ...base(
      subject,
      'model.access.set',
      model.modelId,
      dependsOn,
      known ? 'access differs from the source' : 'current access unknown; imported in full',
    ),
    ...fields,
    before: known ? (had && !isNoAccess(had.role) ? had : null) : 'unknown',
    after: importedAccess(model, desired?.access[position] as ModelAccess, had),
  };
}

/**
 * A `manual` operation per workspace whose Workspace Administrator flag the source wants otherwise and no import of
 * the plan sets (see `workspaceAdminChanges`): a person ticks or clears the checkbox in the model's Users pane. It
 * follows what must happen first (the user's creation, the workspace grant, their addition to its models).
 */
function workspaceAdminOperations(
  context: UserPlanContext,
  subject: Subject,
  decision: UserDecision,
  out: Operation[],
  start: number,
): void {
  for (const { workspaceId, position, before, after } of decision.workspaceAdmin) {
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
  }
}

/**
 * Deactivation and workspace revocations of a user who exists. `start` is where this user's operations begin in
 * `out`.
 */
function exitOperations(
  context: UserPlanContext,
  subject: Subject,
  decision: UserDecision,
  out: Operation[],
  start: number,
): void {
  const leaving = !decision.desired;
  if (decision.deactivate)
    out.push({
      kind: 'user.deactivate',
      ...base(
        subject,
        'user.deactivate',
        '',
        [],
        leaving ? 'no longer in the source and left with no workspace' : 'inactive in the source',
      ),
      before: { active: true },
      after: { active: false },
    });
  for (const workspaceId of decision.revokes) {
    // Model access in the workspace goes first: if taking it away fails, the user keeps the workspace and stays
    // in scope, so the next run tries again instead of leaving model access behind out of sight. For the same
    // reason a leaver is deactivated before losing their last managed workspace: the other way round, a run cut
    // short in between would leave an active user outside every managed workspace, where no later run looks.
    const dependsOn = out
      .slice(start)
      .filter(
        (operation) =>
          (operation.kind === 'model.access.revoke' && operation.workspaceId === workspaceId) ||
          (operation.kind === 'user.deactivate' && leaving),
      )
      .map((operation) => operation.id);
    out.push({
      kind: 'workspace.revoke',
      ...base(
        subject,
        'workspace.revoke',
        workspaceId,
        dependsOn,
        leaving ? 'no longer in the source' : 'the source does not give this workspace',
      ),
      workspaceId,
      workspaceName: context.index.workspacesById.get(workspaceId)?.name ?? workspaceId,
      before: { member: true },
      after: { member: false },
    });
  }
}
