// Tests: ../anaplan-target.test.ts, test/e2e/state-shape.e2e.test.ts, test/trust/incomplete-listings.test.ts

import { type UsersImportColumns, usersImport } from '@anaplan-access/bulk';
import { ConfigurationError, IncompleteReadError, isApiError, userNameKey } from '@anaplan-access/core';
import { AccessInterner } from '../../access-interner.js';
import { compareText } from '../../internal/compare-text.js';
import { keyedByUserName } from '../../internal/in-order.js';
import type { AnaplanTargetModel, AnaplanTargetOptions } from '../anaplan-target-options.js';
import type {
  ModelAccess,
  ObservedModel,
  ObservedState,
  ObservedUser,
  ObservedWorkspace,
} from '../observed-state.js';
import { toObservedUser } from './observed-user.js';

/**
 * Reads everything a plan needs in parallel: the integration account, the managed workspaces (with their
 * administrators), every SCIM user, and each model's Users export where one is configured.
 */
export async function observeAnaplan(
  options: AnaplanTargetOptions,
  signal: AbortSignal | undefined,
  lastLogins = false,
): Promise<ObservedState> {
  const call = { signal };
  const { scim, integration } = options;
  const models = options.models ?? [];
  // Equal access and repeated ids are stored once (one string for a workspace id wherever it appears), and users
  // come sorted by userName: the planner compares and matches such states fastest.
  const interner = new AccessInterner();
  const workspaceIds = [
    ...new Set(
      [...options.workspaces, ...models.map((model) => model.workspaceId)].map((id) => interner.string(id)),
    ),
  ];

  const usersPromise = (async () => {
    const users: ObservedUser[] = [];
    for await (const user of scim.users.list(call)) {
      const observed = toObservedUser(user);
      observed.workspaces = observed.workspaces.map((id) => interner.string(id));
      users.push(observed);
    }
    return keyedByUserName(users.map((user) => ({ key: userNameKey(user.userName), user }))).map(
      ({ user }) => user,
    );
  })();
  const [me, workspaces, users, observedModels, logins] = await Promise.all([
    integration.users.me(call),
    Promise.all(workspaceIds.map((id) => observeWorkspace(options, id, signal))),
    usersPromise,
    Promise.all(models.map((model) => observeModel(options, model, interner, signal, usersPromise))),
    lastLogins ? readLastLogins(options, signal) : undefined,
  ]);
  if (logins instanceof Map)
    for (const user of users) {
      const login = logins.get(userNameKey(user.userName));
      if (login !== undefined) user.lastLogin = login;
    }
  return {
    observedAt: new Date().toISOString(),
    integrationUser: me.email,
    workspaces,
    users,
    models: observedModels,
    ...(typeof logins === 'string' ? { lastLoginsUnknownReason: logins } : {}),
  };
}

/**
 * Every tenant user's last login from the Integration API's `GET /users`, by userName key: an ISO time, or `null`
 * for a user who never logged in (Anaplan leaves the field out or sends `null`). A refusal (403, or 500 as live
 * tenants answer a caller without the privilege) gives the reason instead; other failures fail the observation.
 */
async function readLastLogins(
  options: AnaplanTargetOptions,
  signal: AbortSignal | undefined,
): Promise<Map<string, string | null> | string> {
  const logins = new Map<string, string | null>();
  try {
    for await (const user of options.integration.users.list({ signal })) {
      if (!user.email) continue;
      const raw = user.lastLoginDate;
      const time = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
      logins.set(
        userNameKey(user.email),
        typeof raw !== 'string' ? null : Number.isNaN(time) ? raw : new Date(time).toISOString(),
      );
    }
  } catch (error) {
    if (isApiError(error) && (error.status === 500 || error.status === 403))
      return `last logins unreadable (HTTP ${error.status} from GET /users): the integration account cannot list the tenant's users`;
    throw error;
  }
  return logins;
}

async function observeWorkspace(
  options: AnaplanTargetOptions,
  id: string,
  signal: AbortSignal | undefined,
): Promise<ObservedWorkspace> {
  const call = { signal };
  const [workspace, administrators] = await Promise.all([
    options.integration.workspaces.get(id, call),
    options.readWorkspaceAdministrators === false
      ? Promise.resolve('not read (the target has readWorkspaceAdministrators: false)')
      : options.integration.workspaces
          .admins(id, call)
          .toArray({ limit: Number.POSITIVE_INFINITY })
          .catch(unreadableAdministrators),
  ]);
  if (typeof administrators === 'string')
    return {
      id,
      name: workspace.name,
      administrators: 'unknown',
      administratorsUnknownReason: administrators,
    };
  // Administrators are protected: one that cannot be named would lose that protection, so the read fails instead.
  const unnamed = administrators.findIndex((admin) => (admin.email ?? '').trim() === '');
  if (unnamed >= 0)
    throw new IncompleteReadError({
      listing: `GET /workspaces/${id}/admins`,
      reason: 'missing-field',
      detail: `administrator ${unnamed + 1} of ${administrators.length} has no e-mail, so it cannot be protected`,
      seen: administrators.length,
    });
  return {
    id,
    name: workspace.name,
    administrators: administrators.map((admin) => admin.email ?? ''),
  };
}

/**
 * Why the administrators could not be read, for the answers Anaplan gives a caller without the privilege: 500 (as
 * live probes saw, after the client's retries) or 403. Anything else (a cut listing, a lost connection) fails the
 * observation.
 */
function unreadableAdministrators(error: unknown): string {
  if (isApiError(error) && (error.status === 500 || error.status === 403))
    return `administrators unreadable (HTTP ${error.status}): the integration account needs the User Admin role`;
  throw error;
}

async function observeModel(
  options: AnaplanTargetOptions,
  model: AnaplanTargetModel,
  interner: AccessInterner,
  signal: AbortSignal | undefined,
  users: Promise<ObservedUser[]>,
): Promise<ObservedModel> {
  const call = { signal };
  const client = options.integration.model(model.workspaceId, model.modelId);
  const name = model.name ?? (await options.integration.models.get(model.modelId, call)).name;
  const base = {
    workspaceId: interner.string(model.workspaceId),
    modelId: model.modelId,
    name,
    roles: model.roles,
    lists: model.lists,
    importsWorkspaceAdmin: model.usersImport.setsWorkspaceAdmin === true,
  };
  if (!model.usersExport)
    return {
      ...base,
      access: 'unknown',
      unknownReason: 'it has no Users export configured',
      users: new Map(),
    };
  // The export is streamed: its rows are folded into each user's access as they arrive, never held whole (a model
  // of many users has an export of hundreds of megabytes).
  const reader = usersImport.reader(model.usersExport.columns);
  let headers: string[] | undefined;
  for await (const cells of client.streamExport(model.usersExport.exportId, {
    ...call,
    wait: options.taskWait,
  })) {
    if (headers === undefined) {
      headers = Object.keys(cells);
      checkExportedColumns(name, model.usersExport.columns, headers);
    }
    reader.add(cells);
  }
  if (reader.records === 0) {
    // A workspace's members are users of each of its models: an export without a single row then proves nothing
    // (a filtered or broken export looks the same), and must not read as "nobody has access".
    const members = (await users).filter((user) => user.workspaces.includes(model.workspaceId)).length;
    if (members > 0)
      return {
        ...base,
        access: 'unknown',
        unknownReason: `its Users export has no rows although its workspace has ${members} member${members === 1 ? '' : 's'}`,
        users: new Map(),
      };
  }
  const rows: [string, ModelAccess][] = [];
  for (const row of reader.rows()) {
    const selectiveAccess: ModelAccess['selectiveAccess'] = {};
    for (const [list, items] of Object.entries(row.selectiveAccess ?? {}))
      selectiveAccess[list] = { read: [...(items.read ?? [])], write: [...(items.write ?? [])] };
    const access = {
      role: row.role,
      sso: row.sso,
      workspaceAdmin: row.workspaceAdmin ?? false,
      selectiveAccess,
    };
    rows.push([userNameKey(row.email), interner.access(access)]);
  }
  rows.sort((left, right) => compareText(left[0], right[0]));
  return { ...base, access: 'known', users: new Map(rows) };
}

/**
 * A mapped column the export lacks would read as "no role", "no SSO" or "no items" for everyone: the plan would
 * then keep re-importing, or never take selective access away. Refuse to guess. (An export without a row says
 * nothing about its columns: it is checked when it has rows.)
 */
function checkExportedColumns(name: string, columns: UsersImportColumns, headers: readonly string[]): void {
  const missing = exportedColumns(columns).filter((column) => !headers.includes(column));
  if (missing.length > 0)
    throw new ConfigurationError(
      'models.usersExport.columns',
      `anaplanTarget: the Users export of model "${name}" has no column ${missing.map((column) => `"${column}"`).join(', ')}; its current access cannot be read (the export has ${headers.map((column) => `"${column}"`).join(', ')})`,
    );
}

/** The columns a Users export must have to be read: e-mail and role always, the others where they are mapped. */
function exportedColumns(columns: UsersImportColumns): string[] {
  const names = [
    columns.email,
    columns.role ?? '(role: the mapping names no column)',
    columns.sso,
    columns.workspaceAdmin,
  ];
  for (const access of Object.values(columns.selectiveAccess ?? {})) names.push(access.read, access.write);
  return names.filter((name): name is string => name !== undefined);
}
