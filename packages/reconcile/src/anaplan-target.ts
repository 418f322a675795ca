import type { UsersImportRow } from '@anaplan-access/bulk';
import { ConfigurationError } from '@anaplan-access/core';
import { patch, workspaceEntitlements, workspaces as workspacesOf } from '@anaplan-access/scim';
import type {
  AccessTarget,
  ModelAccessEntry,
  ModelAccessResult,
  TargetCallOptions,
  WorkspaceWriteResult,
} from './access-target.js';
import {
  type AnaplanTargetOptions,
  AnaplanTargetOptionsSchema,
  taskWaitOption,
} from './anaplan-target-options.js';
import { importCsv } from './internal/import-csv.js';
import { knownRoles } from './internal/known-roles.js';
import { isNoAccess } from './internal/model-access.js';
import { observeAnaplan } from './internal/observe-anaplan.js';
import { toObservedUser } from './internal/observed-user.js';
import { preflight } from './internal/preflight.js';
import { removedItems } from './internal/selective-access-diff.js';
import type { ObservedState } from './observed-state.js';

/**
 * The Anaplan tenant as an {@link AccessTarget}: users and workspaces through SCIM, model access through each
 * model's USERS import (and, when configured, its Users export to observe it).
 *
 * `observe` starts with a preflight: every workspace and model must be readable (otherwise a `ConfigurationError`
 * names the entry, e.g. `workspaces[0]` or `models[2].modelId`), and each model's import and export must exist (a
 * `target-error` finding that blocks the plan names `models[i].usersImport.importId` otherwise), before any plan and
 * so any write exists. Import rows carry names only for users who may be new to the model; a row Anaplan loads with
 * a warning fails its operation.
 *
 * @example
 * ```ts
 * const scim = new ScimClient({ baseUrl: scimUrl, auth });
 * const integration = new IntegrationClient({ baseUrl: apiUrl, auth });
 * const target = anaplanTarget({ scim, integration, workspaces: [workspaceId], models: [model] });
 * const p = await plan({ desired, target });
 * ```
 * @throws {ConfigurationError} for unknown or invalid options; from `observe`, for a workspace or model that does
 *   not exist or that the integration account cannot read, naming its configuration entry.
 */
export function anaplanTarget(options: AnaplanTargetOptions): AccessTarget {
  const checked = AnaplanTargetOptionsSchema.safeParse(options);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const key =
      issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'options');
    throw new ConfigurationError(key, `anaplanTarget: ${key}: ${issue?.message ?? 'invalid'}`);
  }
  const { scim, integration } = options;
  const models = new Map((options.models ?? []).map((model) => [model.modelId, model]));
  // The workspaces each user held at the latest observation, kept up to date by this target's own writes: a grant
  // or revoke then takes one PATCH instead of a read and a PATCH. A user not seen since is read first, as before.
  const knownWorkspaces = new Map<string, readonly string[]>();
  const changeWorkspaces = async (
    kind: 'grant' | 'revoke',
    userId: string,
    ids: string[],
    call: TargetCallOptions | undefined,
  ): Promise<WorkspaceWriteResult> => {
    const known = knownWorkspaces.get(userId);
    const change = {
      ...signalOnly(call),
      throwOnFailure: false,
      ...(known ? { knownWorkspaces: known } : {}),
    };
    try {
      const result =
        kind === 'grant'
          ? await scim.users.grantWorkspaces(userId, ids, change)
          : await scim.users.revokeWorkspaces(userId, ids, change);
      knownWorkspaces.set(userId, workspacesOf(result.user));
      return { failed: result.failed.map(({ workspaceId, detail }) => ({ workspaceId, detail })) };
    } catch (error) {
      knownWorkspaces.delete(userId);
      throw error;
    }
  };

  return {
    async observe(call?: TargetCallOptions): Promise<ObservedState> {
      // Preflight first: a workspace or model that cannot be read is a ConfigurationError naming its entry, and a
      // missing import or export a plan-blocking finding, found before any plan (and so any write) exists.
      const checked = await preflight(options, call?.signal);
      const observed = await observeAnaplan(checked.options, call?.signal);
      observed.models = observed.models.map((model) => ({
        ...model,
        roles: knownRoles(models.get(model.modelId)?.roles, model),
      }));
      if (checked.findings.length > 0) observed.findings = checked.findings;
      knownWorkspaces.clear();
      for (const user of observed.users) knownWorkspaces.set(user.id, user.workspaces);
      return observed;
    },

    async findUser(userName, call) {
      const user = await scim.users.findByUserName(userName, call?.signal ? { signal: call.signal } : {});
      return user ? toObservedUser(user) : undefined;
    },

    async createUser(user, call) {
      const created = await scim.users.create(
        {
          userName: user.userName,
          name: { givenName: user.givenName, familyName: user.familyName },
          active: user.active,
          ...(user.externalId !== undefined ? { externalId: user.externalId } : {}),
          ...(user.workspaces.length > 0 ? { entitlements: workspaceEntitlements(user.workspaces) } : {}),
        },
        signalOnly(call),
      );
      // Anaplan saves user data and entitlements separately: what was not saved is reported, not assumed.
      knownWorkspaces.set(created.id, workspacesOf(created));
      const saved = new Set(workspacesOf(created));
      const failed = user.workspaces
        .filter((id) => !saved.has(id))
        .map((workspaceId) => ({ workspaceId, detail: 'not saved with the new user' }));
      return { id: created.id, failedWorkspaces: failed };
    },

    async updateUser(userId, fields, call) {
      const operations = [];
      if (fields.givenName !== undefined) operations.push(patch.replace('name.givenName', fields.givenName));
      if (fields.familyName !== undefined)
        operations.push(patch.replace('name.familyName', fields.familyName));
      if (fields.externalId !== undefined) operations.push(patch.replace('externalId', fields.externalId));
      if (fields.active !== undefined) operations.push(patch.replace('active', fields.active));
      if (operations.length > 0) await scim.users.patch(userId, operations, signalOnly(call));
    },

    async setActive(userId, active, call) {
      if (active) await scim.users.activate(userId, signalOnly(call));
      else await scim.users.deactivate(userId, signalOnly(call));
    },

    grantWorkspaces: (userId, ids, call) => changeWorkspaces('grant', userId, ids, call),
    revokeWorkspaces: (userId, ids, call) => changeWorkspaces('revoke', userId, ids, call),

    async importModelAccess(modelId, entries, call) {
      const model = models.get(modelId);
      if (!model) throw new ConfigurationError('models', `anaplanTarget: model ${modelId} is not configured`);
      const { columns, importId } = model.usersImport;
      const { csv, rejected } = importCsv(
        entries.map((entry) => toImportRow(entry)),
        model.usersImport,
      );
      if (csv === undefined) return { failed: rejected, warnings: new Map() };
      const result = await integration.model(model.workspaceId, model.modelId).runImport(importId, csv, {
        ...signalOnly(call),
        ...taskWaitOption(options),
        // Every failure row is kept: a dump has at most one row per line uploaded (and the lines are in memory).
        dump: { keepRows: lineCount(csv) },
      });
      const outcome: ModelAccessResult = { taskId: result.taskId, failed: rejected, warnings: new Map() };
      // A row Anaplan loads with a warning was not loaded as sent (an invalid role gives a new user No Access): the
      // user's access is not what the plan said, so the operation failed, with what to fix.
      const warned = new Map<string, string[]>();
      for (const failure of result.failures) {
        const key = (failure.row[columns.email] ?? '').trim().toLowerCase();
        const into = failure.status === 'error' ? outcome.failed : warned;
        into.set(key, [...(into.get(key) ?? []), ...failure.messages]);
      }
      for (const [key, messages] of warned)
        outcome.failed.set(key, [...(outcome.failed.get(key) ?? []), warningFailure(messages)]);
      // The dump had more rows than the result keeps: a row not among them may have failed too, so none is
      // reported as done.
      if (result.failuresTruncated)
        for (const entry of entries)
          if (!outcome.failed.has(entry.userName.toLowerCase()))
            outcome.failed.set(entry.userName.toLowerCase(), [
              `outcome unknown: the failure dump had more rows (${result.failureCounts.errors + result.failureCounts.warnings}) than were read into the result`,
            ]);
      if (!result.successful && result.failures.length === 0) {
        const reason = result.details
          .map((detail) => detail.localMessageText ?? detail.type)
          .filter(Boolean)
          .join('; ');
        for (const entry of entries)
          if (!rejected.has(entry.userName.toLowerCase()))
            outcome.failed.set(entry.userName.toLowerCase(), [`import failed: ${reason || 'no detail'}`]);
      }
      return outcome;
    },
  };
}

/** The failure of a row Anaplan loaded with warnings: its messages and what to do about them. */
function warningFailure(messages: readonly string[]): string {
  const text = messages.length > 0 ? messages.join('; ') : 'no detail';
  const fix = /\brole\b/i.test(text)
    ? "use a role that exists on the model's Roles tab (or add the role there)"
    : 'correct what the warning names in the source or the model';
  return `loaded with a warning, so the access is not as planned: ${text}. To fix: ${fix}, then run again.`;
}

/** The number of line breaks in `text`: at least its number of CSV records after the header. */
function lineCount(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}

function signalOnly(call: TargetCallOptions | undefined): { signal?: AbortSignal } {
  return call?.signal ? { signal: call.signal } : {};
}

function toImportRow(entry: ModelAccessEntry): UsersImportRow {
  const selectiveAccess: Record<string, { read: string[]; write: string[]; none?: string[] }> = {};
  const removed = removedItems(entry.previous, entry.access);
  const lists = new Set([...Object.keys(entry.access.selectiveAccess), ...Object.keys(removed)]);
  for (const list of lists) {
    const access = entry.access.selectiveAccess[list];
    selectiveAccess[list] = {
      read: access?.read ?? [],
      write: access?.write ?? [],
      ...(removed[list]?.length ? { none: removed[list] } : {}),
    };
  }
  // Names are needed only to add a user to the model: a user already in it keeps their name, and a row that takes
  // access away never carries one, so a placeholder name ("-", "=SUM(1)") cannot stop a revocation.
  const mayBeNew = entry.previous === null || entry.previous === 'unknown';
  return {
    email: entry.userName,
    ...(mayBeNew && !isNoAccess(entry.access.role)
      ? { firstName: entry.givenName, lastName: entry.familyName }
      : {}),
    role: entry.access.role,
    sso: entry.access.sso,
    // Written only where the import is declared to set it (importCsv).
    workspaceAdmin: entry.access.workspaceAdmin,
    selectiveAccess,
  };
}
