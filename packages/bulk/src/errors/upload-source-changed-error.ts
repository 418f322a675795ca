// Tests: ./guards.test.ts, ../internal/upload-file.test.ts
import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';

/**
 * The data of an upload changed while it was being uploaded. A file (or in-memory data) is read twice: once to count
 * its chunks, so that Anaplan is told the chunk count up front, and once to send them. When the second reading gives
 * other chunks than the first, the upload stops before its last chunk, so Anaplan never commits the mixed content;
 * the file on the server keeps its previous content. Upload again once the file is no longer being written.
 *
 * @example
 * ```ts
 * if (isUploadSourceChangedError(error)) console.log(error.fileId, error.expectedChunks);
 * ```
 */
export class UploadSourceChangedError extends AnaplanAccessError {
  static override readonly kind: string = 'upload-source-changed';
  override readonly name: string = 'UploadSourceChangedError';
  /** The Anaplan file being uploaded to. */
  readonly fileId: string;
  /** The chunk count the first reading gave (and Anaplan was told). */
  readonly expectedChunks: number;

  constructor(init: { fileId: string; expectedChunks: number }) {
    super(
      `The data uploaded to file ${init.fileId} changed during the upload (${init.expectedChunks} chunks were ` +
        'counted, the data read again differed); nothing was committed, upload it again once it is complete',
    );
    this.fileId = init.fileId;
    this.expectedChunks = init.expectedChunks;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), fileId: this.fileId, expectedChunks: this.expectedChunks };
  }
}

/**
 * Whether `value` is an {@link UploadSourceChangedError} (by the SDK's brand, not `instanceof`).
 *
 * @example
 * ```ts
 * if (isUploadSourceChangedError(error)) await upload(); // the file was still being written: try again
 * ```
 */
export const isUploadSourceChangedError = (value: unknown): value is UploadSourceChangedError =>
  isAnaplanAccessError(value, 'upload-source-changed');
