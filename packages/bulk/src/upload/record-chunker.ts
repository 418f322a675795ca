import { ChunkAssembler } from './chunk-assembler.js';
import { toPieces, type UploadSource } from './upload-source.js';

/** Anaplan's smallest recommended upload chunk: 1 MiB. */
export const minChunkSizeBytes = 1024 * 1024;
/** Anaplan's largest upload chunk: 50 MB (of uncompressed data). */
export const maxChunkSizeBytes = 50_000_000;

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

/**
 * {@link chunkOnRecordBoundaries} with buffer recycling: hand a chunk back with `recycle` once nothing reads it any
 * more, and the next chunk is assembled in its buffer.
 * @internal
 */
export function recordChunks(
  source: UploadSource,
  options: RecordChunkerOptions,
): { chunks: AsyncGenerator<Uint8Array, void, undefined>; recycle: (chunk: Uint8Array) => void } {
  const target = options.chunkSizeBytes;
  const limit = options.maxChunkBytes ?? maxChunkSizeBytes;
  if (!Number.isSafeInteger(target) || target <= 0) {
    throw new RangeError(`chunkSizeBytes must be a positive integer, got ${target}`);
  }
  if (!Number.isSafeInteger(limit) || limit < target) {
    throw new RangeError(`maxChunkBytes must be an integer of at least chunkSizeBytes, got ${limit}`);
  }
  const quote = options.quote === false ? -1 : (options.quote ?? '"').charCodeAt(0);
  const assembler = new ChunkAssembler(target, limit, quote);
  async function* chunks(): AsyncGenerator<Uint8Array, void, undefined> {
    for await (const piece of toPieces(source)) yield* assembler.push(piece);
    yield* assembler.end();
  }
  return { chunks: chunks(), recycle: (chunk) => assembler.recycle(chunk) };
}
