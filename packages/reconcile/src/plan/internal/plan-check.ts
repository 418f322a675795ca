// Tests: ../parse-plan.test.ts, test/e2e/reconcile.e2e.test.ts

import type { AuditEntry, AuditSink } from '../../apply/audit-entry.js';
import { PlanRefusedError, refusePlan } from '../plan-refused-error.js';
import type { BlockedReason, Plan } from '../plan-types.js';
import { appliedRemovals, checkDeletionGuard, type GuardVerdict } from './deletion-guard.js';
import { canonicalJson } from './fingerprint.js';
import { planDigest } from './plan-digest.js';
import { summarise } from './summary.js';

/**
 * Checks that a plan is the one `plan()` made: its digest matches its content, and its guard, `blocked` flag,
 * blocked reasons and summary are what its operations, findings and recorded policy give when weighed again. A
 * plan whose digest was recomputed after an edit is still caught when the edit changes what the guard decides.
 *
 * @throws {PlanRefusedError} `tampered` when either check fails.
 */
export function verifyPlan(plan: Plan): GuardVerdict {
  let verdict: GuardVerdict | undefined;
  let consistent = false;
  try {
    if (typeof plan.digest !== 'string' || planDigest(plan) !== plan.digest)
      throw refusePlan(
        'tampered',
        `The plan's content does not match its digest (${String(plan.digest).slice(0, 19)}…): it was changed after it was made.`,
      );
    verdict = recheck(plan);
    consistent =
      canonicalJson(verdict.guard) === canonicalJson(plan.guard) &&
      canonicalJson(verdict.blockedReasons) === canonicalJson(plan.blockedReasons) &&
      plan.blocked === verdict.blockedReasons.length > 0 &&
      canonicalJson(summarise(plan.operations, plan.findings)) === canonicalJson(plan.summary);
  } catch (error) {
    if (error instanceof PlanRefusedError) throw error;
    // A field missing or of the wrong shape: not what plan() writes.
    consistent = false;
  }
  if (!verdict || !consistent)
    throw refusePlan(
      'tampered',
      "The plan's blocked flag, deletion guard or counts do not follow from its operations and recorded policy: it was changed after it was made.",
    );
  return verdict;
}

/**
 * What `apply` checks before anything else: the plan is intact ({@link verifyPlan}) and not blocked, weighed again
 * from its operations and recorded policy.
 *
 * @throws {PlanRefusedError} `tampered`, or the code of the first reason that blocks the plan.
 */
export function checkBeforeApply(plan: Plan): void {
  refuseWhenBlocked(verifyPlan(plan).blockedReasons);
}

/**
 * With `deletionGuard.window`: counts the removals applied in the window again, from the audit sink apply writes to
 * (when it can be read back), so that removals applied since the plan was made count too. Without a readable sink
 * the count the plan recorded stands.
 *
 * @throws {PlanRefusedError} `guard` when the plan's removals and the window's now pass `maxCount`.
 * @throws {AuditReadError} when the audit log cannot be read completely.
 */
export async function recheckWindow(
  plan: Plan,
  audit: AuditSink | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  const hours = plan.policy.deletionGuard.window?.hours;
  if (hours === undefined || !audit?.read) return;
  const since = new Date(Date.now() - hours * 3_600_000);
  const entries: AuditEntry[] = [];
  for await (const entry of audit.read({ since, signal })) entries.push(entry);
  const applied = appliedRemovals(entries, since, plan.policy.deletionGuard);
  refuseWhenBlocked(recheck(plan, { hours, since: since.toISOString(), applied }).blockedReasons);
}

function refuseWhenBlocked(blockedReasons: readonly BlockedReason[]): void {
  const first = blockedReasons[0];
  if (first)
    throw new PlanRefusedError(
      first.code,
      `The plan is blocked; nothing was changed. ${blockedReasons.map((reason) => reason.message).join(' ')}`,
    );
}

function recheck(plan: Plan, window = plan.guard.window): GuardVerdict {
  const { inScope, unlisted, listed } = plan.guard.users;
  return checkDeletionGuard({
    operations: plan.operations,
    existing: plan.guard.existing,
    users: { inScope, unlisted, listed },
    sourceError: plan.findings.some((finding) => finding.kind === 'source-error'),
    targetError: plan.findings.some((finding) => finding.kind === 'target-error'),
    policy: plan.policy,
    window: window ? { since: window.since, applied: window.applied } : undefined,
  });
}
