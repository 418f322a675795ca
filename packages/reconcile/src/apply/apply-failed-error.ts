// Tests: ./apply.test.ts

import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';
import type { ApplyResult } from './apply-result.js';

/**
 * An apply stopped part-way because it could not go on safely: the audit sink failed (no write is sent without its
 * audit record), the `onEvent` callback threw, or the apply lock was lost. Nothing new was started after the
 * failure and the writes already in flight were awaited, so `result` lists exactly what was done (`outcome:
 * 'failed'`; operations never sent are `aborted`). `cause` holds the original error. Re-running converges: the next
 * plan contains only what is left.
 *
 * @example
 * ```ts
 * try {
 *   await apply(p, { target, audit });
 * } catch (error) {
 *   if (!isApplyFailedError(error)) throw error;
 *   console.error(error.message, error.result.counts); // what reached Anaplan before the run stopped
 * }
 * ```
 */
export class ApplyFailedError extends AnaplanAccessError {
  static override readonly kind: string = 'apply-failed';
  override readonly name: string = 'ApplyFailedError';
  /** What every operation of the plan came to, up to the failure (`outcome` is `failed`). */
  readonly result: ApplyResult;

  constructor(message: string, result: ApplyResult, options?: { cause?: unknown }) {
    super(message, options);
    this.result = result;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), result: this.result };
  }
}

/**
 * Whether `value` is an {@link ApplyFailedError} (also across copies of the package).
 *
 * @example
 * ```ts
 * await apply(p, { target, audit }).catch((error) => {
 *   if (isApplyFailedError(error)) report(error.result);
 *   throw error;
 * });
 * ```
 */
export const isApplyFailedError = (value: unknown): value is ApplyFailedError =>
  isAnaplanAccessError(value, 'apply-failed');
