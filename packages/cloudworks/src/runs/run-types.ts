import type { CloudWorksTriggerSource } from '../integrations/integration-types.js';

/** A run as `GET /integrations/run/{runId}` reports it. `endDate` set means it has stopped. */
export interface CloudWorksRunStatus {
  /** The run id (32 lower-case hex). */
  id: string;
  integrationId: string | undefined;
  traceId: string | undefined;
  startDate: string | undefined;
  /** Set once the run has stopped. */
  endDate: string | undefined;
  success: boolean | undefined;
  /** `Success`, `Cancelled`, `Process failed`, `Running` …; on a partial success the row counts. */
  message: string | undefined;
  /** `null` on full success; known: `12` (data-type mismatch), `38` (partial success), `35`, `39`. */
  executionErrorCode: number | undefined;
  triggerSource: CloudWorksTriggerSource | undefined;
  /** The flow run that started it, if a flow did. */
  flowGroupId: string | undefined;
  createdBy: string | undefined;
  modifiedBy: string | undefined;
  creationDate: string | undefined;
  modificationDate: string | undefined;
}

/**
 * How a stopped run went: `success` (all rows in), `partial-success` (code 38: some rows rejected, the others
 * loaded), `cancelled`, or `failed`.
 */
export type CloudWorksRunOutcomeKind = 'success' | 'partial-success' | 'failed' | 'cancelled';

/** A stopped run and what it means. */
export interface CloudWorksRunOutcome extends CloudWorksRunStatus {
  outcome: CloudWorksRunOutcomeKind;
  /**
   * Row counts read from `message` (`successful`, `failed`, `ignored`, `warnings` …) when it carries some, as a
   * partial success does; empty otherwise.
   */
  counts: Record<string, number>;
}

/** A run as run history lists it. */
export interface CloudWorksRunRecord {
  id: string;
  triggeredBy: string | undefined;
  /** Epoch **seconds** of the end. */
  lastRun: number | undefined;
  startDate: string | undefined;
  endDate: string | undefined;
  success: boolean | undefined;
  message: string | undefined;
  executionErrorCode: number | undefined;
  triggerSource: CloudWorksTriggerSource | undefined;
  traceId: string | undefined;
}

/** One message of a run error. */
export interface CloudWorksRunErrorMessage {
  localMessageText: string | undefined;
  occurrences: number | undefined;
  type: string | undefined;
  values: unknown[];
}

/** The errors of one action of a run. */
export interface CloudWorksActionErrors {
  actionId: string | undefined;
  actionName: string | undefined;
  /** Whether a dump was written (read it with `dump()`). */
  failureDumpGenerated: boolean;
  messages: CloudWorksRunErrorMessage[];
}

/** `GET /integrations/runerror/{runId}`, one entry per task of the run. Empty when the run had no errors. */
export interface CloudWorksRunError {
  id: string | undefined;
  taskId: string | undefined;
  actions: CloudWorksActionErrors[];
}

/** Options of {@link CloudWorksRunHandle.wait}. */
export interface CloudWorksWaitOptions {
  /**
   * Give up after this long with a `CloudWorksRunTimeoutError` (the run goes on). The deadline holds whatever the
   * server does: a poll in flight at the deadline is cut.
   * @default 3600000 (one hour)
   */
  timeoutMs?: number | undefined;
  /** Time between two polls. @default 10000 */
  intervalMs?: number | undefined;
  /** Stops waiting (not the run) with an `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Called with the run after every poll. */
  onProgress?: ((run: CloudWorksRunStatus) => void) | undefined;
}

/** Options of {@link CloudWorksRunHandle.dump} and {@link RunsResource.dump}. */
export interface CloudWorksDumpOptions {
  /** For a process integration: the import (112…) inside the process whose dump is wanted. */
  actionId?: string | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}
