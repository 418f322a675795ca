// Tests: ./exception-routes.test.ts

import { AdminApiFailure, adminApiCaller } from '../audit/audit-caller.js';
import { targetOf } from '../audit/user-changes.js';
import type { SimulatorContext } from '../internal/context.js';
import { parseJsonBody, sendEmpty, sendJson } from '../internal/respond.js';
import type { RouteContext, Router } from '../internal/router.js';
import type { SimUser, SimWorkspace } from '../state.js';
import { setExceptionAccess } from './exception-access.js';

/** Where the simulated Exception Users API lives: the Administration API's base, below the simulator's URL. */
export const adminPathPrefix = '/admin/1/0';

/** The tenant role that may assign and unassign exception users. */
export const tenantSecurityAdminRole = 'TENANT_SECURITY_ADMIN';

const guidPattern = /^[0-9a-f]{32}$/;
const badRequest = (message: string) => new AdminApiFailure(400, 'FAILURE_BAD_REQUEST', message);
const notFound = (message: string) => new AdminApiFailure(404, 'FAILURE_NOT_FOUND', message);

function readBody(route: RouteContext): Record<string, unknown> {
  let body: unknown;
  try {
    body = parseJsonBody(route.body);
  } catch {
    throw badRequest('The request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('The request body must be an object');
  return body as Record<string, unknown>;
}

function guid(value: unknown, name: string): string {
  if (typeof value !== 'string' || !guidPattern.test(value))
    throw badRequest(`${name} is missing or invalid`);
  return value;
}

/** Whether the caller sees the workspace: tenant-wide roles see all, everyone else their own workspaces. */
function visible(caller: SimUser, workspace: SimWorkspace): boolean {
  return (
    caller.roles.includes('TENANT_ADMIN') ||
    caller.roles.includes(tenantSecurityAdminRole) ||
    caller.workspaces.includes(workspace.id) ||
    workspace.admins.includes(caller.id)
  );
}

/**
 * Registers the Exception Users API under `/admin/1/0/permissions/exception-users`: `POST /search` by
 * `workspaceGuid` (every exception user of the workspace, visitors included) or by `userGuid` (the workspaces where
 * the user is a member and an exception user), for any user, bounded by the workspaces they see; and
 * `PATCH /users/{userGuid}` with `{ op: assign | unassign, workspaceGuid }` for a Tenant Security Admin, never on
 * their own account, in an SSO workspace only. `AnaplanAuthToken` or `AnaplanApiKey`; `Bearer` is 400
 * `FAILURE_BAD_HEADER`. A change records `USR-57`/`USR-58`.
 */
export function registerExceptionUserRoutes(router: Router, context: SimulatorContext): void {
  const { state } = context;
  const base = `${adminPathPrefix}/permissions/exception-users`;
  const answer = (handler: (route: RouteContext, caller: SimUser) => void) => (route: RouteContext) => {
    try {
      const badHeader = new AdminApiFailure(
        400,
        'FAILURE_BAD_HEADER',
        'Request header invalid, token or apikey or Oauth service-to-service token is required',
      );
      handler(route, adminApiCaller(context, route.request, badHeader, true));
    } catch (error) {
      if (!(error instanceof AdminApiFailure)) throw error;
      sendJson(route.response, error.httpStatus, { status: error.status, statusMessage: error.message });
    }
  };
  const workspaceOf = (id: string, caller: SimUser) => {
    const workspace = state.workspaces.get(id);
    if (!workspace || !visible(caller, workspace)) throw notFound(`Workspace ${id} not found`);
    return workspace;
  };
  const userOf = (id: string) => {
    const user = state.users.get(id);
    if (!user) throw notFound(`User ${id} not found`);
    return user;
  };
  const resultOf = (workspace: SimWorkspace, users: SimUser[]) => ({
    workspaceGuid: workspace.id,
    workspaceName: workspace.name,
    users: users.map((user) => ({ userGuid: user.id, email: user.userName })),
  });

  router.on(
    'POST',
    `${base}/search`,
    answer((route, caller) => {
      const body = readBody(route);
      const hasWorkspace = body['workspaceGuid'] !== undefined;
      if (hasWorkspace === (body['userGuid'] !== undefined))
        throw badRequest('Give exactly one of workspaceGuid and userGuid');
      if (hasWorkspace) {
        const workspace = workspaceOf(guid(body['workspaceGuid'], 'workspaceGuid'), caller);
        const users = workspace.exceptionUsers.flatMap((id) => state.users.get(id) ?? []);
        sendJson(route.response, 200, { response: [resultOf(workspace, users)] });
        return;
      }
      const user = userOf(guid(body['userGuid'], 'userGuid'));
      const workspaces = [...state.workspaces.values()].filter(
        (workspace) =>
          visible(caller, workspace) &&
          workspace.exceptionUsers.includes(user.id) &&
          user.workspaces.includes(workspace.id),
      );
      sendJson(route.response, 200, { response: workspaces.map((workspace) => resultOf(workspace, [user])) });
    }),
  );

  router.on(
    'PATCH',
    `${base}/users/:userGuid`,
    answer((route, caller) => {
      const body = readBody(route);
      const op = body['op'];
      if (op !== 'assign' && op !== 'unassign') throw badRequest('op must be "assign" or "unassign"');
      const workspaceId = guid(body['workspaceGuid'], 'workspaceGuid');
      if (!caller.roles.includes(tenantSecurityAdminRole))
        throw new AdminApiFailure(
          403,
          'FAILURE_UNAUTHORIZED_USER_ACTION',
          'Only a Tenant Security Admin can change exception users',
        );
      const userId = route.params['userGuid'] ?? '';
      if (userId === caller.id)
        throw new AdminApiFailure(
          403,
          'FAILURE_UNAUTHORIZED_USER_ACTION',
          'Users cannot change their own exception user status',
        );
      const user = userOf(userId);
      const workspace = workspaceOf(workspaceId, caller);
      if (!workspace.ssoEnabled) throw badRequest(`Workspace ${workspace.id} is not SSO enabled`);
      if (op === 'assign' && !user.workspaces.includes(workspace.id) && !workspace.admins.includes(user.id))
        throw badRequest(`The requested user is not found in the workspace ${workspace.id}`);
      if (setExceptionAccess(state, workspace, user, op === 'assign'))
        context.audit.record({
          eventTypeId: op === 'assign' ? 'USR-57' : 'USR-58',
          actorId: caller.id,
          objectId: user.id,
          additionalAttributes: {
            ...targetOf(user),
            workspaceId: workspace.id,
            workspaceName: workspace.name,
          },
        });
      sendEmpty(route.response, 204);
    }),
  );
}
