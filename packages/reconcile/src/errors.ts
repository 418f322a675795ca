import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';

/**
 * A plan cannot be applied: it is blocked by the deletion guard, or stale. Nothing was changed.
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
  /** `blocked` (deletion guard) or `stale` (Anaplan changed since the plan was made). */
  readonly reason: 'blocked' | 'stale';

  constructor(reason: 'blocked' | 'stale', message: string) {
    super(message);
    this.reason = reason;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
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
