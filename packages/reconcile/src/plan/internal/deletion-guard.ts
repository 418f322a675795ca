import type { AuditEntry } from '../../apply/audit-entry.js';
import type { ListAccess } from '../../desired/desired-state.js';
import { isNoAccess } from '../../internal/model-access.js';
import { removedItems } from '../../internal/selective-access-diff.js';
import type { ModelAccess } from '../../target/observed-state.js';
import type { Operation, OperationKind } from '../operations.js';
import type {
  BlockedReason,
  DeletionGuardCounts,
  DeletionGuardResult,
  RecordedPolicy,
} from '../plan-types.js';
import type { ObservedEntry, ObservedIndex } from './observed-index.js';

/** What the guard weighs a plan's operations against; the plan records all of it, so `apply` can weigh again. */
export interface GuardInput {
  operations: readonly Pick<Operation, 'kind' | 'before' | 'after'>[];
  /** Units of access that exist in scope (see {@link DeletionGuardResult.existing}). */
  existing: number;
  /** Users in scope, how many the source does not list, and how many users the source lists in all. */
  users: { inScope: number; unlisted: number; listed: number };
  /** Whether the source could not be read in full (a `source-error` finding). */
  sourceError: boolean;
  /** Whether the target's configuration does not match Anaplan (a `target-error` finding). */
  targetError: boolean;
  policy: RecordedPolicy;
  /** With `deletionGuard.window`: when the window starts and the removals already applied in it. */
  window?: { since: string; applied: number } | undefined;
}

/** The guard's verdict and the reasons, if any, that block the plan. */
export interface GuardVerdict {
  guard: DeletionGuardResult;
  blockedReasons: BlockedReason[];
}

/**
 * Counts every removal of access in the plan (deactivations, workspace and model revocations, selective-access
 * items taken away, and downgrades when the policy counts them) and decides what blocks the plan: an unreadable
 * source, an empty or shrunken source, or removals over `maxCount` (with the window's) or over `maxPercent` of
 * the access that exists in scope.
 */
export function checkDeletionGuard(input: GuardInput): GuardVerdict {
  const { policy, users, existing } = input;
  const { maxCount, maxPercent, countDowngrades } = policy.deletionGuard;
  const counted = emptyCounts();
  for (const operation of input.operations)
    addRemovals(counted, operation.kind, operation.before, operation.after, countDowngrades);
  const destructive = sum(counted);
  const applied = input.window?.applied ?? 0;
  const percent = share(destructive, existing);
  const exceeded = destructive + applied > maxCount || percent > maxPercent;
  const hours = policy.deletionGuard.window?.hours;
  const guard: DeletionGuardResult = {
    destructive,
    counted,
    existing,
    percent,
    maxCount,
    maxPercent,
    ...(hours !== undefined && input.window ? { window: { hours, ...input.window } } : {}),
    users: { ...users, percent: users.inScope === 0 ? 0 : share(users.unlisted, users.inScope) },
    exceeded,
    overridden: exceeded && policy.allowDestructive,
  };
  return { guard, blockedReasons: blockedReasons(guard, input) };
}

/** Whether an operation takes any access away; a role change counts (the engine cannot tell which role is less). */
export function takesAccessAway(operation: Pick<Operation, 'kind' | 'before' | 'after'>): boolean {
  const counts = emptyCounts();
  addRemovals(counts, operation.kind, operation.before, operation.after, true);
  return sum(counts) > 0;
}

function blockedReasons(guard: DeletionGuardResult, input: GuardInput): BlockedReason[] {
  const reasons: BlockedReason[] = [];
  const { users } = guard;
  const { policy } = input;
  if (input.targetError)
    reasons.push({
      code: 'target-error',
      message:
        'The target configuration does not match Anaplan (see the target-error findings); nothing is applied until it is corrected.',
    });
  if (input.sourceError)
    reasons.push({
      code: 'source-error',
      message:
        'The desired-state source could not be read in full (see the source-error findings): fix the source and plan again. Nothing is applied from a partial source; allowDestructive and allowEmptySource do not lift this.',
    });
  else if (users.listed === 0 && users.unlisted > 0) {
    if (!policy.allowEmptySource)
      reasons.push({
        code: 'empty-source',
        message: `The source lists no user, while Anaplan has ${users.inScope} user(s) in scope who would all lose their access. Check the source (an empty file, a wrong filter or query?); if everyone in scope really is to lose access, plan again with allowEmptySource: true.`,
      });
  } else if (users.unlisted > 0 && users.percent > guard.maxPercent && !policy.allowEmptySource)
    reasons.push({
      code: 'source-shrank',
      message: `The source no longer lists ${users.unlisted} of the ${users.inScope} users in scope (${users.percent}%, more than the guard's ${guard.maxPercent}%): they would be deprovisioned. Check the source for a truncated file or a narrowed query; if they really are leaving, plan again with allowEmptySource: true.`,
    });
  if (guard.exceeded && !guard.overridden) {
    const window = guard.window
      ? ` plus ${guard.window.applied} already applied in the last ${guard.window.hours} h (since ${guard.window.since})`
      : '';
    reasons.push({
      code: 'guard',
      message: `Deletion guard: ${guard.destructive} removals of access (${describeCounts(guard.counted)})${window}, ${guard.percent}% of ${guard.existing} existing accesses, exceed the limits of ${guard.maxCount} or ${guard.maxPercent}%. Review the plan, then plan again with allowDestructive: true (or raise deletionGuard's limits).`,
    });
  }
  return reasons;
}

/**
 * The removals of access already applied since `since`, from audit entries: each operation that succeeded, and
 * each one started with no outcome recorded (it may have happened), weighed as the guard weighs a plan's.
 */
export function appliedRemovals(
  entries: Iterable<AuditEntry>,
  since: Date,
  policy: Pick<RecordedPolicy['deletionGuard'], 'countDowngrades'>,
): number {
  const from = since.getTime();
  const counts = emptyCounts();
  const open = new Map<string, AuditEntry>();
  for (const entry of entries) {
    if (!removalKinds.has(entry.kind) || !(Date.parse(entry.time) >= from)) continue;
    const key = `${entry.planFingerprint}\n${entry.operationId}`;
    if (entry.outcome === 'started') {
      open.set(key, entry);
      continue;
    }
    open.delete(key);
    if (entry.outcome === 'succeeded')
      addRemovals(counts, entry.kind, entry.before, entry.after, policy.countDowngrades);
  }
  for (const entry of open.values())
    addRemovals(counts, entry.kind, entry.before, entry.after, policy.countDowngrades);
  return sum(counts);
}

/** The kinds that can remove access. */
const removalKinds = new Set<OperationKind>([
  'user.deactivate',
  'workspace.revoke',
  'model.access.revoke',
  'model.access.set',
  'sso.exception.unassign',
]);

function emptyCounts(): DeletionGuardCounts {
  return {
    deactivations: 0,
    workspaceRevocations: 0,
    modelRevocations: 0,
    selectiveAccessItems: 0,
    downgrades: 0,
  };
}

/** Adds what one change (an operation, or an audit entry of one) takes away to `counts`. */
function addRemovals(
  counts: DeletionGuardCounts,
  kind: OperationKind,
  before: unknown,
  after: unknown,
  countDowngrades: boolean,
): void {
  if (kind === 'user.deactivate') counts.deactivations += 1;
  else if (kind === 'workspace.revoke') counts.workspaceRevocations += 1;
  else if (kind === 'model.access.revoke') counts.modelRevocations += 1;
  else if (kind === 'sso.exception.unassign')
    counts.ssoExceptionRemovals = (counts.ssoExceptionRemovals ?? 0) + 1;
  else if (kind === 'model.access.set') {
    const previous = asModelAccess(before);
    const next = asModelAccess(after);
    // An unknown previous access (no Users export) is imported in full: the import only adds, it removes nothing.
    if (!previous || !next || isNoAccess(previous.role)) return;
    for (const items of Object.values(removedItems(previous, next)))
      counts.selectiveAccessItems += items.length;
    if (countDowngrades) counts.downgrades += downgrades(previous, next);
  }
}

/** A role changed (the engine cannot tell which grants less), and each item written before and only read now. */
function downgrades(previous: ModelAccess, next: ModelAccess): number {
  let count = previous.role.toLowerCase() === next.role.toLowerCase() ? 0 : 1;
  for (const [list, access] of Object.entries(previous.selectiveAccess)) {
    const kept = next.selectiveAccess[list] as ListAccess | undefined;
    if (!kept) continue;
    for (const item of (access as ListAccess).write)
      if (!kept.write.includes(item) && kept.read.includes(item)) count += 1;
  }
  return count;
}

/** The value as model access when it has that shape (audit entries are read back from a file), else undefined. */
function asModelAccess(value: unknown): ModelAccess | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { role, selectiveAccess } = value as Partial<ModelAccess>;
  if (typeof role !== 'string' || typeof selectiveAccess !== 'object' || selectiveAccess === null)
    return undefined;
  for (const access of Object.values(selectiveAccess) as unknown[]) {
    const { read, write } = (access ?? {}) as Partial<ListAccess>;
    if (!isTexts(read) || !isTexts(write)) return undefined;
  }
  return value as ModelAccess;
}

function isTexts(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function sum(counts: DeletionGuardCounts): number {
  return (
    counts.deactivations +
    counts.workspaceRevocations +
    counts.modelRevocations +
    counts.selectiveAccessItems +
    counts.downgrades +
    (counts.ssoExceptionRemovals ?? 0)
  );
}

/** `part / whole` in percent, two decimals; 100 when there is a part of nothing. */
function share(part: number, whole: number): number {
  if (whole === 0) return part > 0 ? 100 : 0;
  return Math.round((part / whole) * 10_000) / 100;
}

function describeCounts(counts: DeletionGuardCounts): string {
  const parts: [number, string][] = [
    [counts.deactivations, 'deactivations'],
    [counts.workspaceRevocations, 'workspace revocations'],
    [counts.modelRevocations, 'model revocations'],
    [counts.selectiveAccessItems, 'selective-access items'],
    [counts.downgrades, 'downgrades'],
    [counts.ssoExceptionRemovals ?? 0, 'SSO exception removals'],
  ];
  return (
    parts
      .filter(([count]) => count > 0)
      .map(([count, label]) => `${count} ${label}`)
      .join(', ') || 'none'
  );
}

/**
 * The access units a user in scope has: managed workspaces, being active, each model they are in and each
 * selective-access item they have there.
 */
export function countAccess(
  observed: ObservedIndex,
  entry: ObservedEntry,
  managedWorkspaces: number,
): number {
  let units = managedWorkspaces + (entry.user.active ? 1 : 0);
  for (let position = 0; position < observed.models.length; position += 1) {
    const access = observed.accessOf(entry, position);
    if (access === undefined || isNoAccess(access.role)) continue;
    units += 1;
    const lists = access.selectiveAccess;
    for (const list in lists) {
      const items = lists[list];
      if (items) units += items.read.length + items.write.length;
    }
  }
  return units;
}
