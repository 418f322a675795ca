// Tests: ./guards.test.ts, ../upload/record-chunker.test.ts
import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';

/**
 * One CSV record (or a run of bytes without any record boundary, for example an unclosed quote) is longer than the
 * largest upload chunk, so it cannot be uploaded without splitting it.
 *
 * @example
 * ```ts
 * if (isRecordTooLargeError(error)) console.log(`a record is longer than ${error.limitBytes} bytes`);
 * ```
 */
export class RecordTooLargeError extends AnaplanAccessError {
  static override readonly kind: string = 'record-too-large';
  override readonly name: string = 'RecordTooLargeError';
  /** The chunk size limit, in bytes. */
  readonly limitBytes: number;

  constructor(init: { limitBytes: number }) {
    super(
      `A CSV record is longer than the largest upload chunk (${init.limitBytes} bytes); ` +
        'check for an unclosed quote or raise chunkSizeBytes',
    );
    this.limitBytes = init.limitBytes;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), limitBytes: this.limitBytes };
  }
}

/**
 * Whether `value` is a {@link RecordTooLargeError} (by the SDK's brand: also one from another
 * installed copy of the package).
 *
 * @example
 * ```ts
 * if (isRecordTooLargeError(error)) console.log(`a record is longer than ${error.limitBytes} bytes`);
 * ```
 */
export const isRecordTooLargeError = (value: unknown): value is RecordTooLargeError =>
  isAnaplanAccessError(value, 'record-too-large');
