import type { Readable } from 'node:stream';

/**
 * Data to upload: text, bytes, a Node.js `Readable`, or any (async) iterable of text or byte pieces (for example an
 * async generator that produces CSV lines lazily). Text is sent as UTF-8.
 */
export type UploadSource =
  | string
  | Uint8Array
  | Readable
  | AsyncIterable<string | Uint8Array>
  | Iterable<string | Uint8Array>;

/**
 * Turns any {@link UploadSource} into an async iterable of text and byte pieces without reading it ahead or
 * copying it.
 * @internal
 */
export async function* toPieces(source: UploadSource): AsyncGenerator<string | Uint8Array, void, undefined> {
  if (typeof source === 'string' || source instanceof Uint8Array) {
    yield source;
    return;
  }
  for await (const piece of source as AsyncIterable<string | Uint8Array>) {
    if (typeof piece !== 'string' && !(piece instanceof Uint8Array)) {
      throw new TypeError(`Upload source yielded ${typeof piece}; expected string or Uint8Array pieces`);
    }
    yield piece;
  }
}
