// Tests: ./audit-recording.test.ts

import type { SimulatorContext } from '../internal/context.js';
import type { SimModel, SimUser } from '../state.js';
import { targetOf } from './user-changes.js';

/** What a USERS import may change, as it was before the import ran. */
interface ImportScope {
  /** Each row of the model's Users list as JSON, by key. */
  readonly rows: Map<string, string>;
  readonly userIds: Set<string>;
  /** Users who belonged to the model's workspace. */
  readonly members: Set<string>;
  readonly admins: readonly string[];
  readonly exceptions: readonly string[];
}

function scopeOf(context: SimulatorContext, model: SimModel): ImportScope {
  const { state } = context;
  const workspace = state.workspaces.get(model.workspaceId);
  const users = [...state.users.values()];
  return {
    rows: new Map([...model.users].map(([key, row]) => [key, JSON.stringify(row)])),
    userIds: new Set(users.map((user) => user.id)),
    members: new Set(
      users.filter((user) => user.workspaces.includes(model.workspaceId)).map((user) => user.id),
    ),
    admins: [...(workspace?.admins ?? [])],
    exceptions: [...(workspace?.exceptionUsers ?? [])],
  };
}

/**
 * Runs a USERS import and records what it changed, as the user who ran it: `USR-50` ("Users updated from an
 * import") per row added or changed, `USR-1` and `USR-21` for tenant users it created or added to the workspace,
 * `USR-25` for Workspace Administrator flags and `USR-57`/`USR-58` for SSO exception status it set.
 */
export function auditedUsersImport<T>(
  context: SimulatorContext,
  actor: SimUser,
  model: SimModel,
  importAction: { id: string; name: string },
  run: () => T,
): T {
  const before = scopeOf(context, model);
  const outcome = run();
  const { state, audit } = context;
  const workspace = state.workspaces.get(model.workspaceId);
  const place = { workspaceId: model.workspaceId, workspaceName: workspace?.name };
  const record = (
    eventTypeId: Parameters<typeof audit.record>[0]['eventTypeId'],
    user: SimUser,
    attributes: Record<string, unknown> = {},
  ) =>
    audit.record({
      eventTypeId,
      actorId: actor.id,
      objectId: user.id,
      additionalAttributes: { ...targetOf(user), ...place, ...attributes },
    });
  for (const user of state.users.values()) {
    if (!before.userIds.has(user.id)) record('USR-1', user);
    if (!before.members.has(user.id) && user.workspaces.includes(model.workspaceId)) record('USR-21', user);
  }
  for (const [key, row] of model.users) {
    const user = state.findUserByName(row.email);
    if (!user || before.rows.get(key) === JSON.stringify(row)) continue;
    record('USR-50', user, {
      modelId: model.id,
      modelName: model.name,
      importId: importAction.id,
      importName: importAction.name,
      roleName: row.role,
    });
  }
  const changed = (earlier: readonly string[], now: readonly string[]) => ({
    added: now.filter((id) => !earlier.includes(id)),
    removed: earlier.filter((id) => !now.includes(id)),
  });
  const admins = changed(before.admins, workspace?.admins ?? []);
  const exceptions = changed(before.exceptions, workspace?.exceptionUsers ?? []);
  const each = (ids: string[], write: (user: SimUser) => void) => {
    for (const id of ids) {
      const user = state.users.get(id);
      if (user) write(user);
    }
  };
  each(admins.added, (user) => record('USR-25', user, { workspaceAdmin: true }));
  each(admins.removed, (user) => record('USR-25', user, { workspaceAdmin: false }));
  each(exceptions.added, (user) => record('USR-57', user));
  each(exceptions.removed, (user) => record('USR-58', user));
  return outcome;
}
