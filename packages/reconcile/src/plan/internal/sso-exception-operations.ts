// Tests: test/e2e/sso-exceptions.e2e.test.ts

import { userNameKey } from '@anaplan-access/core';
import type { ObservedSsoExceptions, ObservedState, ObservedUser } from '../../target/observed-state.js';
import type { SsoExceptionOperation } from '../operations.js';
import type { ResolvedPolicy } from '../policy.js';

/**
 * The SSO exception operations of a plan: in each SSO workspace the target observed, assign the exception users
 * `policy.ssoExceptions` wants and unassign the others. Removals follow the trust rules: only where the exception
 * users were read (an unknown list plans nothing), never from a protected user (a break-glass account, the
 * integration account, a Workspace Administrator kept by the policy), never outside `policy.scope`. What is left
 * alone is said in `notes`.
 */
export function ssoExceptionOperations(
  observed: ObservedState,
  policy: ResolvedPolicy,
  protectedUsers: ReadonlySet<string>,
  notes: string[],
): SsoExceptionOperation[] {
  const wanted = policy.ssoExceptions;
  if (!wanted) return [];
  if (!observed.ssoExceptions) {
    notes.push(
      'policy.ssoExceptions is set, but the target does not read SSO exception users (anaplanTarget needs ssoExceptions): none planned.',
    );
    return [];
  }
  const users = new Map(observed.users.map((user) => [userNameKey(user.userName), user]));
  const integration = observed.integrationUser && userNameKey(observed.integrationUser);
  const operations: SsoExceptionOperation[] = [];
  for (const workspace of observed.ssoExceptions) {
    const name = `"${workspace.workspaceName}"`;
    if (workspace.users === 'unknown') {
      notes.push(
        `SSO exceptions in ${name} are unknown (${workspace.unknownReason ?? 'not read'}): none assigned or removed there.`,
      );
      continue;
    }
    const here = new Set([
      ...(wanted.workspaces.get(workspace.workspaceId) ?? []),
      ...(wanted.workspaces.get(workspace.workspaceName) ?? []),
    ]);
    const want = new Set([...wanted.everywhere, ...here]);
    const current = new Map(workspace.users.map((user) => [userNameKey(user.userName), user]));
    for (const key of want) {
      if (current.has(key)) continue;
      const user = users.get(key);
      const member = user?.workspaces.includes(workspace.workspaceId) === true;
      // `everywhere` means the SSO workspaces a user belongs to: elsewhere there is nothing to say.
      if (user && !member && !here.has(key)) continue;
      const why = !user
        ? 'is not a user of the tenant'
        : !member
          ? `is not a member of ${name}`
          : key === integration
            ? 'is the integration account, whose own status Anaplan does not let it change'
            : !policy.scope(user)
              ? 'is outside policy.scope'
              : undefined;
      if (!user || why !== undefined) {
        notes.push(`SSO exception for ${user?.userName ?? key} in ${name} not assigned: the user ${why}.`);
        continue;
      }
      operations.push(operation(workspace, user, true, observed));
    }
    for (const [key, user] of current) {
      if (want.has(key)) continue;
      if (protectedUsers.has(key)) {
        notes.push(`SSO exception of ${user.userName} in ${name} kept: the user is protected.`);
        continue;
      }
      const known = users.get(key);
      if (!policy.scope(known ?? { userName: user.userName })) continue;
      operations.push(operation(workspace, known ?? user, false, observed));
    }
  }
  return operations;
}

function operation(
  workspace: ObservedSsoExceptions,
  user: Pick<ObservedUser, 'id' | 'userName'>,
  exception: boolean,
  observed: ObservedState,
): SsoExceptionOperation {
  const kind = exception ? 'sso.exception.assign' : 'sso.exception.unassign';
  return {
    kind,
    id: `${kind}:${user.userName}:${workspace.workspaceId}`,
    userName: user.userName,
    userId: user.id,
    dependsOn: [],
    reason: exception
      ? 'policy.ssoExceptions names the user an SSO exception user here'
      : 'not an SSO exception user in policy.ssoExceptions: signs in through SSO',
    workspaceId: workspace.workspaceId,
    workspaceName: workspace.workspaceName,
    via: via(workspace, user.userName, observed),
    before: { exception: !exception },
    after: { exception },
  };
}

/** The API, or the USERS import of the workspace's model that has the user (else its first model). */
function via(
  workspace: ObservedSsoExceptions,
  userName: string,
  observed: ObservedState,
): SsoExceptionOperation['via'] {
  if (workspace.assignWith === 'api') return { kind: 'api' };
  const models = observed.models.filter((model) => model.workspaceId === workspace.workspaceId);
  const model = models.find((candidate) => candidate.users.has(userNameKey(userName))) ?? models[0];
  // The target checks that an SSO workspace on the import path has a model; a snapshot without one is planned
  // through the API, which then says what is missing.
  return model ? { kind: 'import', modelId: model.modelId, modelName: model.name } : { kind: 'api' };
}
