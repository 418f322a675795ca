import { ConfigurationError, userNameKey } from '@anaplan-access/core';
import type { AuditEntry, AuditSink, AuditSource } from '../apply/audit-entry.js';
import type { DesiredState } from '../desired/desired-state.js';
import { checkDesiredUsers } from '../desired/internal/check-desired-users.js';
import type { DriftReport } from '../drift/drift-report.js';
import { explainPlan } from '../drift/internal/explain-operations.js';
import type { Finding } from '../findings.js';
import { compareText } from '../internal/compare-text.js';
import type { ObserveOptions } from '../target/access-target.js';
import type { ObservedState } from '../target/observed-state.js';
import { administratorsOf, holdBack } from './internal/administrators.js';
import { appliedRemovals, checkDeletionGuard, countAccess } from './internal/deletion-guard.js';
import { fingerprintDesired, fingerprintObserved } from './internal/fingerprints.js';
import { planInactivity } from './internal/inactivity.js';
import { leaveOutLookalikes } from './internal/lookalikes.js';
import { ObservedIndex } from './internal/observed-index.js';
import { planDesiredUser } from './internal/plan-desired-user.js';
import { planDigest } from './internal/plan-digest.js';
import { unmatchedProtectedUsers } from './internal/protected-users.js';
import { type ResolvedUser, resolveDesiredUser, TargetIndex } from './internal/resolve-desired.js';
import { ssoExceptionOperations } from './internal/sso-exception-operations.js';
import { summarise } from './internal/summary.js';
import { decideUser } from './internal/user-decision.js';
import { userOperations } from './internal/user-operations.js';
import type { UserPlanContext } from './internal/user-plan-context.js';
import type { Operation } from './operations.js';
import { type Plan, planFormatVersion } from './plan-types.js';
import {
  type PlanPolicy,
  type ResolvedPolicy,
  recordPolicy,
  resolvePolicy,
  validatePolicy,
} from './policy.js';

/** Something that can report the observed state (see `anaplanTarget`). */
export interface ObservableTarget {
  /** Reads the current state of the tenant: users, workspaces and model access. */
  observe(options?: ObserveOptions): Promise<ObservedState>;
}

/** Input of {@link plan}. Give either `target` (observed now) or `observed` (a snapshot). */
export interface PlanInput {
  desired: DesiredState;
  target?: ObservableTarget | undefined;
  observed?: ObservedState | undefined;
  policy?: PlanPolicy | undefined;
  signal?: AbortSignal | undefined;
  /** The plan's `createdAt` clock (and the end of the deletion guard's window). @default () => new Date() */
  now?: (() => Date) | undefined;
  /**
   * Where applied changes were audited (for example `jsonLinesAuditLog(path)`): with `deletionGuard.window`, the
   * removals of access applied in the window are read from it and count against the guard. Required with a
   * window. @default none
   */
  audit?: AuditSource | AuditSink | undefined;
  /**
   * What `detectDrift` found: each operation that undoes an out-of-band change says so in its `drift` field
   * ("re-asserts Planner in "FP&A", changed by kim.admin@example.com at …"). Without it, operations have no `drift`.
   * @default none
   */
  drift?: DriftReport | undefined;
}

/**
 * Compares the desired state with what the target has and returns the changes as a {@link Plan}. It writes
 * nothing. Bad desired data never throws: it becomes findings, and the users concerned are left out. It never
 * refuses either (a blocked plan is returned with its findings; `apply` refuses it), so whatever it throws leaves
 * Anaplan as it was; the `@throws` below are in the order they can happen.
 *
 * @example
 * ```ts
 * const desired = await csvSource({ path: 'access.csv' }).load();
 * const p = await plan({ desired, target, policy: { protectedUsers: ['break-glass@example.com'] } });
 * console.log(renderPlan(p));
 * ```
 * @throws {ConfigurationError} before anything is read, when the policy has unknown keys or invalid values (`key`
 * names the field, e.g. `policy.deletionGuard.maxPercent`), neither `target` nor `observed` is given (`key` is
 * `target`), or `deletionGuard.window` is set without an `audit` that can be read back (`key` is `audit`).
 * @throws {AuditReadError} with `deletionGuard.window`, when the audit log cannot be read completely (a line that
 * is not an entry, an unreadable file); `path` and `line` name it.
 * @throws whatever `target.observe()` throws, unchanged (nothing is observed when `observed` is given). For
 * `anaplanTarget`: a {@link ConfigurationError} when a configured workspace or model cannot be read (404 or 403;
 * `key` names the entry, e.g. `models[0].modelId`), or a model is in another workspace than configured, or its Users
 * export lacks a mapped column; an `IncompleteReadError` when a listing ends short or an administrator has no
 * e-mail, a `PaginationError` when the server pages in a loop; the SDK's request errors after the client's retries
 * (an `ApiError` subclass such as `AuthenticationError` or `ServerError`, `ConnectionError`, `TimeoutError`,
 * `ResponseValidationError`); and the bulk client's errors when a model's Users export fails (`TaskFailedError`,
 * `TaskTimeoutError`, `DownloadTooLargeError` …).
 * Administrators that cannot be read (403 or 500) are not an error: the workspace's administrators become unknown.
 * @throws `AbortError` (or the signal's reason) when `signal` aborts while the audit log or the target is read.
 * @throws {ConfigurationError} while planning, when `policy.scope` returns something other than `true` or `false`
 * (`key` is `policy.scope`; the message names the user); an error `policy.scope` throws is passed on as it is.
 * @group Plan and apply
 */
export async function plan(input: PlanInput): Promise<Plan> {
  validatePolicy(input.policy);
  if (!input.observed && !input.target)
    throw new ConfigurationError('target', 'plan: give `target` (observed now) or `observed` (a snapshot)');
  const now = input.now ?? (() => new Date());
  const recent = await readWindow(resolvePolicy(input.policy), input.audit, now(), input.signal);
  const observed =
    input.observed ??
    (await input.target?.observe({
      signal: input.signal,
      lastLogins: input.policy?.inactivity !== undefined,
    }));
  const made = planFrom(input.desired, observed as ObservedState, input.policy, now, recent);
  return input.drift ? explainPlan(made, input.drift) : made;
}

/** The audit entries of the deletion guard's window, when the policy has one. */
async function readWindow(
  policy: ResolvedPolicy,
  audit: PlanInput['audit'],
  end: Date,
  signal: AbortSignal | undefined,
): Promise<AuditEntry[] | undefined> {
  if (policy.windowHours === undefined) return undefined;
  if (!audit?.read)
    throw new ConfigurationError(
      'audit',
      'plan: policy.deletionGuard.window needs `audit`, a log it can read back (e.g. jsonLinesAuditLog(path)), to count the removals already applied',
    );
  const entries: AuditEntry[] = [];
  for await (const entry of audit.read({ since: windowStart(end, policy.windowHours), signal }))
    entries.push(entry);
  return entries;
}

function windowStart(end: Date, hours: number): Date {
  return new Date(end.getTime() - hours * 3_600_000);
}

/**
 * The pure core of {@link plan}: the same result for the same inputs (except `createdAt`). Useful in tests and to
 * plan against a saved observation.
 *
 * @example
 * ```ts
 * const observed = await target.observe();
 * const p = planFrom(desired, observed, { protectedUsers: ['break-glass@example.com'] });
 * ```
 * @param recent - with `deletionGuard.window`: the audit entries of the window (`plan` reads them from `audit`).
 * @throws {ConfigurationError} when the policy has unknown keys or invalid values (`key` names the field, e.g.
 * `policy.deletionGuard.maxPercent`), `deletionGuard.window` is set without `recent`, or `policy.scope` returns
 * something other than a boolean (`key` is `policy.scope`; the message names the user).
 * @group Plan and apply
 */
export function planFrom(
  desired: DesiredState,
  observed: ObservedState,
  policyInput: PlanPolicy = {},
  now: () => Date = () => new Date(),
  recent?: readonly AuditEntry[],
): Plan {
  validatePolicy(policyInput);
  const policy = resolvePolicy(policyInput);
  const createdAt = now();
  if (policy.windowHours !== undefined && !recent)
    throw new ConfigurationError(
      'policy.deletionGuard.window',
      'planFrom: policy.deletionGuard.window needs the audit entries of the window (`recent`); plan({ audit }) reads them',
    );
  const index = new TargetIndex(observed);
  const findings: Finding[] = [...desired.findings, ...(observed.findings ?? [])];
  const notes: string[] = [];

  const protectedUsers = new Set(policy.protectedUsers);
  if (observed.integrationUser) protectedUsers.add(userNameKey(observed.integrationUser));
  const administrators = administratorsOf(observed, policy, findings);
  for (const admin of administrators.protected) protectedUsers.add(admin);
  for (const model of observed.models) {
    if (model.access === 'unknown')
      notes.push(
        `Model "${model.name}": its current access is unknown (${model.unknownReason ?? 'it has no Users export configured'}), so every desired row for it is imported in full and access to it is revoked only from users leaving its workspace.`,
      );
  }

  const observedIndex = new ObservedIndex(observed.users, observed.models);
  const context: UserPlanContext = { policy, index, observed: observedIndex, protectedUsers, findings };
  const operations: Operation[] = [];
  findings.push(...unmatchedProtectedUsers(policyInput.protectedUsers, observedIndex));
  const checked = checkDesiredUsers(desired.users);
  findings.push(...checked.findings);
  const usable = leaveOutLookalikes(checked.usable, observedIndex, findings);
  // A user the source names but whose rows are in error is left exactly as Anaplan has them: an error in one of
  // their rows must never read as "no longer in the source" and deprovision them.
  for (const finding of findings)
    if (finding.severity === 'error' && finding.userName !== undefined)
      observedIndex.markHandled(userNameKey(String(finding.userName)));
  const newByName: ResolvedUser[] = [];
  for (const { key, user } of usable) {
    const resolved = resolveDesiredUser(user, key, index, findings);
    const entry = observedIndex.claim(key);
    if (!resolved) continue;
    if (!entry && user.externalId) newByName.push(resolved);
    else planDesiredUser(context, resolved, entry, operations);
  }
  // A user new by userName may be known by externalId (an e-mail change): all are looked up in one pass.
  const byExternalId = observedIndex.withExternalIds(newByName.map(({ user }) => user.externalId as string));
  for (const resolved of newByName)
    planDesiredUser(
      context,
      resolved,
      undefined,
      operations,
      byExternalId.get(userNameKey(resolved.user.externalId as string)),
    );
  // Users Anaplan has but the source does not list: deprovision those in scope. The same walk counts the access
  // and the users that exist in scope, which the deletion guard weighs the removals and the source against.
  let existing = 0;
  let inScope = 0;
  let unlisted = 0;
  // Members of a workspace whose administrators are unknown could be administrators: nothing is taken from them.
  const mayAdminister = new Set<string>();
  for (const entry of observedIndex.entries) {
    const current = entry.user;
    let managed = 0;
    for (const id of current.workspaces) if (index.workspacesById.has(id)) managed += 1;
    if (managed === 0 || !policy.scope(current)) continue;
    const listed = observedIndex.isHandled(entry);
    if (current.workspaces.some((id) => administrators.holdBack.has(id))) mayAdminister.add(entry.key);
    if (!protectedUsers.has(entry.key)) {
      existing += countAccess(observedIndex, entry, managed);
      inScope += 1;
      if (!listed) unlisted += 1;
    }
    if (listed) continue;
    const decision = decideUser(context, undefined, entry);
    if (decision) userOperations(context, decision, operations);
  }
  planInactivity(
    { policy, index, observed: observedIndex, protectedUsers, state: observed, now: createdAt },
    operations,
    notes,
    findings,
  );
  operations.push(...ssoExceptionOperations(observed, policy, protectedUsers, notes));
  const held = holdBack(operations, mayAdminister);
  if (held > 0)
    notes.push(
      `${held} removal${held === 1 ? '' : 's'} of access held back from members of workspaces whose administrators are unknown (see the administrators-unknown findings).`,
    );
  operations.sort(compareOperations);
  const recorded = recordPolicy(policy);
  const since = policy.windowHours === undefined ? undefined : windowStart(createdAt, policy.windowHours);
  const { guard, blockedReasons } = checkDeletionGuard({
    operations,
    existing,
    users: { inScope, unlisted, listed: desired.users.length },
    sourceError: findings.some((finding) => finding.kind === 'source-error'),
    targetError: findings.some((finding) => finding.kind === 'target-error'),
    policy: recorded,
    window: since && {
      since: since.toISOString(),
      applied: appliedRemovals(recent ?? [], since, recorded.deletionGuard),
    },
  });
  const summary = summarise(operations, findings);
  const made: Omit<Plan, 'digest'> = {
    formatVersion: planFormatVersion,
    createdAt: createdAt.toISOString(),
    source: desired.source,
    fingerprints: {
      observed: fingerprintObserved(observed, observedIndex),
      desired: fingerprintDesired(desired),
    },
    scope: {
      workspaces: observed.workspaces.map(({ id, name }) => ({ id, name })),
      models: observed.models.map(({ workspaceId, modelId, name, access }) => ({
        workspaceId,
        modelId,
        name,
        access,
      })),
      protectedUsers: [...protectedUsers].sort(compareText),
      integrationUser: observed.integrationUser,
    },
    policy: recorded,
    summary,
    guard,
    blocked: blockedReasons.length > 0,
    blockedReasons,
    findings: findings.sort(compareFindings),
    notes,
    operations,
  };
  return { ...made, digest: planDigest(made) };
}

const phaseOrder: Record<Operation['kind'], number> = {
  'user.create': 0,
  'user.update': 1,
  'user.reactivate': 2,
  'workspace.grant': 3,
  'model.access.set': 4,
  'model.access.revoke': 5,
  'sso.exception.assign': 6,
  'sso.exception.unassign': 6,
  'user.deactivate': 7,
  'workspace.revoke': 8,
  manual: 9,
};

function compareOperations(left: Operation, right: Operation): number {
  return (
    compareText(left.userName.toLowerCase(), right.userName.toLowerCase()) ||
    phaseOrder[left.kind] - phaseOrder[right.kind] ||
    compareText(left.id, right.id)
  );
}

function compareFindings(left: Finding, right: Finding): number {
  return (
    compareText(left.userName?.toLowerCase() ?? '', right.userName?.toLowerCase() ?? '') ||
    compareText(left.kind, right.kind) ||
    compareText(left.message, right.message)
  );
}
