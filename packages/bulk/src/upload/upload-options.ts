/** Options of `files.upload` (and of the upload inside `runImport`). */
export interface UploadOptions {
  /**
   * Target chunk size of a chunked upload, 1 MiB to 50 MB. Chunks end on record boundaries, so each is at most this
   * size unless one record alone is longer. Memory use is about one chunk (two when gzip is on).
   * @default 10485760 (10 MiB)
   */
  chunkSizeBytes?: number;
  /**
   * Compress each chunk with gzip (`Content-Type: application/x-gzip`). Forces a chunked upload of any non-empty data,
   * since a single request cannot be compressed. The chunk size limits apply to the uncompressed data. @default false
   */
  gzip?: boolean;
  /** The file's text delimiter, or `false` when it has none (see `chunkOnRecordBoundaries`). @default '"' */
  quote?: string | false;
  /** Aborts the upload with an `AbortError`; chunks already sent stay on the server until the next upload. */
  signal?: AbortSignal | undefined;
  /** Called after each chunk is stored. */
  onProgress?: (progress: UploadProgress) => void;
}

/** Progress of an upload. */
export interface UploadProgress {
  /** Chunks stored so far. */
  chunks: number;
  /** Uncompressed bytes stored so far. */
  bytes: number;
}

/** What an upload did. */
export interface UploadResult {
  fileId: string;
  /** `single` (one `PUT` of the whole file) or `chunked` (the chunk count, then one `PUT` per chunk). */
  method: 'single' | 'chunked';
  /** Chunks sent (1 for a single upload). */
  chunkCount: number;
  /** Uncompressed bytes sent. */
  bytes: number;
  /**
   * For a chunked upload, the `chunkCount` announced before the chunks: their number when the size was known up
   * front (Anaplan commits the file once they all arrived), or `-1` for a stream of unknown length, which was then
   * finished with `POST …/complete`. Absent for a single upload.
   */
  declaredChunkCount?: number;
}
