// Tests: ../upload/record-chunker.test.ts, ./upload-file.test.ts, ../model/files-resource.test.ts
import { createReadStream } from 'node:fs';
import { ConfigurationError } from '@anaplan-access/core';
import type { RecordChunkerOptions } from '../upload/record-chunker-options.js';
import type { UploadSource } from '../upload/upload-source.js';
import { ChunkAssembler } from './chunk-assembler.js';
import { maxChunkSizeBytes } from './chunk-sizes.js';

/** One reading of a source, cut into chunks. @internal */
export interface RecordChunks {
  chunks: AsyncGenerator<Uint8Array, void, undefined>;
  /** Hands a chunk back once nothing reads it any more; the next chunk is assembled in its buffer. */
  recycle: (chunk: Uint8Array) => void;
}

/**
 * The one record chunker of the package (`chunkOnRecordBoundaries` and every upload use it). The options are
 * checked here, once, when the chunker is made, so a bad option is refused before any data is read: `chunkSizeBytes`
 * must be a whole number from `minimumChunkBytes` to `maxChunkBytes`. Each call of the returned function cuts one
 * reading of a source.
 *
 * @throws {ConfigurationError} naming `chunkSizeBytes` or `maxChunkBytes`.
 * @internal
 */
export function recordChunker(
  options: RecordChunkerOptions,
  minimumChunkBytes = 1,
): (source: UploadSource) => RecordChunks {
  const limit = options.maxChunkBytes ?? maxChunkSizeBytes;
  if (!Number.isSafeInteger(limit) || limit < minimumChunkBytes)
    throw new ConfigurationError(
      'maxChunkBytes',
      `Invalid option "maxChunkBytes": expected an integer of at least ${minimumChunkBytes}`,
    );
  const target = options.chunkSizeBytes;
  if (!Number.isSafeInteger(target) || target < minimumChunkBytes || target > limit)
    throw new ConfigurationError(
      'chunkSizeBytes',
      `Invalid option "chunkSizeBytes": expected an integer from ${minimumChunkBytes} to ${limit}` +
        (options.maxChunkBytes === undefined ? '' : ' (maxChunkBytes)'),
    );
  const quote = options.quote === false ? -1 : (options.quote ?? '"').charCodeAt(0);
  return (source) => {
    const assembler = new ChunkAssembler(target, limit, quote);
    async function* chunks(): AsyncGenerator<Uint8Array, void, undefined> {
      for await (const piece of pieces(source)) yield* assembler.push(piece);
      yield* assembler.end();
    }
    return { chunks: chunks(), recycle: (chunk) => assembler.recycle(chunk) };
  };
}

/** Any {@link UploadSource} as an async iterable of text and byte pieces, without reading it ahead or copying it. */
async function* pieces(source: UploadSource): AsyncGenerator<string | Uint8Array, void, undefined> {
  if (typeof source === 'string' || source instanceof Uint8Array) {
    yield source;
    return;
  }
  const readable = source instanceof URL ? createReadStream(source) : source;
  for await (const piece of readable as AsyncIterable<string | Uint8Array>) {
    if (typeof piece !== 'string' && !(piece instanceof Uint8Array)) {
      throw new TypeError(`Upload source yielded ${typeof piece}; expected string or Uint8Array pieces`);
    }
    yield piece;
  }
}
