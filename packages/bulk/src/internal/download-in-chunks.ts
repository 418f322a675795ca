// Tests: ../model/run-export.test.ts, ../model/files-resource.test.ts
import { AbortError, ConnectionError, isAnaplanAccessError, TimeoutError } from '@anaplan-access/core';
import { DownloadReadError, type DownloadReadProblem } from '../errors/download-read-error.js';
import { DownloadTooLargeError } from '../errors/download-too-large-error.js';
import type { FileChunk } from '../model/model-object-types.js';
import { segment } from './api-client.js';
import type { ModelScope } from './model-scope.js';
import { fileChunkSchema } from './schemas/model-object-schemas.js';

/** How long one chunk (at most 50 MB) may take to arrive, from its request to its last byte: 5 minutes. */
export const chunkTimeoutMs = 5 * 60_000;

/** What a download must satisfy to count as complete. @internal */
export interface DownloadExpectations {
  /** Names the download in errors, e.g. `export 116000000001`. @default 'file at {path}' */
  what?: string;
  /**
   * The server said there is content (a finished export, `failureDumpAvailable`): a listing without chunks, or a
   * single empty chunk, is then a {@link DownloadReadError} (`no-content`). @default false
   */
  expectContent?: boolean;
  /** The chunk count the file's metadata announces, when known. */
  chunkCount?: number | undefined;
  /** Refuse the download once more bytes than this have arrived. */
  maxBytes?: number | undefined;
  /** The option that sets `maxBytes`, named in the error. @default 'maxBytes' */
  maxBytesOption?: string;
  /**
   * Yield the bytes as they arrive (a few KiB at a time), so that no chunk is ever held whole; otherwise each
   * chunk is yielded whole. @default false
   */
  pieces?: boolean;
}

/**
 * Lists `{path}/chunks` and downloads each chunk in order, yielding each chunk whole, or with `pieces` its bytes as
 * they arrive. The listing must be the
 * chunks `0` … `N-1`, each once (and `N` the file's `chunkCount` when known), and no chunk of a file with several
 * chunks may be empty: otherwise a part of the file is missing and a {@link DownloadReadError} is thrown before
 * (or instead of) the chunk that shows it. A missing `chunks` key (no content) yields nothing, unless content was
 * expected.
 * @internal
 */
export async function* downloadInChunks(
  scope: ModelScope,
  path: string,
  options: { signal?: AbortSignal | undefined; expect?: DownloadExpectations } = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const expect = options.expect ?? {};
  const fail = (problem: DownloadReadProblem, detail: string) =>
    new DownloadReadError({ what: expect.what ?? `file at ${path}`, path, problem, detail });
  const listed: FileChunk[] = await scope.api.listAll(`${path}/chunks`, 'chunks', fileChunkSchema, {
    signal: options.signal,
  });
  const order = chunkOrder(listed);
  if (typeof order === 'string') throw fail('chunk-list', order);
  if (expect.chunkCount !== undefined && expect.chunkCount !== order.length)
    throw fail(
      'chunk-count',
      `the file's metadata announces ${expect.chunkCount} chunk(s), the chunk listing has ${order.length}`,
    );
  if (order.length === 0) {
    if (expect.expectContent) throw fail('no-content', 'the chunk listing has no chunk');
    return;
  }
  let received = 0;
  for (const [position, chunk] of order.entries()) {
    let chunkBytes = 0;
    const whole: Uint8Array[] = [];
    for await (const piece of chunkBody(scope, `${path}/chunks/${segment(chunk.id)}`, options.signal)) {
      chunkBytes += piece.byteLength;
      received += piece.byteLength;
      if (expect.maxBytes !== undefined && received > expect.maxBytes)
        throw new DownloadTooLargeError({
          what: expect.what ?? `file at ${path}`,
          path,
          limitBytes: expect.maxBytes,
          option: expect.maxBytesOption ?? 'maxBytes',
        });
      if (expect.pieces) yield piece;
      else whole.push(piece);
    }
    if (chunkBytes === 0 && (order.length > 1 || expect.expectContent))
      throw fail(
        order.length > 1 ? 'empty-chunk' : 'no-content',
        `chunk ${position} of ${order.length} arrived without a byte`,
      );
    if (!expect.pieces) yield Buffer.concat(whole);
  }
}

/**
 * One chunk's body, piece by piece as it arrives: a piece is parsed and dropped at once, so a chunk (up to 50 MB)
 * is never held whole. The whole body must arrive within {@link chunkTimeoutMs}; a stall, a cut connection or the
 * caller's signal end it with the SDK's `TimeoutError`, `ConnectionError` or `AbortError`.
 */
async function* chunkBody(
  scope: ModelScope,
  path: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<Uint8Array, void, undefined> {
  const deadline = AbortSignal.timeout(chunkTimeoutMs);
  const init = { method: 'GET', url: scope.api.url(path) };
  try {
    const { data } = await scope.api.transport.request({
      api: 'api',
      method: 'GET',
      path,
      responseType: 'stream',
      headers: { accept: 'application/octet-stream, text/plain, */*' },
      signal: signal === undefined ? deadline : AbortSignal.any([signal, deadline]),
    });
    if (data) yield* data as AsyncIterable<Uint8Array>;
  } catch (error) {
    if (signal?.aborted)
      throw isAnaplanAccessError(error, 'abort') ? error : new AbortError({ ...init, cause: error });
    if (deadline.aborted) throw new TimeoutError({ ...init, timeoutMs: chunkTimeoutMs, cause: error });
    throw isAnaplanAccessError(error) ? error : new ConnectionError({ ...init, cause: error });
  }
}

/**
 * The listed chunks sorted by number, or what is wrong with the listing: ids must be `0` … `N-1`, each once (the
 * documented form; the chunks are concatenated in that order).
 */
function chunkOrder(listed: readonly FileChunk[]): FileChunk[] | string {
  const byNumber: (FileChunk | undefined)[] = new Array(listed.length);
  for (const chunk of listed) {
    const number = /^\d+$/.test(chunk.id) ? Number(chunk.id) : Number.NaN;
    if (!(number < listed.length))
      return `chunk id "${chunk.id}" is not one of 0 … ${listed.length - 1} (the listing has ${listed.length} chunk(s)): a chunk is missing or unknown`;
    if (byNumber[number] !== undefined) return `chunk ${number} is listed twice`;
    byNumber[number] = chunk;
  }
  return byNumber as FileChunk[];
}
