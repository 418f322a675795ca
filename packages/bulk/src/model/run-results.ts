import type { DumpFailure } from '../dump/dump-failure.js';
import type { FinishedTask, TaskDetail } from '../tasks/task-types.js';
import type { UploadResult } from '../upload/upload-options.js';

/** Row counts of an import, summed over the result details that report them. A count no detail gives is absent. */
export interface ImportCounts {
  /** Rows read (`totalRowCount`). */
  total?: number;
  /** Rows loaded without problems (`successRowCount`). */
  successful?: number;
  /** Rows loaded with warnings (`warningsRowCount`). */
  warnings?: number;
  /** Rows rejected (`failedCount`). */
  failed?: number;
  /** Rows skipped (`ignoredCount`). */
  ignored?: number;
  /** Items created (`createdCount`, else `successCreateCount`). */
  created?: number;
  /** Items updated (`updatedCount`, else `successUpdateCount`). */
  updated?: number;
}

/** How many rows a failure dump held, by status: every row, also those not kept in `failures`. */
export interface FailureCounts {
  /** Rows rejected (`_Status_` `E`, or any code other than `W`). */
  errors: number;
  /** Rows loaded with a warning (`_Status_` `W`). */
  warnings: number;
}

/** What `model.runImport` reports. `successful: false` is a result, not an exception. */
export interface ImportResult {
  taskId: string;
  importId: string;
  /** `result.successful` of the finished task (a `COMPLETE` task can still have failed). */
  successful: boolean;
  /** Row counts from the result details. */
  counts: ImportCounts;
  /** The task's result details, as sent. */
  details: TaskDetail[];
  /**
   * Rejected (`error`) and warned (`warning`) rows, read from the failure dump when there is one: the first
   * `dump.keepRows` (default 1,000) of them. See `failureCounts` for all of them.
   */
  failures: DumpFailure[];
  /** How many rows the failure dump held, by status (all of them, kept or not). */
  failureCounts: FailureCounts;
  /** Whether the dump had more rows than `failures` keeps (`dump.keepRows`). */
  failuresTruncated: boolean;
  /** Whether the server had a failure dump (also possible when `successful` is true). */
  failureDumpAvailable: boolean;
  /** The upload that preceded the import, if data was given. */
  upload: UploadResult | undefined;
  /** The finished task as last polled. */
  task: FinishedTask;
}

/** What `model.runExport` reports. */
export interface ExportResult {
  taskId: string;
  exportId: string;
  /** Header names of the exported file. */
  headers: string[];
  /** The data rows, keyed by header name. */
  rows: Record<string, string>[];
  /** The exported file as text (UTF-8). */
  csv: string;
  details: TaskDetail[];
  task: FinishedTask;
}

/** One action of a process, as its task result reports it. */
export interface ProcessActionResult {
  /** The action's id (112… import, 116… export, 117… other action). */
  objectId: string;
  /** The action's name, from the process metadata. */
  name: string | undefined;
  /** `IMPORT`, `EXPORT`, `DELETE_BY_SELECTION` …, from the process metadata. */
  actionType: string | undefined;
  successful: boolean;
  failureDumpAvailable: boolean;
  details: TaskDetail[];
  /** Row counts (imports). */
  counts: ImportCounts;
  /** Rows from this action's failure dump, when it has one: the first `dump.keepRows` (default 1,000). */
  failures: DumpFailure[];
  /** How many rows this action's failure dump held, by status (all of them, kept or not). */
  failureCounts: FailureCounts;
  /** Whether the dump had more rows than `failures` keeps (`dump.keepRows`). */
  failuresTruncated: boolean;
}

/** What `model.runProcess` reports. */
export interface ProcessResult {
  taskId: string;
  processId: string;
  /** Whether the whole process succeeded. */
  successful: boolean;
  /** The process's own result details. */
  details: TaskDetail[];
  /** One entry per action the process ran, in order (a process stops after the first failed action). */
  actions: ProcessActionResult[];
  /** The uploads made before the process ran. */
  uploads: UploadResult[];
  task: FinishedTask;
}
