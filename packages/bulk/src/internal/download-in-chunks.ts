import { type FileChunk, fileChunkSchema } from '../schemas/model-object-schemas.js';
import { type CallOptions, segment } from './api-client.js';
import type { ModelScope } from './model-scope.js';

/**
 * Lists `{path}/chunks` and downloads each chunk in order. A missing `chunks` key (no content) yields nothing.
 */
export async function* downloadInChunks(
  scope: ModelScope,
  path: string,
  options: CallOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const chunks: FileChunk[] = await scope.api.listAll(`${path}/chunks`, 'chunks', fileChunkSchema, options);
  for (const chunk of chunks) yield await scope.api.bytes(`${path}/chunks/${segment(chunk.id)}`, options);
}
