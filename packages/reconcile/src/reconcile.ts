// Tests: test/e2e/reconcile.e2e.test.ts, test/trust/apply-lock.test.ts

import { type ApplyOptions, apply } from './apply/apply.js';
import type { ApplyResult } from './apply/apply-result.js';
import { alreadyHeld, withApplyLock } from './apply/locks/internal/hold-apply-lock.js';
import type { DesiredState } from './desired/desired-state.js';
import type { DesiredStateSource } from './desired/sources/desired-state-source.js';
import { plan } from './plan/plan.js';
import type { Plan } from './plan/plan-types.js';
import type { PlanPolicy } from './plan/policy.js';
import type { AccessTarget } from './target/access-target.js';

/** Options of {@link reconcile}. */
export interface ReconcileOptions extends Omit<ApplyOptions, 'target' | 'verifyFingerprint'> {
  /** Where the desired state comes from: a loaded state or a source to load. */
  desired: DesiredState | DesiredStateSource;
  target: AccessTarget;
  policy?: PlanPolicy | undefined;
  /** Plan only; apply nothing. @default false */
  dryRun?: boolean | undefined;
}

/** The plan that was made and, unless it was a dry run or blocked, what applying it did. */
export interface ReconcileResult {
  plan: Plan;
  /** Absent for a dry run, an empty plan or a blocked plan. */
  result?: ApplyResult | undefined;
}

/**
 * Observe, plan and apply in one call. A blocked plan is returned unapplied (check `plan.blocked`); an empty plan
 * applies nothing. Unless it is a dry run, the apply lock (`lock`, by default {@link inProcessLock}) is taken before
 * observing and held until the last write.
 *
 * @example
 * ```ts
 * const { plan: p, result } = await reconcile({ desired: csvSource({ path: 'access.csv' }), target, policy });
 * console.log(renderPlan(p));
 * ```
 * @throws {PlanRefusedError} (`reason: 'locked'`) when another apply holds the lock; nothing was observed or changed.
 * @throws {ApplyFailedError} as {@link apply} does, with the partial result.
 * @group Plan and apply
 */
export async function reconcile(options: ReconcileOptions): Promise<ReconcileResult> {
  const { desired: input, target, policy, dryRun, lock, ...applyOptions } = options;
  const { signal } = options;
  const desired = 'load' in input ? await input.load({ signal }) : input;
  const observeAndPlan = async () =>
    plan({
      desired,
      observed: await target.observe({ signal, lastLogins: policy?.inactivity !== undefined }),
      policy,
      audit: applyOptions.audit,
    });
  if (dryRun) return { plan: await observeAndPlan() };
  // The lock is held from the observation to the last write: another apply cannot change Anaplan between them.
  return withApplyLock(lock, { target, signal }, async (lockWatch) => {
    const made = await observeAndPlan();
    if (made.blocked || made.operations.length === 0) return { plan: made };
    // The observation is seconds old and was taken under the lock: no need to observe a second time.
    const held = alreadyHeld(lockWatch, lock?.description ?? 'apply lock');
    const result = await apply(made, { ...applyOptions, target, verifyFingerprint: false, lock: held });
    return { plan: made, result };
  });
}
