import type { AccessTarget } from './access-target.js';
import { type ApplyOptions, apply } from './apply.js';
import type { ApplyResult } from './apply-types.js';
import type { DesiredState } from './desired-state.js';
import { plan } from './plan.js';
import type { Plan } from './plan-types.js';
import type { PlanPolicy } from './policy.js';
import type { DesiredStateSource } from './sources/desired-state-source.js';

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
 * applies nothing.
 *
 * @example
 * ```ts
 * const { plan: p, result } = await reconcile({ desired: csvSource({ path: 'access.csv' }), target, policy });
 * console.log(renderPlan(p));
 * ```
 */
export async function reconcile(options: ReconcileOptions): Promise<ReconcileResult> {
  const { desired: input, target, policy, dryRun, ...applyOptions } = options;
  const desired = 'load' in input ? await input.load({ signal: options.signal }) : input;
  const observed = await target.observe({ signal: options.signal });
  const made = await plan({ desired, observed, policy });
  if (dryRun || made.blocked || made.operations.length === 0) return { plan: made };
  // The observation is seconds old and was taken by this call: no need to observe a second time before applying.
  const result = await apply(made, { ...applyOptions, target, verifyFingerprint: false });
  return { plan: made, result };
}
