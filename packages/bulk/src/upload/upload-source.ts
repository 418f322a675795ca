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
