import { RecordTooLargeError } from '../errors/record-too-large-error.js';
import { toBytePieces, type UploadSource } from './upload-source.js';

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

const newline = 0x0a;

/**
 * Cuts a CSV byte stream into chunks that each end on a record boundary (after a `\n` that is not inside a quoted
 * cell), so no record, not even a quoted one that holds line breaks, is split between two chunks.
 *
 * Each chunk is at most `chunkSizeBytes` long unless one record alone is longer. Memory stays bounded: at most one
 * chunk plus one input piece is held. The quote tracking works on bytes and so needs an ASCII-compatible encoding
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
export async function* chunkOnRecordBoundaries(
  source: UploadSource,
  options: RecordChunkerOptions,
): AsyncGenerator<Uint8Array, void, undefined> {
  const target = options.chunkSizeBytes;
  const limit = options.maxChunkBytes ?? maxChunkSizeBytes;
  if (!Number.isSafeInteger(target) || target <= 0) {
    throw new RangeError(`chunkSizeBytes must be a positive integer, got ${target}`);
  }
  if (!Number.isSafeInteger(limit) || limit < target) {
    throw new RangeError(`maxChunkBytes must be an integer of at least chunkSizeBytes, got ${limit}`);
  }
  const quote = options.quote === false ? -1 : (options.quote ?? '"').charCodeAt(0);
  const pending = new PendingBytes();
  let inQuotes = false;
  /** End (exclusive) of the last complete record in `pending`, or 0 when there is none. */
  let lastBoundary = 0;

  for await (const piece of toBytePieces(source)) {
    if (piece.length === 0) continue;
    const base = pending.length;
    pending.push(piece);
    /** Bytes taken from `pending` since this piece was pushed: the piece now starts at `base - taken`. */
    let taken = 0;
    let index = 0;
    let nextQuote = quote < 0 ? -1 : piece.indexOf(quote, 0);
    let nextNewline = piece.indexOf(newline, 0);
    while (index < piece.length) {
      if (inQuotes) {
        if (nextQuote < index) nextQuote = piece.indexOf(quote, index);
        if (nextQuote < 0) break;
        inQuotes = false;
        index = nextQuote + 1;
        continue;
      }
      if (nextQuote >= 0 && nextQuote < index) nextQuote = piece.indexOf(quote, index);
      if (nextNewline >= 0 && nextNewline < index) nextNewline = piece.indexOf(newline, index);
      if (nextNewline >= 0 && (nextQuote < 0 || nextNewline < nextQuote)) {
        let boundary = base - taken + nextNewline + 1;
        index = nextNewline + 1;
        if (boundary > target) {
          if (lastBoundary > 0) {
            yield pending.take(lastBoundary);
            taken += lastBoundary;
            boundary -= lastBoundary;
            lastBoundary = 0;
          }
          if (boundary > target) {
            // One record longer than the target: it becomes a chunk of its own.
            if (boundary > limit) throw new RecordTooLargeError({ limitBytes: limit });
            yield pending.take(boundary);
            taken += boundary;
            boundary = 0;
          }
        }
        lastBoundary = boundary;
      } else if (nextQuote >= 0) {
        inQuotes = true;
        index = nextQuote + 1;
      } else {
        break;
      }
    }
    // No later boundary can fall within the target any more: cut now, so memory stays at about one chunk.
    if (pending.length >= target && lastBoundary > 0) {
      yield pending.take(lastBoundary);
      lastBoundary = 0;
    }
    if (pending.length > limit) throw new RecordTooLargeError({ limitBytes: limit });
  }
  if (pending.length > 0) yield pending.take(pending.length);
}

/** A queue of byte pieces from which a prefix of any length can be taken. */
class PendingBytes {
  #pieces: Uint8Array[] = [];
  length = 0;

  push(piece: Uint8Array): void {
    this.#pieces.push(piece);
    this.length += piece.length;
  }

  /** Removes and returns the first `count` bytes (a view when they lie in one piece, otherwise a copy). */
  take(count: number): Uint8Array {
    this.length -= count;
    const first = this.#pieces[0];
    if (first && first.length >= count) {
      const taken = first.subarray(0, count);
      if (first.length === count) this.#pieces.shift();
      else this.#pieces[0] = first.subarray(count);
      return taken;
    }
    const result = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const piece = this.#pieces[0]!;
      const needed = count - filled;
      if (piece.length <= needed) {
        result.set(piece, filled);
        filled += piece.length;
        this.#pieces.shift();
      } else {
        result.set(piece.subarray(0, needed), filled);
        this.#pieces[0] = piece.subarray(needed);
        filled += needed;
      }
    }
    return result;
  }
}
