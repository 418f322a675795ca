import { destructiveKinds, type Operation } from '../operations.js';
import type { DeletionGuardResult } from '../plan-types.js';
import type { ResolvedPolicy } from '../policy.js';

/**
 * Counts the plan's destructive operations and compares them with the policy's limits: more than `maxCount`, or
 * more than `maxPercent` of the access that exists in scope, exceeds the guard.
 */
export function checkDeletionGuard(
  operations: Operation[],
  existing: number,
  policy: ResolvedPolicy,
): DeletionGuardResult {
  const destructive = operations.filter((operation) => destructiveKinds.includes(operation.kind)).length;
  const percent =
    existing === 0 ? (destructive > 0 ? 100 : 0) : Math.round((destructive / existing) * 10_000) / 100;
  const exceeded = destructive > policy.maxCount || percent > policy.maxPercent;
  return {
    destructive,
    existing,
    percent,
    maxCount: policy.maxCount,
    maxPercent: policy.maxPercent,
    exceeded,
    overridden: exceeded && policy.allowDestructive,
  };
}
