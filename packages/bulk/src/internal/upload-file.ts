import { createHash, type Hash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { isServerError } from '@anaplan-access/core';
import { UploadSourceChangedError } from '../errors/upload-source-changed-error.js';
import type { UploadOptions, UploadResult } from '../upload/upload-options.js';
import type { UploadSource } from '../upload/upload-source.js';
import { segment } from './api-client.js';
import { defaultChunkSizeBytes, minChunkSizeBytes } from './chunk-sizes.js';
import type { ModelScope } from './model-scope.js';
import { type RecordChunks, recordChunker } from './record-chunks.js';
import { type ReplayableSource, replayableSource } from './replayable-source.js';
import { envelopeSchema } from './schemas/envelope.js';
import { modelFileSchema } from './schemas/model-object-schemas.js';

const gzip = promisify(gzipCallback);

/** The chunk count that means "unknown: I will call complete". */
const unknownChunkCount = -1;
/** Data up to this size (and not gzipped) goes in one `PUT`, as Anaplan recommends for files under 1 MB. */
const singleUploadMaxBytes = 1024 * 1024;

/** Cuts one reading of upload data into chunks. */
type Chunker = (source: UploadSource) => RecordChunks;

/**
 * Uploads data to a model file. Small data (at most 1 MiB, not gzipped) goes in one `PUT`. Otherwise the upload is
 * chunked — the chunk count, then `PUT …/chunks/{n}` per chunk — in one of two ways:
 *
 * - **Known count** (text, bytes, an array of pieces, a file, or a stream that ends within its first chunk): the
 *   data is read once to count its chunks and again to send them, and `chunkCount: N` is announced; Anaplan
 *   commits the file when chunk N arrives, so `POST …/complete` is never called. Live probes saw `complete` answer
 *   500 to standard users. Should the second reading differ from the first (a file written to meanwhile), the
 *   upload stops before its last chunk with {@link UploadSourceChangedError}, so nothing mixed is committed.
 * - **Unknown count** (any other stream): `chunkCount: -1`, the chunks, then `POST …/complete`.
 *
 * Chunks are cut on record boundaries as the data is read, so memory stays about one chunk. Each chunk is sent
 * from its own buffer: chunk `PUT`s are idempotent, so the transport retries a failed one from that buffer, never
 * from the consumed source.
 * @internal
 */
export async function uploadFile(
  scope: ModelScope,
  fileId: string,
  data: UploadSource,
  options: UploadOptions = {},
): Promise<UploadResult> {
  // Anaplan takes chunks of 1 MiB to 50 MB: a chunk size outside them is refused here, before anything is read.
  const chunker = recordChunker(
    { chunkSizeBytes: options.chunkSizeBytes ?? defaultChunkSizeBytes, quote: options.quote },
    minChunkSizeBytes,
  );
  const upload = new ChunkedUpload(scope, fileId, options);
  const replayable = await replayableSource(data);
  if (replayable !== undefined) return uploadCounted(upload, replayable, chunker);

  const { chunks, recycle } = chunker(data);
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    // A stream that ends within its first chunk has a known count too. No local keeps a chunk: the array is emptied
    // as chunks are sent, so each chunk's buffer can be reused or freed once its request is done.
    const ahead = await readAhead(iterator, 2);
    if (ahead.length < 2) return await upload.known(ahead, ahead.length, ahead[0]?.length ?? 0, recycle);
    return await upload.streamed(ahead, iterator, recycle);
  } finally {
    await iterator.return?.();
  }
}

/** Up to `count` chunks from the start of `iterator` (fewer when it ends first). */
async function readAhead(
  iterator: AsyncIterator<Uint8Array, void, undefined>,
  count: number,
): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  while (chunks.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    chunks.push(next.value);
  }
  return chunks;
}

/** What the counting reading found. */
interface ChunkCount {
  count: number;
  bytes: number;
  /** SHA-256 of the data, for a file (which can change between the readings). */
  digest: string | undefined;
}

async function uploadCounted(
  upload: ChunkedUpload,
  source: ReplayableSource,
  chunker: Chunker,
): Promise<UploadResult> {
  let counted: ChunkCount;
  try {
    counted = await countChunks(source, chunker);
  } catch (error) {
    source.discard();
    throw error;
  }
  const { chunks, recycle } = chunker(source.forSending());
  const checked = sameChunks(
    chunks,
    counted,
    source.kind === 'file' ? createHash('sha256') : undefined,
    upload,
  );
  try {
    return await upload.known(checked, counted.count, counted.bytes, recycle);
  } finally {
    await checked.return(undefined);
  }
}

/** Reads the data once, chunking it as the upload will, to count the chunks (one chunk buffer, reused). */
async function countChunks(source: ReplayableSource, chunker: Chunker): Promise<ChunkCount> {
  const hash = source.kind === 'file' ? createHash('sha256') : undefined;
  const { chunks, recycle } = chunker(source.forCounting());
  let count = 0;
  let bytes = 0;
  for await (const chunk of chunks) {
    count += 1;
    bytes += chunk.length;
    hash?.update(chunk);
    recycle(chunk);
  }
  return { count, bytes, digest: hash?.digest('hex') };
}

/**
 * Yields the sending reading's chunks while checking they are the counted ones: the stream must end right after
 * chunk N (looked at before chunk N is handed out, since Anaplan commits the file on it) and, for a file, hash the
 * same. Throws {@link UploadSourceChangedError} otherwise.
 */
async function* sameChunks(
  chunks: AsyncGenerator<Uint8Array, void, undefined>,
  counted: ChunkCount,
  hash: Hash | undefined,
  upload: ChunkedUpload,
): AsyncGenerator<Uint8Array, void, undefined> {
  const changed = () =>
    new UploadSourceChangedError({ fileId: upload.fileId, expectedChunks: counted.count });
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    let produced = 0;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const chunk = next.value;
      produced += 1;
      hash?.update(chunk);
      if (produced > counted.count) throw changed();
      if (produced === counted.count) {
        if (!(await iterator.next()).done) throw changed();
        if (hash !== undefined && hash.digest('hex') !== counted.digest) throw changed();
      }
      yield chunk;
    }
    if (produced !== counted.count) throw changed();
  } finally {
    await iterator.return?.();
  }
}

/** The requests of one upload to one file. */
class ChunkedUpload {
  readonly fileId: string;
  readonly #scope: ModelScope;
  readonly #options: UploadOptions;
  readonly #path: string;

  constructor(scope: ModelScope, fileId: string, options: UploadOptions) {
    this.fileId = fileId;
    this.#scope = scope;
    this.#options = options;
    this.#path = `${scope.basePath}/files/${segment(fileId)}`;
  }

  /**
   * Uploads `count` chunks totalling `bytes`: in one `PUT` when that is allowed, otherwise with the count announced
   * up front (no `complete`).
   */
  async known(
    chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
    count: number,
    bytes: number,
    recycle: (chunk: Uint8Array) => void,
  ): Promise<UploadResult> {
    if (count === 0 || (count === 1 && bytes <= singleUploadMaxBytes && !this.#options.gzip)) {
      let body: Uint8Array = new Uint8Array(0);
      for await (const chunk of chunks) body = chunk;
      return this.#single(body);
    }
    await this.#announce(count);
    let sent = { chunks: 0, bytes: 0 };
    for await (const chunk of chunks) sent = await this.#sendChunk(chunk, sent, recycle);
    return {
      fileId: this.fileId,
      method: 'chunked',
      chunkCount: sent.chunks,
      bytes: sent.bytes,
      declaredChunkCount: count,
    };
  }

  /** Uploads a stream of unknown length: `chunkCount: -1`, the chunks (`first` ones already read), `complete`. */
  async streamed(
    first: Uint8Array[],
    rest: AsyncIterator<Uint8Array, void, undefined>,
    recycle: (chunk: Uint8Array) => void,
  ): Promise<UploadResult> {
    await this.#announce(unknownChunkCount);
    let sent = { chunks: 0, bytes: 0 };
    for (let chunk = first.shift(); chunk !== undefined; chunk = first.shift())
      sent = await this.#sendChunk(chunk, sent, recycle);
    for (let next = await rest.next(); !next.done; next = await rest.next())
      sent = await this.#sendChunk(next.value, sent, recycle);
    await this.#complete();
    return {
      fileId: this.fileId,
      method: 'chunked',
      chunkCount: sent.chunks,
      bytes: sent.bytes,
      declaredChunkCount: unknownChunkCount,
    };
  }

  async #single(body: Uint8Array): Promise<UploadResult> {
    this.#options.signal?.throwIfAborted();
    await this.#scope.api.send('PUT', this.#path, {
      body,
      contentType: 'application/octet-stream',
      signal: this.#options.signal,
    });
    this.#options.onProgress?.({ chunks: 1, bytes: body.length });
    return { fileId: this.fileId, method: 'single', chunkCount: 1, bytes: body.length };
  }

  async #announce(chunkCount: number): Promise<void> {
    await this.#scope.api.json('POST', this.#path, envelopeSchema('file', modelFileSchema.optional()), {
      json: { id: this.fileId, chunkCount },
      // Setting the chunk count again only restarts this user's pending upload: safe to repeat.
      idempotent: true,
      signal: this.#options.signal,
    });
  }

  async #sendChunk(
    chunk: Uint8Array,
    sent: { chunks: number; bytes: number },
    recycle: (chunk: Uint8Array) => void,
  ): Promise<{ chunks: number; bytes: number }> {
    const gzipped = this.#options.gzip === true;
    const body = gzipped ? new Uint8Array(await gzip(chunk)) : chunk;
    await this.#scope.api.send('PUT', `${this.#path}/chunks/${sent.chunks}`, {
      body,
      contentType: gzipped ? 'application/x-gzip' : 'application/octet-stream',
      signal: this.#options.signal,
    });
    const progress = { chunks: sent.chunks + 1, bytes: sent.bytes + chunk.length };
    // The request is done (retries included): its buffer can take the next chunk.
    recycle(chunk);
    this.#options.onProgress?.(progress);
    return progress;
  }

  async #complete(): Promise<void> {
    try {
      await this.#scope.api.json(
        'POST',
        `${this.#path}/complete`,
        envelopeSchema('file', modelFileSchema.optional()),
        {
          json: { id: this.fileId },
          // Completing an upload that is already complete changes nothing: safe to repeat.
          idempotent: true,
          signal: this.#options.signal,
        },
      );
    } catch (error) {
      if (isServerError(error)) {
        this.#scope.api.logger.warn(
          { fileId: this.fileId, status: error.status },
          'Completing a chunked upload failed. Anaplan has been seen to refuse POST …/complete (500) to users ' +
            'who are not administrators; pass the data as a string, bytes, or a file (fs.createReadStream(path) ' +
            'or a file: URL) so the chunk count is known and complete is not needed',
        );
      }
      throw error;
    }
  }
}
