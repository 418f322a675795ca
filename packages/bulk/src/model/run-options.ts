import type { MappingParameter } from '../tasks/task-types.js';
import type { WaitOptions } from '../tasks/wait-options.js';
import type { UploadOptions } from '../upload/upload-options.js';
import type { UploadSource } from '../upload/upload-source.js';

/** Options shared by `runImport`, `runExport` and `runProcess`. */
export interface RunActionOptions {
  /** Values for "prompt at runtime" mappings. */
  mappingParameters?: readonly MappingParameter[];
  /** How to wait for the task (deadline, poll interval, progress callback). */
  wait?: Omit<WaitOptions, 'signal'>;
  /** Aborts the whole operation with an `AbortError` (a task already started keeps running on the server). */
  signal?: AbortSignal;
}

/** Options of `model.runImport`. */
export interface RunImportOptions extends RunActionOptions {
  /** How to upload the data (chunk size, gzip, progress). */
  upload?: Omit<UploadOptions, 'signal'>;
}

/** Options of `model.runProcess`. */
export interface RunProcessOptions extends RunActionOptions {
  /** Data to upload before the process runs, by file id (or name) of each import's data source. */
  uploads?: Readonly<Record<string, UploadSource>>;
  /** How to upload that data. */
  upload?: Omit<UploadOptions, 'signal'>;
}
