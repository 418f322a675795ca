// Tests: test/e2e/drift.e2e.test.ts

import type { AuditClient, AuditTime, AuditWatermark } from '@anaplan-access/audit';
import { type CallOptions, ConfigurationError, isNotFoundError, userNameKey } from '@anaplan-access/core';
import type { ScimClient } from '@anaplan-access/scim';
import { compareText } from '../internal/compare-text.js';
import type { DriftChange, DriftReport, DriftScope, DriftUser } from './drift-report.js';
import { describeEvent, type EventChange } from './internal/describe-event.js';

/**
 * Options of {@link detectDrift}.
 *
 * @example
 * ```ts
 * const options: DetectDriftOptions = { audit, since: watermark, integrationUser: 'svc@example.com', scope };
 * ```
 */
export interface DetectDriftOptions extends CallOptions {
  /** An Audit API client signed in as a Tenant Auditor. */
  audit: AuditClient;
  /** Where to start: a time, or the `watermark` of the previous report (nothing is reported twice). */
  since: AuditTime | AuditWatermark;
  /** Last moment read. @default now */
  until?: AuditTime | undefined;
  /**
   * The account the managed process runs as (its userName, or its user id): its own changes are not drift.
   * A userName is looked up among the scope's users, then through `scim`.
   */
  integrationUser: string;
  /** The managed workspaces, users and models: `await target.observe()` is one. */
  scope: DriftScope;
  /**
   * Reads the userNames of actors outside the scope (a Tenant Administrator), one `GET /Users/{id}` each. Without
   * it, such an actor is shown by id. @default none
   */
  scim?: ScimClient | undefined;
}

const optionKeys = new Set([
  'audit',
  'since',
  'until',
  'integrationUser',
  'scope',
  'scim',
  'signal',
  'timeoutMs',
]);
const userIdPattern = /^[0-9a-f]{32}$/;

/**
 * Lists the changes made to managed users by anyone other than the integration account since a time or the
 * previous report's watermark, grouped per user with actor and time: a Workspace Administrator setting a role in
 * a model, a second pipeline importing users, someone granting an SSO exception. It reads the Audit API's user
 * events (`user_activity`) and changes nothing. Pass the report to `plan({ drift })` to explain the operations that
 * undo these changes.
 *
 * What it cannot see: changes older than the Audit API keeps (30 days), and anything on a tenant without the Audit
 * feature (the API refuses: an error, never an empty report).
 *
 * @example
 * ```ts
 * const audit = new AuditClient({ auth: basicAuth({ username: auditor, password }) });
 * const report = await detectDrift({ audit, since: saved ?? Date.now() - 86_400_000,
 *   integrationUser: 'svc-anaplan@example.com', scope: await target.observe() });
 * for (const user of report.users)
 *   for (const change of user.changes) console.log(user.userName, change.actor, change.time, change.description);
 * saved = report.watermark;
 * ```
 * @throws {ConfigurationError} for an unknown or missing option, or an `integrationUser` userName that neither the
 *   scope nor `scim` knows (key `integrationUser`); the audit client's option errors (`since`, `until`).
 * @throws the Audit API's errors unchanged: `AuditRoleRequiredError` without the Tenant Auditor role, core's
 *   request errors (a tenant without the Audit feature), `IncompleteReadError`.
 */
export async function detectDrift(options: DetectDriftOptions): Promise<DriftReport> {
  const given = (typeof options === 'object' && options !== null ? options : {}) as DetectDriftOptions;
  for (const key of Object.keys(given))
    if (!optionKeys.has(key)) throw new ConfigurationError(key, `detectDrift: unknown option ${key}`);
  for (const key of ['audit', 'scope'] as const)
    if (typeof given[key] !== 'object' || given[key] === null)
      throw new ConfigurationError(key, `detectDrift: ${key} is required`);
  if (typeof given.integrationUser !== 'string' || given.integrationUser.trim() === '')
    throw new ConfigurationError(
      'integrationUser',
      'detectDrift: integrationUser (a userName or id) is required',
    );
  const { audit, scope, signal, scim } = given;
  const names = new Map(scope.users.map((user) => [user.id, user.userName]));
  const integrationId = await userIdOf(given.integrationUser.trim(), scope, scim, signal);
  const pull = audit.events.pull({
    since: given.since,
    until: given.until,
    type: 'user_activity',
    signal,
    timeoutMs: given.timeoutMs,
  });
  const managed = new Managed(scope);
  const found = new Map<string, { userName: string | undefined; changes: DriftChange[] }>();
  for await (const event of pull) {
    const actorId = event.userId ?? '(unknown)';
    if (actorId === integrationId) continue;
    const change = describeEvent(event);
    if (!change?.targetUserId || !managed.includes(change)) continue;
    const entry = found.get(change.targetUserId) ?? { userName: change.targetUserName, changes: [] };
    entry.changes.push({
      eventId: String(event.id),
      eventTypeId: event.eventTypeId,
      time: new Date(event.eventDate).toISOString(),
      actorId,
      actor: actorId,
      description: change.description,
      workspaceId: change.workspaceId,
      workspaceName: change.workspaceName ?? managed.workspaceName(change.workspaceId),
      modelId: change.modelId,
      modelName: change.modelName,
      attributes: change.attributes,
    });
    found.set(change.targetUserId, entry);
  }
  const actors = await actorNames(found, names, scim, signal);
  const users: DriftUser[] = [...found].map(([userId, entry]) => ({
    userId,
    userName: names.get(userId) ?? entry.userName ?? userId,
    changes: withoutGenericUpdates(entry.changes).map((change) => ({
      ...change,
      actor: actors.get(change.actorId) ?? change.actorId,
    })),
  }));
  users.sort((left, right) => compareText(left.userName.toLowerCase(), right.userName.toLowerCase()));
  return {
    from: new Date(pull.from).toISOString(),
    until: new Date(pull.until).toISOString(),
    integrationUser: given.integrationUser,
    users,
    changes: users.reduce((sum, user) => sum + user.changes.length, 0),
    watermark: pull.watermark as AuditWatermark,
  };
}

/** Which events concern the managed users and places. */
class Managed {
  readonly #workspaces: Map<string, string | undefined>;
  readonly #modelWorkspaces: Map<string, string>;
  readonly #users: Set<string>;

  constructor(scope: DriftScope) {
    this.#workspaces = new Map(scope.workspaces.map((workspace) => [workspace.id, workspace.name]));
    this.#modelWorkspaces = new Map((scope.models ?? []).map((model) => [model.modelId, model.workspaceId]));
    this.#users = new Set(
      scope.users
        .filter((user) => user.workspaces.some((id) => this.#workspaces.has(id)))
        .map((user) => user.id),
    );
  }

  /** An event naming a place counts when the place is managed; one naming none, when its user is. */
  includes(change: EventChange): boolean {
    if (change.workspaceId !== undefined) return this.#workspaces.has(change.workspaceId);
    if (change.modelId !== undefined) {
      const workspaceId = this.#modelWorkspaces.get(change.modelId);
      return workspaceId !== undefined && this.#workspaces.has(workspaceId);
    }
    return change.targetUserId !== undefined && this.#users.has(change.targetUserId);
  }

  workspaceName(id: string | undefined): string | undefined {
    return id === undefined ? undefined : this.#workspaces.get(id);
  }
}

/** The integration account's id: given as one, or looked up by userName in the scope, then through SCIM. */
async function userIdOf(
  integrationUser: string,
  scope: DriftScope,
  scim: ScimClient | undefined,
  signal: AbortSignal | undefined,
): Promise<string> {
  if (userIdPattern.test(integrationUser)) return integrationUser;
  const key = userNameKey(integrationUser);
  const known = scope.users.find((user) => userNameKey(user.userName) === key);
  if (known) return known.id;
  const found = scim ? await scim.users.findByUserName(integrationUser, { signal }) : undefined;
  if (found) return found.id;
  throw new ConfigurationError(
    'integrationUser',
    `detectDrift: integrationUser ${integrationUser} is not among the scope's users${scim ? ' nor in SCIM' : ''}: give its user id${scim ? '' : ', or scim to look it up'}`,
  );
}

/** The userNames of the actors: from the scope, else through SCIM (an actor SCIM does not know keeps its id). */
async function actorNames(
  found: ReadonlyMap<string, { changes: readonly DriftChange[] }>,
  names: ReadonlyMap<string, string>,
  scim: ScimClient | undefined,
  signal: AbortSignal | undefined,
): Promise<Map<string, string>> {
  const actors = new Map<string, string>();
  for (const { changes } of found.values())
    for (const { actorId } of changes) {
      if (actors.has(actorId)) continue;
      const name = names.get(actorId);
      if (name !== undefined || !scim || !userIdPattern.test(actorId)) {
        actors.set(actorId, name ?? actorId);
        continue;
      }
      try {
        actors.set(actorId, (await scim.users.get(actorId, { signal })).userName);
      } catch (error) {
        if (!isNotFoundError(error)) throw error;
        actors.set(actorId, actorId);
      }
    }
  return actors;
}

/** `USR-5` ("user updated") says nothing more when a specific event of the same edit (same actor and time) is there. */
function withoutGenericUpdates(changes: readonly DriftChange[]): DriftChange[] {
  const specific = new Set(
    changes
      .filter((change) => change.eventTypeId !== 'USR-5')
      .map((change) => `${change.actorId} ${change.time}`),
  );
  return changes.filter(
    (change) => change.eventTypeId !== 'USR-5' || !specific.has(`${change.actorId} ${change.time}`),
  );
}
