// Tests: ./exception-routes.test.ts, ../audit/audit-recording.test.ts

import type { SimModel, SimModelUser, SimUser, SimWorkspace, TenantState } from '../state.js';

/**
 * Makes a user an SSO exception user of a workspace, or not. The status belongs to the workspace: its
 * `exceptionUsers` and the Single Sign-On box of the user's row in every model of the workspace change together
 * (a cleared box is an exception user).
 *
 * @returns whether anything changed
 */
export function setExceptionAccess(
  state: TenantState,
  workspace: SimWorkspace,
  user: SimUser,
  exception: boolean,
): boolean {
  const was = workspace.exceptionUsers.includes(user.id);
  if (exception && !was) workspace.exceptionUsers.push(user.id);
  if (!exception && was) workspace.exceptionUsers = workspace.exceptionUsers.filter((id) => id !== user.id);
  const key = user.userName.toLowerCase();
  for (const model of state.models.values()) {
    const row = model.workspaceId === workspace.id ? model.users.get(key) : undefined;
    if (row) row.sso = !exception;
  }
  return was !== exception;
}

/**
 * What a USERS import's Single Sign-On cell does to a row: in an SSO workspace it sets the workspace's exception
 * status ({@link setExceptionAccess}); elsewhere it only sets the box of this row.
 */
export function setModelSso(state: TenantState, model: SimModel, row: SimModelUser, sso: boolean): void {
  const workspace = state.workspaces.get(model.workspaceId);
  const user = state.findUserByName(row.email);
  if (workspace?.ssoEnabled && user) setExceptionAccess(state, workspace, user, !sso);
  row.sso = sso;
}
