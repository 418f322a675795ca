import { maxChunkSizeBytes } from '../upload/chunk-size-limits.js';
import type { RecordChunkerOptions } from '../upload/record-chunker.js';
import { toPieces, type UploadSource } from '../upload/upload-source.js';
import { ChunkAssembler } from './chunk-assembler.js';

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
