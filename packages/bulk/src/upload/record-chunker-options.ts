/** Options of {@link chunkOnRecordBoundaries}. */
export interface RecordChunkerOptions {
  /**
   * Target chunk size in bytes, a whole number from 1 to `maxChunkBytes`; each chunk ends at the last record
   * boundary at or before it.
   */
  chunkSizeBytes: number;
  /**
   * Largest chunk ever produced. A single record longer than `chunkSizeBytes` makes a chunk of its own; one longer
   * than this limit is refused. @default 50000000 (Anaplan's largest upload chunk)
   */
  maxChunkBytes?: number;
  /** The text delimiter that may enclose line breaks inside a cell, or `false` when the file has none. @default '"' */
  quote?: string | false;
}
