import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { ConfigurationError } from '@anaplan-access/core';
import { envelopeSchema } from '../schemas/envelope.js';
import { modelFileSchema } from '../schemas/model-object-schemas.js';
import { maxChunkSizeBytes, minChunkSizeBytes } from '../upload/chunk-size-limits.js';
import {
  defaultChunkSizeBytes,
  singleUploadMaxBytes,
  type UploadOptions,
  type UploadResult,
} from '../upload/upload-options.js';
import type { UploadSource } from '../upload/upload-source.js';
import { segment } from './api-client.js';
import type { ModelScope } from './model-scope.js';
import { recordChunks } from './record-chunks.js';

const gzip = promisify(gzipCallback);

/**
 * Uploads data to a model file: one `PUT` when it is small (at most 1 MiB) and not gzipped, otherwise a chunked
 * upload (`POST` with `chunkCount: -1`, `PUT …/chunks/{n}` per chunk, `POST …/complete`). Chunks are cut on record
 * boundaries from the stream as it is read, so memory stays about one chunk. Each chunk is sent from its own
 * buffer: chunk `PUT`s are idempotent, so the transport retries a failed one from that buffer, never from the
 * consumed source.
 * @internal
 */
export async function uploadFile(
  scope: ModelScope,
  fileId: string,
  data: UploadSource,
  options: UploadOptions = {},
): Promise<UploadResult> {
  const chunkSizeBytes = options.chunkSizeBytes ?? defaultChunkSizeBytes;
  if (
    !Number.isInteger(chunkSizeBytes) ||
    chunkSizeBytes < minChunkSizeBytes ||
    chunkSizeBytes > maxChunkSizeBytes
  ) {
    throw new ConfigurationError(
      'chunkSizeBytes',
      `Invalid option "chunkSizeBytes": expected an integer from ${minChunkSizeBytes} to ${maxChunkSizeBytes}`,
    );
  }
  const filePath = `${scope.basePath}/files/${segment(fileId)}`;
  const signal = options.signal;
  const withSignal = signal === undefined ? {} : { signal };
  const { chunks, recycle } = recordChunks(data, {
    chunkSizeBytes,
    ...(options.quote === undefined ? {} : { quote: options.quote }),
  });
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    const first = await iterator.next();
    const pending: Uint8Array[] = [];
    if (!first.done) pending.push(first.value);
    if (!options.gzip && (first.done || first.value.length <= singleUploadMaxBytes)) {
      const second = first.done ? first : await iterator.next();
      if (second.done) {
        const body = first.done ? new Uint8Array(0) : first.value;
        signal?.throwIfAborted();
        await scope.api.send('PUT', filePath, {
          body,
          contentType: 'application/octet-stream',
          ...withSignal,
        });
        options.onProgress?.({ chunks: 1, bytes: body.length });
        return { fileId, method: 'single', chunkCount: 1, bytes: body.length };
      }
      pending.push(second.value);
    }

    await scope.api.json('POST', filePath, envelopeSchema('file', modelFileSchema.optional()), {
      json: { id: fileId, chunkCount: -1 },
      // Setting the chunk count again only restarts this user's pending upload: safe to repeat.
      idempotent: true,
      ...withSignal,
    });
    let index = 0;
    let bytes = 0;
    const sendChunk = async (chunk: Uint8Array) => {
      const body = options.gzip ? new Uint8Array(await gzip(chunk)) : chunk;
      await scope.api.send('PUT', `${filePath}/chunks/${index}`, {
        body,
        contentType: options.gzip ? 'application/x-gzip' : 'application/octet-stream',
        ...withSignal,
      });
      index += 1;
      bytes += chunk.length;
      // The request is done (retries included): its buffer can take the next chunk.
      recycle(chunk);
      options.onProgress?.({ chunks: index, bytes });
    };
    for (let chunk = pending.shift(); chunk !== undefined; chunk = pending.shift()) await sendChunk(chunk);
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      await sendChunk(next.value);
    await scope.api.json('POST', `${filePath}/complete`, envelopeSchema('file', modelFileSchema.optional()), {
      json: { id: fileId },
      // Completing an upload that is already complete changes nothing: safe to repeat.
      idempotent: true,
      ...withSignal,
    });
    return { fileId, method: 'chunked', chunkCount: index, bytes };
  } finally {
    await iterator.return?.();
  }
}
