// Tests: ./guards.test.ts, ../model/run-export.test.ts, ../model/run-import.test.ts
import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';

/** What a {@link DownloadTooLargeError} is built from. */
export interface DownloadTooLargeErrorInit {
  /** What was downloaded, e.g. `export 116000000001`. */
  what: string;
  /** The API path of the file or dump. */
  path: string;
  /** The cap that was passed, in bytes. */
  limitBytes: number;
  /** The option that sets the cap, e.g. `maxBytes` or `dump.maxBytes`. */
  option: string;
}

/**
 * An export file or failure dump is larger than the cap its reader was given, so it was refused before it could
 * exhaust memory. The download stops at the first chunk past the cap. Raise the option named in the message, or
 * read the file as a stream (`model.streamExport`), which holds about one chunk at a time.
 *
 * @example
 * ```ts
 * try {
 *   await model.runExport('Users export', { maxBytes: 64 * 1024 * 1024 });
 * } catch (error) {
 *   if (isDownloadTooLargeError(error)) console.log(error.limitBytes, error.option);
 * }
 * ```
 */
export class DownloadTooLargeError extends AnaplanAccessError {
  static override readonly kind: string = 'download-too-large';
  override readonly name: string = 'DownloadTooLargeError';
  readonly what: string;
  readonly path: string;
  readonly limitBytes: number;
  /** The option that sets the cap. */
  readonly option: string;

  constructor(init: DownloadTooLargeErrorInit) {
    super(
      `${init.what} is larger than ${init.limitBytes} bytes (the "${init.option}" option); it was refused, not read in part`,
    );
    this.what = init.what;
    this.path = init.path;
    this.limitBytes = init.limitBytes;
    this.option = init.option;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      what: this.what,
      path: this.path,
      limitBytes: this.limitBytes,
      option: this.option,
    };
  }
}

/**
 * Whether `value` is a {@link DownloadTooLargeError} (from any installed copy of the package).
 *
 * @example
 * ```ts
 * if (isDownloadTooLargeError(error)) console.log(`refused above ${error.limitBytes} bytes`);
 * ```
 */
export const isDownloadTooLargeError = (value: unknown): value is DownloadTooLargeError =>
  isAnaplanAccessError(value, 'download-too-large');
