import type { Operation } from './operations.js';

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
export type ApplyPhase = 'create' | 'update' | 'grant' | 'model-access' | 'deactivate' | 'revoke';

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

/** One line of the JSON Lines audit log. Never holds a secret. */
export interface AuditEntry {
  time: string;
  /** Who made the change: the integration account, or what `actor` says. */
  actor: string;
  planFingerprint: string;
  operationId: string;
  kind: Operation['kind'];
  userName: string;
  /** Workspace or model concerned. */
  target?: string | undefined;
  before: unknown;
  after: unknown;
  /** `started` is written before a write is sent; the outcome after it. */
  outcome: 'started' | OperationResult['status'];
  error?: string | undefined;
}

/** Where audit entries go. {@link jsonLinesAuditLog} appends them to a file. */
export interface AuditSink {
  /**
   * Stores one entry; apply waits for the promise before it goes on. A write that rejects or throws stops the run:
   * the operation whose `started` entry failed is not sent, nothing new starts, and apply throws an
   * {@link ApplyFailedError} once the writes in flight have ended.
   */
  write(entry: AuditEntry): Promise<void>;
  /**
   * Reads back the entries written since a time (see {@link AuditSource}). Optional; the cumulative deletion guard
   * (`deletionGuard.window`) needs it, and `apply` uses it to count again what was applied in the window.
   */
  read?: AuditSource['read'] | undefined;
}

/**
 * Audit entries read back, for the cumulative deletion guard (`deletionGuard.window`): `plan({ …, audit })` counts
 * the removals of access already applied in the window. {@link jsonLinesAuditLog} is one.
 *
 * @example
 * ```ts
 * const audit = jsonLinesAuditLog('audit.jsonl');
 * for await (const entry of audit.read({ since: new Date(Date.now() - 86_400_000) })) console.log(entry.kind);
 * ```
 */
export interface AuditSource {
  /** Every entry whose `time` is at or after `since`, in the order written. Throws when the log cannot be read. */
  read(options: { since: Date; signal?: AbortSignal | undefined }): AsyncIterable<AuditEntry>;
}
