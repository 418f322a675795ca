import type { Finding } from '../findings.js';
import type { ModelAccess, ObservedState, ObservedUser } from '../observed-state.js';
import type { ModelAccessOperation, Operation, UserFields } from '../operations.js';
import type { ResolvedPolicy } from '../policy.js';
import { compareText } from './assemble.js';
import { isNoAccess, noAccess, noAccessRole, sameAccess } from './model-access.js';
import type { ResolvedUser, TargetIndex } from './resolve-desired.js';

export interface UserPlanContext {
  policy: ResolvedPolicy;
  index: TargetIndex;
  observed: ObservedState;
  protectedUsers: Set<string>;
  findings: Finding[];
}

/**
 * The operations for one user: `desired` undefined means the source no longer lists them (deprovision),
 * `current` undefined means Anaplan does not have them yet (create).
 */
export function planUser(
  context: UserPlanContext,
  desired: ResolvedUser | undefined,
  current: ObservedUser | undefined,
): Operation[] {
  const userName = desired?.user.userName ?? current?.userName ?? '';
  const key = userName.toLowerCase();
  const userId = current?.id;
  const operations: Operation[] = [];
  const base = (kind: string, suffix: string, dependsOn: string[], reason: string) => ({
    id: suffix ? `${kind}:${key}:${suffix}` : `${kind}:${key}`,
    userName,
    userId,
    dependsOn,
    reason,
  });
  const createId = `user.create:${key}`;
  const { index, policy } = context;
  const managedCurrent = new Set((current?.workspaces ?? []).filter((id) => index.workspacesById.has(id)));

  if (desired && !current) {
    const after: UserFields & { workspaces: string[] } = {
      givenName: desired.user.givenName,
      familyName: desired.user.familyName,
      active: desired.user.active,
      externalId: desired.user.externalId,
      workspaces: [...desired.workspaceIds].sort(compareText),
    };
    operations.push({
      kind: 'user.create',
      ...base('user.create', '', [], 'listed in the source, not in Anaplan'),
      before: null,
      after,
    });
  }

  if (desired && current) {
    const before: Partial<UserFields> = {};
    const after: Partial<UserFields> = {};
    if (context.policy.updateNames && current.givenName !== desired.user.givenName) {
      before.givenName = current.givenName;
      after.givenName = desired.user.givenName;
    }
    if (context.policy.updateNames && current.familyName !== desired.user.familyName) {
      before.familyName = current.familyName;
      after.familyName = desired.user.familyName;
    }
    if (desired.user.externalId !== undefined && current.externalId !== desired.user.externalId) {
      before.externalId = current.externalId;
      after.externalId = desired.user.externalId;
    }
    if (Object.keys(after).length > 0)
      operations.push({
        kind: 'user.update',
        ...base('user.update', '', [], 'names or externalId differ from the source'),
        before,
        after,
      });
    if (!current.active && desired.user.active)
      operations.push({
        kind: 'user.reactivate',
        ...base('user.reactivate', '', [], 'active in the source'),
        before: { active: false },
        after: { active: true },
      });
    for (const workspaceId of [...desired.workspaceIds].sort(compareText)) {
      if (managedCurrent.has(workspaceId)) continue;
      operations.push({
        kind: 'workspace.grant',
        ...base('workspace.grant', workspaceId, [], 'the source gives this workspace'),
        workspaceId,
        workspaceName: index.workspacesById.get(workspaceId)?.name ?? workspaceId,
        before: { member: false },
        after: { member: true },
      });
    }
  }

  // Model access, for every managed model.
  const grantIds = new Set(
    operations.filter((operation) => operation.kind === 'workspace.grant').map((operation) => operation.id),
  );
  for (const model of context.observed.models) {
    const wanted = desired?.models.get(model.modelId);
    const known = model.access === 'known';
    const had: ModelAccess | undefined = known ? (model.users[key] ?? noAccess()) : undefined;
    const memberOfModelWorkspace = managedCurrent.has(model.workspaceId);
    // Built only for an operation: most users' access to most models is unchanged.
    const dependsOn = () => [
      ...(desired && !current ? [createId] : []),
      ...[...grantIds].filter((id) => id.endsWith(`:${model.workspaceId}`)),
    ];
    const modelFields = () => ({
      workspaceId: model.workspaceId,
      modelId: model.modelId,
      modelName: model.name,
      givenName: desired?.user.givenName ?? current?.givenName ?? '',
      familyName: desired?.user.familyName ?? current?.familyName ?? '',
    });
    if (wanted && !isNoAccess(wanted.role)) {
      if (had && sameAccess(had, wanted, model.importsWorkspaceAdmin)) continue;
      const operation: ModelAccessOperation = {
        kind: 'model.access.set',
        ...base(
          'model.access.set',
          model.modelId,
          dependsOn(),
          known ? 'access differs from the source' : 'current access unknown; imported in full',
        ),
        ...modelFields(),
        before: known ? (had && !isNoAccess(had.role) ? had : null) : 'unknown',
        after: wanted,
      };
      operations.push(operation);
      continue;
    }
    // Not wanted in this model: revoke what is there (known) or, for a user losing the model's workspace, what may be.
    const revoke = known
      ? had !== undefined && !isNoAccess(had.role)
      : memberOfModelWorkspace && !desired?.workspaceIds.has(model.workspaceId);
    if (!revoke || !current) continue;
    operations.push({
      kind: 'model.access.revoke',
      ...base(
        'model.access.revoke',
        model.modelId,
        [],
        desired ? 'the source gives no access to this model' : 'no longer in the source',
      ),
      ...modelFields(),
      before: had ?? 'unknown',
      after: { ...noAccess(), role: noAccessRole },
    });
  }

  if (current) {
    const keep = desired?.workspaceIds ?? new Set<string>();
    const revoked = [...managedCurrent].sort(compareText).filter((workspaceId) => !keep.has(workspaceId));
    const leftWithNothing = current.workspaces.every((id) => revoked.includes(id));
    const deactivate = desired
      ? current.active && !desired.user.active
      : current.active && policy.deprovision === 'deactivate' && leftWithNothing;
    if (deactivate)
      operations.push({
        kind: 'user.deactivate',
        ...base(
          'user.deactivate',
          '',
          [],
          desired ? 'inactive in the source' : 'no longer in the source and left with no workspace',
        ),
        before: { active: true },
        after: { active: false },
      });
    for (const workspaceId of revoked) {
      // Model access in the workspace goes first: if taking it away fails, the user keeps the workspace and stays
      // in scope, so the next run tries again instead of leaving model access behind out of sight. For the same
      // reason a leaver is deactivated before losing their last managed workspace: the other way round, a run cut
      // short in between would leave an active user outside every managed workspace, where no later run looks.
      const dependsOn = operations
        .filter(
          (operation) =>
            (operation.kind === 'model.access.revoke' && operation.workspaceId === workspaceId) ||
            (operation.kind === 'user.deactivate' && !desired),
        )
        .map((operation) => operation.id);
      operations.push({
        kind: 'workspace.revoke',
        ...base(
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

  if (operations.length > 0 && context.protectedUsers.has(key)) {
    context.findings.push({
      kind: 'protected-user',
      severity: 'warning',
      message: `${userName} is protected: ${operations.length} change(s) not planned (${[...new Set(operations.map((operation) => operation.kind))].join(', ')})`,
      userName,
      refs: desired?.user.refs,
    });
    return [];
  }
  return operations;
}
