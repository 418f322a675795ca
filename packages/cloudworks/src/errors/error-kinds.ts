import type { CloudWorksNameConflictError } from './name-conflict-error.js';
import type { CloudWorksPeerMissingError } from './peer-missing-error.js';
import type { CloudWorksRunTimeoutError } from './run-timeout-error.js';
import type { CloudWorksStorageWriteError } from './storage-write-error.js';

/** The kinds of `@anaplan-access/cloudworks`'s errors, with the class each stands for. */
export interface CloudWorksErrorKinds {
  /** Several objects share the name an ensure or find went by ({@link CloudWorksNameConflictError}). */
  'cloudworks-name-conflict': CloudWorksNameConflictError;
  /** An optional peer dependency a storage writer needs is missing ({@link CloudWorksPeerMissingError}). */
  'cloudworks-peer-missing': CloudWorksPeerMissingError;
  /** A run or flow run that did not stop before the wait's deadline ({@link CloudWorksRunTimeoutError}). */
  'cloudworks-run-timeout': CloudWorksRunTimeoutError;
  /** A file that could not be written to the bucket or container ({@link CloudWorksStorageWriteError}). */
  'cloudworks-storage-write': CloudWorksStorageWriteError;
}

declare module '@anaplan-access/core' {
  /** The kinds of `@anaplan-access/cloudworks`'s errors, known to `isAnaplanAccessError` once the package is imported. */
  interface ErrorKinds extends CloudWorksErrorKinds {}
}

/**
 * The error kinds of this package, for `isAnaplanAccessError(error, kind)` (which narrows to the error's class).
 *
 * @example
 * ```ts
 * if (isAnaplanAccessError(error, 'cloudworks-run-timeout')) console.log(error.runId);
 * ```
 */
export type CloudWorksErrorKind = keyof CloudWorksErrorKinds;
