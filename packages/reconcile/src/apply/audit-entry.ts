import type { Operation } from '../plan/operations.js';
import type { OperationResult } from './apply-result.js';

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
