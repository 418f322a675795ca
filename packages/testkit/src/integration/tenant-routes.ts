import type { SimUser, SimWorkspace } from '../state.js';
import { isTenantAdmin, isWorkspaceAdmin, isWorkspaceMember } from './access.js';
import type { IntegrationApi } from './api.js';
import { ApiFailure, pageOf, schemaUrl, sendEnvelope, strictSort } from './envelope.js';

/**
 * The undocumented `s` filter: for Tenant Admins only (ignored for others), case-insensitive "contains" over the
 * given fields, with SQL-like `%` and `_` wildcards.
 */
export function searchFilter<T>(items: T[], url: URL, caller: SimUser, fields: ((item: T) => string)[]): T[] {
  const pattern = url.searchParams.get('s');
  if (pattern === null || pattern === '' || !isTenantAdmin(caller)) return items;
  const source = pattern
    .split('')
    .map((character) =>
      character === '%' ? '.*' : character === '_' ? '.' : character.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  const expression = new RegExp(source, 'i');
  return items.filter((item) => fields.some((field) => expression.test(field(item))));
}

/** A date-time as the Integration API writes it: `2017-09-07T08:05:37.000+0000` (a `users/me` example). */
export function anaplanDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/Z$/, '+0000');
}

/** Registers `/users/me`, `/users`, `/users/{id}`, `/workspaces`, `/workspaces/{id}` and its `/admins`. */
export function registerTenantRoutes(api: IntegrationApi): void {
  const { context, store } = api;
  const state = context.state;
  const userJson = (user: SimUser) => {
    const json: Record<string, unknown> = {
      id: user.id,
      active: user.active,
      email: user.userName,
      emailOptIn: false,
      firstName: user.givenName,
      lastName: user.familyName,
      customerId: store.customerId,
    };
    if (user.lastLoginAt !== undefined) json['lastLoginDate'] = anaplanDateTime(user.lastLoginAt);
    else if (state.switches.neverLoggedInDate === 'null') json['lastLoginDate'] = null;
    return json;
  };
  const workspaceJson = (workspace: SimWorkspace, details: boolean) => {
    const json: Record<string, unknown> = {
      id: workspace.id,
      name: workspace.name,
      active: workspace.active,
      sizeAllowance: workspace.sizeAllowance,
    };
    if (details) {
      const models = [...state.models.values()].filter((model) => model.workspaceId === workspace.id);
      json['currentSize'] = models.length * 10_485_760;
    }
    return json;
  };

  api.on('GET', '/2/0/users/me', (route) => {
    const user = api.caller(route);
    sendEnvelope(route, schemaUrl(context, 'user'), { user: userJson(user) });
  });

  api.on('GET', '/2/0/users', (route) => {
    const caller = api.caller(route);
    let users = searchFilter([...state.users.values()], route.url, caller, [
      (user) => user.userName,
      (user) => `${user.givenName} ${user.familyName}`,
      (user) => user.id,
    ]);
    users = strictSort(users, route.url, {
      firstName: (user) => user.givenName,
      lastName: (user) => user.familyName,
      email: (user) => user.userName,
      active: (user) => user.active,
      // Live-probed as sortable. Who never logged in sorts before every date (live order of those is unknown).
      lastLoginDate: (user) => user.lastLoginAt ?? Number.NEGATIVE_INFINITY,
    });
    const { items, paging } = pageOf(users, route, context);
    sendEnvelope(route, schemaUrl(context, 'user'), { users: items.map(userJson) }, paging);
  });

  api.on('GET', '/2/0/users/:userId', (route) => {
    api.caller(route);
    const user = state.users.get(route.params['userId'] ?? '');
    if (!user) throw new ApiFailure(404, 'Not Found');
    sendEnvelope(route, schemaUrl(context, 'user'), { user: userJson(user) });
  });

  api.on('GET', '/2/0/workspaces', (route) => {
    const caller = api.caller(route);
    const details = route.url.searchParams.get('tenantDetails') === 'true';
    let workspaces = [...state.workspaces.values()].filter(
      (workspace) => isTenantAdmin(caller) || isWorkspaceMember(state, caller, workspace.id),
    );
    workspaces = searchFilter(workspaces, route.url, caller, [
      (workspace) => workspace.name,
      (workspace) => workspace.id,
    ]);
    workspaces = strictSort(workspaces, route.url, {
      name: (workspace) => workspace.name,
      sizeAllowance: (workspace) => workspace.sizeAllowance,
    });
    const { items, paging } = pageOf(workspaces, route, context);
    sendEnvelope(
      route,
      schemaUrl(context, 'workspace'),
      { workspaces: items.map((workspace) => workspaceJson(workspace, details)) },
      paging,
    );
  });

  api.on('GET', '/2/0/workspaces/:workspaceId', (route) => {
    const caller = api.caller(route);
    const workspace = state.workspaces.get(route.params['workspaceId'] ?? '');
    // Live probes: 404 even for members who are not Workspace Administrators.
    if (!workspace || !(isTenantAdmin(caller) || isWorkspaceAdmin(state, caller, workspace.id)))
      throw new ApiFailure(404, 'Resource not found');
    const details = route.url.searchParams.get('tenantDetails') === 'true';
    sendEnvelope(route, schemaUrl(context, 'workspace'), { workspace: workspaceJson(workspace, details) });
  });

  api.on('GET', '/2/0/workspaces/:workspaceId/admins', (route) => {
    const caller = api.caller(route);
    const workspace = state.workspaces.get(route.params['workspaceId'] ?? '');
    if (!workspace) throw new ApiFailure(404, 'Not Found');
    // Live probes: a caller without the tenant-level privilege gets 500, not 403.
    if (!caller.roles.some((role) => role === 'USER_ADMIN' || role === 'TENANT_ADMIN'))
      throw new ApiFailure(500, 'Internal Server Error');
    const admins = workspace.admins.flatMap((id) => {
      const user = state.users.get(id);
      if (!user) return [];
      const otherWorkspaces = [...state.workspaces.values()]
        .filter((other) => other.id !== workspace.id && other.admins.includes(id))
        .map((other) => other.name);
      return [
        {
          firstName: user.givenName,
          lastName: user.familyName,
          email: user.userName,
          active: user.active,
          otherWorkspaces,
        },
      ];
    });
    const { items, paging } = pageOf(admins, route, context);
    sendEnvelope(route, schemaUrl(context, 'admin'), { admins: items }, paging);
  });
}
