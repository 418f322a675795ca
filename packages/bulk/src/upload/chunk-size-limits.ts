/** Anaplan's smallest recommended upload chunk: 1 MiB. */
export const minChunkSizeBytes = 1024 * 1024;
/** Anaplan's largest upload chunk: 50 MB (of uncompressed data). */
export const maxChunkSizeBytes = 50_000_000;
