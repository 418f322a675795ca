// Tests: ./parse-plan.test.ts, ../apply/apply.test.ts

import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';
import type { BlockedReasonCode } from './plan-types.js';

/**
 * Why a plan was refused. The blocked reasons of a plan (see `BlockedReasonCode`), and:
 * - `stale`: Anaplan changed since the plan was made;
 * - `tampered`: the plan's content no longer matches its digest, or its `blocked` flag, counts or guard do not
 *   follow from its operations and recorded policy (it was edited after it was made);
 * - `format`: not a plan this release reads (not JSON, or another format version);
 * - `locked`: another apply holds the apply lock.
 */
export type PlanRefusedReason = BlockedReasonCode | 'stale' | 'tampered' | 'format' | 'locked';

/** What to do about each refusal, appended to the message. */
export const planRefusalRemedies: Readonly<Record<PlanRefusedReason, string>> = {
  'source-error':
    'Fix the desired-state source (see the source-error findings) and make a new plan; no policy option lifts this.',
  'empty-source':
    'Check the source (an empty file, a wrong filter or query?) and make a new plan; only if everyone in scope really is to lose access, plan with allowEmptySource: true.',
  'source-shrank':
    'Check the source for a truncated file or a narrowed query and make a new plan; only if those users really are leaving, plan with allowEmptySource: true.',
  guard:
    'Review the removals, then make a new plan with allowDestructive: true (or raise deletionGuard.maxCount / maxPercent).',
  'target-error':
    'Correct the target configuration (see the target-error findings: imports, exports, workspaces) and make a new plan.',
  stale: 'Make a new plan from the current state and review it.',
  tampered:
    'Do not edit saved plans: make a new plan, review it, and apply the file exactly as it was written.',
  format: 'Make a new plan with this release (renderPlan(p, { format: "json" })) and apply that.',
  locked:
    'Wait for the other apply to finish (or give the lock a longer waitMs), then apply again; if it changed Anaplan, this plan is refused as stale and needs making anew.',
};

/**
 * A plan cannot be applied (or read back), and nothing was changed. `reason` says why, the message what was found
 * and what to do; `remedy` is the standard remedy for the reason.
 *
 * @example
 * ```ts
 * try {
 *   await apply(saved, { target });
 * } catch (error) {
 *   if (isPlanRefusedError(error) && error.reason === 'stale') console.log('Anaplan changed: make a new plan');
 *   else throw error;
 * }
 * ```
 */
export class PlanRefusedError extends AnaplanAccessError {
  static override readonly kind: string = 'plan-refused';
  override readonly name: string = 'PlanRefusedError';
  /** Why the plan was refused (see {@link PlanRefusedReason}). */
  readonly reason: PlanRefusedReason;
  /** What to do about it, in words (see {@link planRefusalRemedies}). */
  readonly remedy: string;

  /** `message` says what was found and what to do (`refusePlan` appends the standard remedy). */
  constructor(reason: PlanRefusedReason, message: string) {
    super(message);
    this.reason = reason;
    this.remedy = planRefusalRemedies[reason];
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason, remedy: this.remedy };
  }
}

/** A {@link PlanRefusedError} whose message is `detail` followed by the standard remedy for `reason`. */
export function refusePlan(reason: PlanRefusedReason, detail: string): PlanRefusedError {
  return new PlanRefusedError(reason, `${detail} ${planRefusalRemedies[reason]}`);
}

/**
 * Whether `value` is a {@link PlanRefusedError} (also across copies of the package).
 *
 * @example
 * ```ts
 * await apply(p, { target }).catch((error) => {
 *   if (isPlanRefusedError(error)) console.log(error.reason, error.message);
 *   else throw error;
 * });
 * ```
 */
export const isPlanRefusedError = (value: unknown): value is PlanRefusedError =>
  isAnaplanAccessError(value, 'plan-refused');
