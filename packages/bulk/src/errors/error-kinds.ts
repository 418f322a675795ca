import type { ActionNotFoundError } from './action-not-found-error.js';
import type { CsvFormulaError } from './csv-formula-error.js';
import type { CsvReadError } from './csv-read-error.js';
import type { DownloadReadError } from './download-read-error.js';
import type { DownloadTooLargeError } from './download-too-large-error.js';
import type { RecordTooLargeError } from './record-too-large-error.js';
import type { TaskFailedError } from './task-failed-error.js';
import type { TaskTimeoutError } from './task-timeout-error.js';
import type { UploadSourceChangedError } from './upload-source-changed-error.js';
import type { UsersImportRowError } from './users-import-row-error.js';

/** The kinds of `@anaplan-access/bulk`'s errors, with the class each stands for. */
export interface BulkErrorKinds {
  /** No import, export, process, action or file has that id or name ({@link ActionNotFoundError}). */
  'action-not-found': ActionNotFoundError;
  /** A CSV cell refused under `formulaPolicy: 'refuse'` ({@link CsvFormulaError}). */
  'csv-formula': CsvFormulaError;
  /** A CSV text that cannot be read completely ({@link CsvReadError}). */
  'csv-read': CsvReadError;
  /** An export file or failure dump that arrived incomplete ({@link DownloadReadError}). */
  'download-read': DownloadReadError;
  /** An export file or failure dump over its size cap ({@link DownloadTooLargeError}). */
  'download-too-large': DownloadTooLargeError;
  /** A CSV record longer than the largest upload chunk ({@link RecordTooLargeError}). */
  'record-too-large': RecordTooLargeError;
  /** A cancelled task, or an unsuccessful export ({@link TaskFailedError}). */
  'task-failed': TaskFailedError;
  /** A task that did not finish before the wait's deadline ({@link TaskTimeoutError}). */
  'task-timeout': TaskTimeoutError;
  /** Upload data that changed while it was uploaded ({@link UploadSourceChangedError}). */
  'upload-source-changed': UploadSourceChangedError;
  /** A row `usersImport.toCsv` cannot write ({@link UsersImportRowError}). */
  'users-import-row': UsersImportRowError;
}

declare module '@anaplan-access/core' {
  /** The kinds of `@anaplan-access/bulk`'s errors, known to `isAnaplanAccessError` once the package is imported. */
  interface ErrorKinds extends BulkErrorKinds {}
}

/**
 * The error kinds of this package, for `isAnaplanAccessError(error, kind)` (which narrows to the error's class).
 *
 * @example
 * ```ts
 * if (isAnaplanAccessError(error, 'task-timeout')) await model.imports.task(error.actionId, error.taskId).cancel();
 * ```
 */
export type BulkErrorKind = keyof BulkErrorKinds;
