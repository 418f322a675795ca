import type { Operation } from '../plan/operations.js';

/** What happened to one operation. */
export interface OperationResult {
  operationId: string;
  kind: Operation['kind'];
  userName: string;
  /**
   * `succeeded`; `failed` (the error says why); `skipped` (something it depends on failed); `aborted` (not sent:
   * the signal fired, or the run failed, before it started — the error says which); `manual` (left for a person).
   */
  status: 'succeeded' | 'failed' | 'skipped' | 'aborted' | 'manual';
  /** A credential-free description of the failure or skip. */
  error?: string | undefined;
  /** Warnings the server reported (for example import warnings). */
  warnings?: string[] | undefined;
}

/** A progress event from {@link apply}; use it for progress bars and logs. */
export type ApplyEvent =
  | { type: 'phase'; phase: ApplyPhase; operations: number }
  | { type: 'operation'; result: OperationResult; done: number; total: number };

/** The phases, in the order they run. */
export type ApplyPhase =
  | 'create'
  | 'update'
  | 'grant'
  | 'model-access'
  | 'sso-exceptions'
  | 'deactivate'
  | 'revoke';

/**
 * The result of {@link apply}: what happened to every operation of the plan.
 *
 * @example
 * ```ts
 * const result = await apply(p, { target });
 * for (const entry of result.results) if (entry.status !== 'succeeded') console.log(entry.operationId, entry.error);
 * ```
 */
export interface ApplyResult {
  /**
   * `succeeded` when every operation did; `partial` when some failed or were skipped; `aborted` when the signal
   * stopped the run; `failed` when the run itself could not go on (the audit sink failed, `onEvent` threw, the apply
   * lock was lost). A `failed` result is never returned: it is the `result` of the {@link ApplyFailedError} thrown.
   */
  outcome: 'succeeded' | 'partial' | 'aborted' | 'failed';
  results: OperationResult[];
  counts: Record<OperationResult['status'], number>;
  startedAt: string;
  finishedAt: string;
}
