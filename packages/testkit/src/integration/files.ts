// Tests: ./file-routes.test.ts, ./upload-retain.test.ts

import { gunzipSync } from 'node:zlib';
import { ApiFailure } from './envelope.js';
import type { SimFile } from './store.js';

/** The largest chunk the API accepts, uncompressed: "a chunk is expected to be between 1 and 50 MB". */
export const maximumChunkBytes = 50 * 1024 * 1024;

/** The most chunks a file may have ("max 1000 chunks per file", a secondary source). */
export const maximumChunkCount = 1000;

/** Chunk size of files the server writes (export output, dumps): dump chunks are "10mb or less". */
export const serverChunkBytes = 10 * 1024 * 1024;

/** What the user sees of a file: their private content, else the default content. */
export function fileContent(file: SimFile, userId: string): Buffer[] | undefined {
  const content = file.privateContent.get(userId) ?? file.defaultContent;
  return content && content.length > 0 ? content : undefined;
}

/** The file's content as one buffer, or `undefined` when it has none. */
export function fileBytes(file: SimFile, userId: string): Buffer | undefined {
  const content = fileContent(file, userId);
  return content ? Buffer.concat(content) : undefined;
}

/** The file object of `GET .../files` and of the upload responses, as the user sees it. */
export function fileJson(file: SimFile, userId: string): Record<string, unknown> {
  const pending = file.uploads.get(userId);
  const chunkCount = pending ? pending.chunkCount : (fileContent(file, userId)?.length ?? 0);
  return {
    id: file.id,
    name: file.name,
    chunkCount,
    delimiter: file.delimiter,
    encoding: file.encoding,
    firstDataRow: file.firstDataRow,
    format: file.format,
    headerRow: file.headerRow,
    separator: file.separator,
  };
}

/** Splits bytes into server-side chunks (at least one chunk, even when empty). */
export function splitIntoChunks(bytes: Buffer, size = serverChunkBytes): Buffer[] {
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.subarray(start, start + size));
  return chunks.length > 0 ? chunks : [Buffer.alloc(0)];
}

/** The media type of a `Content-Type` header, lower-cased and without parameters (`''` when there is none). */
function mediaType(contentType: string | undefined): string {
  return contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Checks the `Content-Type` of an upload and tells whether its body is gzip. A single `PUT` of a whole file is never
 * gzip (415: "cannot be compressed"). With the `uploadContentTypes` switch `'strict'`, a whole file must be
 * `application/octet-stream` and a chunk that or `application/x-gzip` (what the spec and the clients of record
 * send); any other type, or none, is refused with 415. With `'any'`, `application/x-gzip` and `application/gzip`
 * chunks are gzip and every other type is raw bytes.
 *
 * @throws {ApiFailure} 415.
 */
export function uploadEncoding(
  contentType: string | undefined,
  upload: 'file' | 'chunk',
  rule: 'strict' | 'any',
): 'raw' | 'gzip' {
  const type = mediaType(contentType);
  const gzip = type === 'application/x-gzip' || (rule === 'any' && type === 'application/gzip');
  if (gzip && upload === 'file')
    throw new ApiFailure(
      415,
      'A file uploaded in a single request cannot be compressed; upload it in chunks',
    );
  if (rule === 'strict' && !gzip && type !== 'application/octet-stream')
    throw new ApiFailure(
      415,
      `Unsupported Media Type '${type || '(none)'}': send application/octet-stream` +
        (upload === 'chunk' ? ' (or application/x-gzip for a gzipped chunk)' : ''),
    );
  return gzip ? 'gzip' : 'raw';
}

/**
 * Reads a chunk body: a gzip body (see {@link uploadEncoding}) is decompressed (400 when it is not gzip). The
 * uncompressed chunk must not exceed {@link maximumChunkBytes} (413).
 */
export function readChunkBody(body: Buffer, encoding: 'raw' | 'gzip'): Buffer {
  let bytes = body;
  if (encoding === 'gzip') {
    try {
      bytes = gunzipSync(body, { maxOutputLength: maximumChunkBytes + 1 });
    } catch (error) {
      if (error instanceof RangeError) throw new ApiFailure(413, 'Chunk is larger than 50 MB uncompressed');
      throw new ApiFailure(400, 'The chunk is not valid gzip data');
    }
  }
  if (bytes.length > maximumChunkBytes) throw new ApiFailure(413, 'Chunk is larger than 50 MB uncompressed');
  return bytes;
}

/** Commits a finished chunked upload as the user's private content. */
export function commitUpload(file: SimFile, userId: string): void {
  const pending = file.uploads.get(userId);
  if (!pending) return;
  const chunks: Buffer[] = [];
  for (let index = 0; index < pending.chunks.length; index += 1) {
    const chunk = pending.chunks[index];
    if (!chunk) throw new ApiFailure(400, `Chunk ${index} was not uploaded`);
    chunks.push(chunk);
  }
  file.privateContent.set(userId, chunks);
  file.uploads.delete(userId);
}

/**
 * What is kept of `bytes` when `kept` bytes of the file are kept already and at most `limit` may be (see the
 * `uploadRetainBytes` switch): everything, the part up to the last line break that fits, or nothing. A part is
 * copied, so the request body it came from can be freed.
 */
export function retainedPart(bytes: Buffer, kept: number, limit: number | null): Buffer {
  if (limit === null || kept + bytes.length <= limit) return bytes;
  const room = limit - kept;
  const cut = room > 0 ? bytes.lastIndexOf(0x0a, room - 1) : -1;
  return cut < 0 ? Buffer.alloc(0) : Buffer.from(bytes.subarray(0, cut + 1));
}

/**
 * Stores one chunk of a chunked upload; an upload with a known count commits itself once every chunk arrived.
 * With `retainLimit`, only that many bytes of the file are kept (see {@link retainedPart}).
 */
export function putChunk(
  file: SimFile,
  userId: string,
  index: number,
  bytes: Buffer,
  retainLimit: number | null = null,
): void {
  if (index >= maximumChunkCount)
    throw new ApiFailure(
      400,
      `Chunk ${index} is out of range: a file has at most ${maximumChunkCount} chunks`,
    );
  let pending = file.uploads.get(userId);
  if (!pending) {
    pending = { chunkCount: -1, chunks: [] };
    file.uploads.set(userId, pending);
  }
  if (pending.chunkCount >= 0 && index >= pending.chunkCount)
    throw new ApiFailure(400, `Chunk ${index} is out of range: the chunk count is ${pending.chunkCount}`);
  const kept = pending.chunks.reduce((sum, chunk) => sum + (chunk?.length ?? 0), 0);
  pending.chunks[index] = retainedPart(bytes, kept, retainLimit);
  if (pending.chunkCount > 0 && pending.chunks.filter(Boolean).length === pending.chunkCount)
    commitUpload(file, userId);
}
