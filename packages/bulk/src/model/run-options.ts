// Tests: ./run-import.test.ts, ./run-export.test.ts
import type { MappingParameter } from '../tasks/task-types.js';
import type { WaitOptions } from '../tasks/wait-options.js';
import type { UploadOptions } from '../upload/upload-options.js';
import type { UploadSource } from '../upload/upload-source.js';

/** Options of `run()`, which starts an action's task (`model.imports.run(id)` …). */
export interface RunOptions {
  /** Values for "prompt at runtime" mappings, e.g. `[{ entityType: 'Version', entityName: 'Actual' }]`. */
  mappingParameters?: readonly MappingParameter[] | undefined;
  /** Aborts starting the task (a task already started keeps running). */
  signal?: AbortSignal | undefined;
}

/** Options shared by `runImport`, `runExport` and `runProcess`: those of `run()`, and how to wait for the task. */
export interface RunActionOptions extends RunOptions {
  /** How to wait for the task (deadline, poll interval, progress callback). */
  wait?: Omit<WaitOptions, 'signal'> | undefined;
  /** Aborts the whole operation with an `AbortError` (a task already started keeps running on the server). */
  signal?: AbortSignal | undefined;
}

/** Failure rows kept on an import result when `dump.keepRows` is not given. */
export const defaultDumpKeepRows = 1000;

/** Largest failure dump read when `dump.maxBytes` is not given: 2 GiB. */
export const defaultDumpMaxBytes = 2 * 1024 ** 3;

/** Largest export file `runExport` reads into memory when `maxBytes` is not given: 128 MiB. */
export const defaultExportMaxBytes = 128 * 1024 ** 2;

/**
 * How `runImport` and `runProcess` read a failure dump. The dump is downloaded chunk by chunk and parsed record by
 * record, so memory stays about one chunk plus the rows kept, whatever the dump's size.
 */
export interface DumpReadOptions {
  /**
   * Failure rows kept on the result (`failures`). Every row is still read and counted (`failureCounts`); when more
   * rows arrive than are kept, `failuresTruncated` is true. `Infinity` keeps all. Memory grows with the rows kept
   * (and the garbage collector lets the heap grow to a multiple of what is kept), so keep what you will read.
   * @default 1000
   */
  keepRows?: number;
  /**
   * Refuse a dump larger than this many bytes with a `DownloadTooLargeError` (nothing of it is returned).
   * @default 2147483648 (2 GiB)
   */
  maxBytes?: number;
}

/** Options of `model.runImport`. */
export interface RunImportOptions extends RunActionOptions {
  /** How to upload the data (chunk size, gzip, progress). */
  upload?: Omit<UploadOptions, 'signal'>;
  /** How to read the failure dump (rows kept, size cap). */
  dump?: DumpReadOptions;
}

/** Options of `model.runExport` and `model.streamExport`. */
export interface RunExportOptions extends RunActionOptions {
  /**
   * Refuse an export file larger than this many bytes with a `DownloadTooLargeError`. `runExport` holds the file
   * and its rows in memory, so its cap is at most 536870888 (the longest text one string holds); `streamExport`
   * holds a few records at a time, so it has no cap unless given one.
   * @default 134217728 (128 MiB) for `runExport`; `Infinity` for `streamExport`
   */
  maxBytes?: number;
}

/** Options of `model.runProcess`. */
export interface RunProcessOptions extends RunActionOptions {
  /** Data to upload before the process runs, by file id (or name) of each import's data source. */
  uploads?: Readonly<Record<string, UploadSource>>;
  /** How to upload that data. */
  upload?: Omit<UploadOptions, 'signal'>;
  /** How to read each action's failure dump (rows kept, size cap). */
  dump?: DumpReadOptions;
}
