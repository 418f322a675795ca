import { ConfigurationError } from '@anaplan-access/core';
import { fingerprintObserved } from '../plan/internal/fingerprints.js';
import { checkBeforeApply, recheckWindow } from '../plan/internal/plan-check.js';
import { refusePlan } from '../plan/plan-refused-error.js';
import type { Plan } from '../plan/plan-types.js';
import type { AccessTarget } from '../target/access-target.js';
import { ApplyFailedError } from './apply-failed-error.js';
import type { ApplyEvent, ApplyResult } from './apply-result.js';
import type { AuditSink } from './audit-entry.js';
import { ApplyRun } from './internal/apply-run.js';
import { nameAndMessageOf } from './internal/name-and-message-of.js';
import { runPhases } from './internal/phase-runners.js';
import type { ApplyLock } from './locks/apply-lock.js';
import { type LockWatch, withApplyLock } from './locks/internal/hold-apply-lock.js';

/** Options of {@link apply}. */
export interface ApplyOptions {
  /** The tenant to change (see `anaplanTarget`). */
  target: AccessTarget;
  /** Stops cleanly between operations: what has not started is reported as `aborted`. */
  signal?: AbortSignal | undefined;
  /** Progress events (one per phase and one per finished operation). */
  onEvent?: ((event: ApplyEvent) => void) | undefined;
  /** Where to write the audit trail. @default none */
  audit?: AuditSink | undefined;
  /** Who is making the change, for the audit log. @default the plan's integration account, or `anaplan-access` */
  actor?: string | undefined;
  /** SCIM operations in flight at once (the clients' own limits still apply). @default 8 */
  concurrency?: number | undefined;
  /** Re-observe first and refuse a plan whose observed fingerprint is stale. @default true */
  verifyFingerprint?: boolean | undefined;
  /**
   * Keeps two applies from interleaving: taken before the re-observation, released after the last write on every
   * exit path. A second apply waits up to the lock's `waitMs`, then is refused (`PlanRefusedError`, reason
   * `locked`). Use {@link fileLock} or {@link postgresAdvisoryLock} when applies may run in several processes.
   * @default inProcessLock() (applies through the same target object in this process, refused at once)
   */
  lock?: ApplyLock | undefined;
  /**
   * `scim`: send only the SCIM operations (users, workspaces) and skip the model access, for a pipeline that sets
   * model access with Anaplan Connect (`exportConnectBundle`): run this first, then the bundle. The skipped
   * operations, and those that depend on them, show up again in the next plan. @default everything
   */
  only?: 'scim' | undefined;
}

/**
 * Applies a plan in dependency order: create → update → grant workspaces → model access (one import per model,
 * models in parallel) → deactivate → revoke workspaces. A failed operation skips only what depends on it; every operation gets
 * a result; nothing is retried blindly (a create whose answer was lost is settled by reading the user back).
 *
 * @example
 * ```ts
 * const result = await apply(p, { target, audit: jsonLinesAuditLog('audit.jsonl'), onEvent: console.log });
 * if (result.outcome !== 'succeeded') process.exitCode = 1;
 * ```
 * @throws {ConfigurationError} for an `only` other than `'scim'`; nothing was changed.
 * @throws {PlanRefusedError} when the plan is blocked (`reason` is the first blocked reason's code: `source-error`,
 * `empty-source`, `source-shrank`, `guard` — also when the window's removals, counted again from `audit`, now pass
 * the limit — or `target-error`), was edited after it was made (`tampered`), Anaplan changed since it was made
 * (`stale`), or another apply holds the lock (`locked`); nothing was changed.
 * @throws {ApplyFailedError} when the run could not go on safely: the audit sink failed (the operation whose
 * `started` entry failed is not sent), `onEvent` threw, or the lock was lost. Nothing new starts after the failure,
 * the writes in flight are awaited, and the error's `result` (`outcome: 'failed'`) lists what was done. An aborted
 * `signal` is not a failure: apply resolves with `outcome: 'aborted'`, also only once nothing is in flight. Any other
 * error (the re-observation failing, for example) is thrown before anything was written.
 * @group Plan and apply
 */
export async function apply(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const { target, signal } = options;
  // The guard and the blocked state are weighed again from the plan's operations and policy, never taken on trust.
  if (options.only !== undefined && options.only !== 'scim')
    throw new ConfigurationError(
      'only',
      `apply: "only" is 'scim' or left out, not ${JSON.stringify(options.only)}`,
    );
  checkBeforeApply(plan);
  // Held from the re-observation to the last write, so that no other apply changes Anaplan in between.
  return withApplyLock(options.lock, { target, signal }, async (lockWatch) => {
    await recheckWindow(plan, options.audit, signal);
    if (options.verifyFingerprint !== false) {
      const fresh = await target.observe({ signal });
      if (fingerprintObserved(fresh) !== plan.fingerprints.observed)
        throw refusePlan(
          'stale',
          'Anaplan changed since the plan was made (observed fingerprint differs); nothing was changed.',
        );
    }
    return runPlan(plan, options, lockWatch);
  });
}

/**
 * Runs the operations of an accepted plan under a held lock, phase by phase. Resolves to the result, or rejects with
 * an {@link ApplyFailedError} carrying it when the run could not go on; either way only once nothing is in flight.
 */
async function runPlan(plan: Plan, options: ApplyOptions, lockWatch: LockWatch): Promise<ApplyResult> {
  const run = new ApplyRun(plan, options);
  lockWatch.onLost((error) => run.halt(`the apply lock was lost: ${nameAndMessageOf(error)}`, error));
  await runPhases(run);
  const result = run.result();
  if (run.failure)
    throw new ApplyFailedError(
      `The apply stopped: ${run.failure.message}. Nothing was started after that and the writes in flight ended; ` +
        `${result.counts.succeeded} operations succeeded, ${result.counts.failed} failed, ${result.counts.aborted} ` +
        'were not sent (see result). Fix the cause and make a new plan: it contains only what is left.',
      result,
      { cause: run.failure.cause },
    );
  return result;
}
