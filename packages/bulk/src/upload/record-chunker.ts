import { recordChunker } from '../internal/record-chunks.js';
import type { RecordChunkerOptions } from './record-chunker-options.js';
import type { UploadSource } from './upload-source.js';

/**
 * Cuts a CSV byte stream into chunks that each end on a record boundary (after a `\n` that is not inside a quoted
 * cell), so no record, not even a quoted one that holds line breaks, is split between two chunks. Uploads use the
 * same chunker.
 *
 * Each chunk is at most `chunkSizeBytes` long unless one record alone is longer. Memory stays bounded: text is
 * encoded and bytes are copied straight into one buffer of the chunk size, so about one chunk is held at a time.
 * The quote tracking works on bytes and so needs an ASCII-compatible encoding (UTF-8, ISO-8859-1, Windows-1252),
 * not UTF-16; `\r\n` line endings are fine, bare `\r` ones are not recognised.
 *
 * @example
 * ```ts
 * for await (const chunk of chunkOnRecordBoundaries(fs.createReadStream('users.csv'), { chunkSizeBytes: 10e6 })) {
 *   await upload(chunk);
 * }
 * ```
 * @throws {ConfigurationError} (at once) when `chunkSizeBytes` is not a whole number from 1 to `maxChunkBytes`, or
 *   `maxChunkBytes` is not a positive whole number.
 * @throws {RecordTooLargeError} when one record is longer than `maxChunkBytes`.
 */
export function chunkOnRecordBoundaries(
  source: UploadSource,
  options: RecordChunkerOptions,
): AsyncGenerator<Uint8Array, void, undefined> {
  return recordChunker(options)(source).chunks;
}
