// Tests: ../csv-source.test.ts

import { SourceFailure } from './source-failure.js';

/**
 * Decodes a stream of chunks as strict UTF-8 (a leading byte order mark is dropped) and normalizes line breaks
 * (`\r\n` and a lone `\r` become `\n`), chunk by chunk, so that memory does not grow with the input.
 *
 * Bytes that are not UTF-8 stop the stream with a {@link SourceFailure} naming the byte offset (counted from 0) and
 * the line; string chunks are taken as already decoded.
 */
export async function* decodeUtf8Text(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  label: string,
): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending: Uint8Array = new Uint8Array(0);
  let byteOffset = 0;
  let lines = 0;
  let started = false;
  let carriageReturn = false;

  const normalizeLineBreaks = (text: string): string => {
    let result = carriageReturn ? `\r${text}` : text;
    carriageReturn = result.endsWith('\r');
    if (carriageReturn) result = result.slice(0, -1);
    result = result.replace(/\r\n?/g, '\n');
    lines += countLineFeeds(result);
    return result;
  };

  for await (const chunk of chunks) {
    let text: string;
    if (typeof chunk === 'string') {
      text = started ? chunk : chunk.replace(/^\uFEFF/, '');
    } else {
      const combined = pending.length === 0 ? chunk : concatenate(pending, chunk);
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw invalidBytes(label, combined, byteOffset - pending.length, lines);
      }
      pending = combined.subarray(combined.length - incompleteTailLength(combined));
      byteOffset += chunk.length;
    }
    if (text.length > 0) started = true;
    const normalized = normalizeLineBreaks(text);
    if (normalized.length > 0) yield normalized;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw invalidBytes(
      label,
      pending,
      byteOffset - pending.length,
      lines,
      ' (a character cut off at the end)',
    );
  }
  const last = normalizeLineBreaks(rest) + (carriageReturn ? '\n' : '');
  if (last.length > 0) yield last;
}

function invalidBytes(
  label: string,
  bytes: Uint8Array,
  startOffset: number,
  linesBefore: number,
  note = '',
): SourceFailure {
  const index = firstInvalidUtf8Index(bytes);
  const validPrefix = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, index));
  const line = linesBefore + countLineFeeds(validPrefix.replace(/\r\n?/g, '\n')) + 1;
  const byte = hex(bytes[index] ?? 0);
  return new SourceFailure(
    `${label} is not valid UTF-8: byte 0x${byte} at byte offset ${startOffset + index} (line ${line})${note}. ` +
      'Save the file as UTF-8 (in Excel: "CSV UTF-8").',
  );
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

/** How many `\n` a text holds. */
export function countLineFeeds(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

function concatenate(first: Uint8Array, second: Uint8Array): Uint8Array {
  const result = new Uint8Array(first.length + second.length);
  result.set(first);
  result.set(second, first.length);
  return result;
}

/** The length of a UTF-8 sequence starting with `lead` and the allowed range of its second byte, or undefined. */
function sequenceShape(lead: number): { length: number; low: number; high: number } | undefined {
  if (lead < 0x80) return { length: 1, low: 0, high: 0 };
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, low: 0x80, high: 0xbf };
  if (lead === 0xe0) return { length: 3, low: 0xa0, high: 0xbf };
  if (lead === 0xed) return { length: 3, low: 0x80, high: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { length: 3, low: 0x80, high: 0xbf };
  if (lead === 0xf0) return { length: 4, low: 0x90, high: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 4, low: 0x80, high: 0xbf };
  if (lead === 0xf4) return { length: 4, low: 0x80, high: 0x8f };
  return undefined;
}

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence (`bytes.length` if none). */
export function firstInvalidUtf8Index(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const shape = sequenceShape(bytes[index] as number);
    if (!shape) return index;
    for (let offset = 1; offset < shape.length; offset++) {
      const next = bytes[index + offset];
      if (next === undefined) return index;
      const [low, high] = offset === 1 ? [shape.low, shape.high] : [0x80, 0xbf];
      if (next < low || next > high) return index;
    }
    index += shape.length;
  }
  return bytes.length;
}

/** How many bytes at the end of well-formed `bytes` begin a character that the next chunk completes. */
function incompleteTailLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const shape = sequenceShape(byte);
    return shape && shape.length > back ? back : 0;
  }
  return 0;
}
