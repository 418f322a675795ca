// Tests: ./tenant-routes.test.ts, ./model-routes.test.ts

import { resolveCaller } from '../internal/caller.js';
import type { SimulatorContext } from '../internal/context.js';
import type { RouteContext } from '../internal/router.js';
import type { SimModel, SimUser, TenantState } from '../state.js';
import { ApiFailure } from './envelope.js';

const callerMessages = {
  missing: 'Authorization header is missing',
  malformed: 'Authorization header is not AnaplanAuthToken (or Bearer, where accepted)',
  invalid: 'The authentication token is invalid',
  expired: 'The authentication token has expired',
  inactive: 'The user is inactive',
} as const;

/**
 * The caller of an Integration API request (`AnaplanAuthToken`, or `Bearer` unless `switches.bearerAccepted.integration`
 * is off); 401 when the token is missing or bad.
 */
export function authenticate(route: RouteContext, context: SimulatorContext): SimUser {
  const authorization = route.request.headers.authorization;
  const scheme = authorization?.split(' ')[0];
  const bearer = context.state.switches.bearerAccepted.integration;
  if (authorization !== undefined && scheme !== 'AnaplanAuthToken' && !(bearer && scheme === 'Bearer'))
    throw new ApiFailure(401, callerMessages.malformed);
  const caller = resolveCaller(context.state, authorization, { bearer, now: context.now() });
  if (!caller.ok) throw new ApiFailure(401, callerMessages[caller.reason]);
  return caller.user;
}

/** Tenant roles that see every workspace. */
export function isTenantAdmin(user: SimUser): boolean {
  return user.roles.includes('TENANT_ADMIN');
}

/** Whether the user administers the workspace (per the workspace's admin list). */
export function isWorkspaceAdmin(state: TenantState, user: SimUser, workspaceId: string): boolean {
  return state.workspaces.get(workspaceId)?.admins.includes(user.id) ?? false;
}

/** Whether the user belongs to (or administers) the workspace. */
export function isWorkspaceMember(state: TenantState, user: SimUser, workspaceId: string): boolean {
  return user.workspaces.includes(workspaceId) || isWorkspaceAdmin(state, user, workspaceId);
}

/** The user's row in the model's Users list, if any. */
export function modelUserOf(model: SimModel, user: SimUser) {
  return model.users.get(user.userName.toLowerCase());
}

/** Workspace admins of the model's workspace (or flagged so in the model's Users list) may do everything. */
export function isModelAdmin(state: TenantState, user: SimUser, model: SimModel): boolean {
  return (
    isWorkspaceAdmin(state, user, model.workspaceId) || modelUserOf(model, user)?.workspaceAdmin === true
  );
}

/** Whether the user can open the model: a workspace admin, or a model role other than `No Access`. */
export function canOpenModel(state: TenantState, user: SimUser, model: SimModel): boolean {
  if (isModelAdmin(state, user, model)) return true;
  const role = modelUserOf(model, user)?.role;
  return role !== undefined && role !== 'No Access';
}

/** Whether `GET /models/{id}` shows the model: anyone in its Users list or its workspace (even with No Access). */
export function canSeeModel(state: TenantState, user: SimUser, model: SimModel): boolean {
  return modelUserOf(model, user) !== undefined || isWorkspaceMember(state, user, model.workspaceId);
}

/**
 * The model named by the route's `modelId` (and `workspaceId`, when present), for a model-scoped operation. 404 for
 * an unknown id, a workspace that does not hold the model, or a caller without access (Anaplan masks No Access as
 * 404, never 403).
 */
export function modelForOperation(route: RouteContext, context: SimulatorContext, user: SimUser): SimModel {
  const model = context.state.models.get(route.params['modelId'] ?? '');
  if (!model) throw new ApiFailure(404, 'Not Found');
  const workspaceId = route.params['workspaceId'];
  if (workspaceId !== undefined && workspaceId !== model.workspaceId) throw new ApiFailure(404, 'Not Found');
  if (!canOpenModel(context.state, user, model)) throw new ApiFailure(404, 'Not Found');
  return model;
}
