import { recordChunks } from '../internal/record-chunks.js';
import { maxChunkSizeBytes } from './chunk-size-limits.js';
import type { UploadSource } from './upload-source.js';

/** Options of {@link chunkOnRecordBoundaries}. */
export interface RecordChunkerOptions {
  /** Target chunk size in bytes; each chunk ends at the last record boundary at or before it. */
  chunkSizeBytes: number;
  /**
   * Largest chunk ever produced. A single record longer than `chunkSizeBytes` makes a chunk of its own; one longer
   * than this limit is refused. @default 50000000 ({@link maxChunkSizeBytes})
   */
  maxChunkBytes?: number;
  /** The text delimiter that may enclose line breaks inside a cell, or `false` when the file has none. @default '"' */
  quote?: string | false;
}

/**
 * Cuts a CSV byte stream into chunks that each end on a record boundary (after a `\n` that is not inside a quoted
 * cell), so no record, not even a quoted one that holds line breaks, is split between two chunks.
 *
 * Each chunk is at most `chunkSizeBytes` long unless one record alone is longer. Memory stays bounded: text is
 * encoded and bytes are copied straight into one buffer of the chunk size, so about one chunk is held at a time. The quote tracking works on bytes and so needs an ASCII-compatible encoding
 * (UTF-8, ISO-8859-1, Windows-1252), not UTF-16; `\r\n` line endings are fine, bare `\r` ones are not recognised.
 *
 * @example
 * ```ts
 * for await (const chunk of chunkOnRecordBoundaries(fs.createReadStream('users.csv'), { chunkSizeBytes: 10e6 })) {
 *   await upload(chunk);
 * }
 * ```
 * @throws {RecordTooLargeError} when one record is longer than `maxChunkBytes`.
 * @throws {RangeError} when `chunkSizeBytes` is not a positive integer.
 */
export function chunkOnRecordBoundaries(
  source: UploadSource,
  options: RecordChunkerOptions,
): AsyncGenerator<Uint8Array, void, undefined> {
  return recordChunks(source, options).chunks;
}
