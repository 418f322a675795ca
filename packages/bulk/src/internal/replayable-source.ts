// Tests: ./upload-file.test.ts
import { createReadStream, ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { UploadSource } from '../upload/upload-source.js';

/**
 * Upload data that can be read twice, so its chunks can be counted before the upload starts: text, bytes or an
 * array of pieces held in memory, or a regular file on disk.
 * @internal
 */
export interface ReplayableSource {
  /** `memory` cannot change between the readings; a `file` can, so its readings are compared. */
  readonly kind: 'memory' | 'file';
  /** A reading to count the chunks with. */
  forCounting(): UploadSource;
  /** The reading to send: the caller's own stream when they gave one, so it is consumed and closed as usual. */
  forSending(): UploadSource;
  /** Closes the caller's stream when the upload stops before sending (it would stay open otherwise). */
  discard(): void;
}

/**
 * The replayable form of `source`, or `undefined` for data that can be read once only (a stream or an iterator of
 * unknown length). A `file:` URL and an `fs.ReadStream` opened on a path (`createReadStream('users.csv')`) that
 * nothing has read yet count as files, when the path names a regular file (not a pipe or a device).
 * @internal
 */
export async function replayableSource(source: UploadSource): Promise<ReplayableSource | undefined> {
  if (typeof source === 'string' || source instanceof Uint8Array || Array.isArray(source)) {
    return { kind: 'memory', forCounting: () => source, forSending: () => source, discard: () => {} };
  }
  if (source instanceof URL) {
    if (!(await isRegularFile(fileURLToPath(source)))) return undefined;
    return {
      kind: 'file',
      forCounting: () => createReadStream(source),
      forSending: () => createReadStream(source),
      discard: () => {},
    };
  }
  const path = unreadFileStreamPath(source);
  if (path === undefined || !(await isRegularFile(path))) return undefined;
  return {
    kind: 'file',
    forCounting: () => createReadStream(path),
    forSending: () => source,
    discard: () => (source as ReadStream).destroy(),
  };
}

/** The path of an `fs.ReadStream` that reads a whole file as bytes and has not been read from. */
function unreadFileStreamPath(source: UploadSource): string | undefined {
  if (!(source instanceof ReadStream)) return undefined;
  const stream = source as ReadStream & { start?: number; end?: number };
  const whole =
    (stream.start ?? 0) === 0 && (stream.end ?? Number.POSITIVE_INFINITY) === Number.POSITIVE_INFINITY;
  const unread = stream.bytesRead === 0 && !stream.readableDidRead && !stream.destroyed;
  if (!whole || !unread || stream.readableEncoding !== null || typeof stream.path !== 'string')
    return undefined;
  return stream.path;
}

async function isRegularFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
