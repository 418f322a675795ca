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

/** Characters of a string encoded per piece, so a large string is never copied into one buffer at once. */
const stringSliceLength = 1024 * 1024;

const encoder = new TextEncoder();

/**
 * Turns any {@link UploadSource} into an async iterable of byte pieces without reading it ahead.
 * @internal
 */
export async function* toBytePieces(source: UploadSource): AsyncGenerator<Uint8Array, void, undefined> {
  if (typeof source === 'string') {
    yield* encodeString(source);
    return;
  }
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  for await (const piece of source as AsyncIterable<string | Uint8Array>) {
    if (typeof piece === 'string') yield* encodeString(piece);
    else if (piece instanceof Uint8Array) yield piece;
    else throw new TypeError(`Upload source yielded ${typeof piece}; expected string or Uint8Array pieces`);
  }
}

function* encodeString(text: string): Generator<Uint8Array, void, undefined> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + stringSliceLength);
    // Never split a UTF-16 surrogate pair across two pieces.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield encoder.encode(text.slice(start, end));
    start = end;
  }
}
