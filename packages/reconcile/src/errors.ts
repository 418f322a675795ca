import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';

/** A plan cannot be applied: it is blocked by the deletion guard, or stale. Nothing was changed. */
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

/** Whether `value` is a {@link PlanRefusedError}. */
export const isPlanRefusedError = (value: unknown): value is PlanRefusedError =>
  isAnaplanAccessError(value, 'plan-refused');
