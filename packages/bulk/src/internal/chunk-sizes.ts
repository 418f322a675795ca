// Tests: ../model/files-resource.test.ts, ../upload/record-chunker.test.ts
/** Anaplan's smallest recommended upload chunk: 1 MiB. @internal */
export const minChunkSizeBytes = 1024 * 1024;
/** Anaplan's largest upload chunk: 50 MB (of uncompressed data). @internal */
export const maxChunkSizeBytes = 50_000_000;
/** The default target chunk size of an upload: 10 MiB. @internal */
export const defaultChunkSizeBytes = 10 * 1024 * 1024;
