import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/**
 * Data to upload: text, bytes, a `file:` URL, a Node.js `Readable`, or any (async) iterable of text or byte pieces
 * (for example an async generator that produces CSV lines lazily). Text is sent as UTF-8.
 *
 * Data whose size is known up front — text, bytes, an array of pieces, a `file:` URL, or a file stream from
 * `fs.createReadStream(path)` that nothing has read yet — is read twice: once to count its chunks, once to send
 * them, so Anaplan is told the chunk count and no `complete` call is needed. Any other stream is read once.
 */
export type UploadSource =
  | string
  | Uint8Array
  | URL
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
  const pieces = source instanceof URL ? createReadStream(source) : source;
  for await (const piece of pieces as AsyncIterable<string | Uint8Array>) {
    if (typeof piece !== 'string' && !(piece instanceof Uint8Array)) {
      throw new TypeError(`Upload source yielded ${typeof piece}; expected string or Uint8Array pieces`);
    }
    yield piece;
  }
}
