// Tests: ../upload/record-chunker.test.ts, ./upload-file.test.ts
import { RecordTooLargeError } from '../errors/record-too-large-error.js';

const newline = 0x0a;
const encoder = new TextEncoder();

/**
 * Builds upload chunks in place: text is encoded and bytes are copied straight into a buffer of the target size, so
 * each chunk costs one allocation and input pieces are not kept. Scans for record boundaries as bytes arrive (a
 * `\n` outside a quoted cell) and cuts at the last boundary within the target; a record longer than the target
 * gets a chunk of its own, up to `limit`.
 * @internal
 */
export class ChunkAssembler {
  readonly #target: number;
  readonly #limit: number;
  /** The quote byte, or -1 when quotes are not tracked. */
  readonly #quote: number;
  #buffer: Uint8Array;
  /** Bytes written to `#buffer`. */
  #length = 0;
  /** Bytes of `#buffer` already scanned. */
  #scanned = 0;
  #inQuotes = false;
  /** End of the last complete record within the target, or of the first record past it; 0 when none. */
  #boundary = 0;
  /** Whether scanning stopped at a boundary past the target (a cut is due there). */
  #cutDue = false;
  /** A buffer of the target size handed back by the consumer, to fill next instead of allocating one. */
  #spare: Uint8Array | undefined;

  constructor(target: number, limit: number, quote: number) {
    this.#target = target;
    this.#limit = limit;
    this.#quote = quote;
    this.#buffer = new Uint8Array(0);
  }

  /** Adds a piece of input; yields every chunk it completes. */
  *push(piece: string | Uint8Array): Generator<Uint8Array, void, undefined> {
    if (typeof piece === 'string') {
      let position = 0;
      while (position < piece.length) {
        this.#ensureRoom();
        const rest = position === 0 ? piece : piece.slice(position);
        const { read, written } = encoder.encodeInto(rest, this.#buffer.subarray(this.#length));
        position += read;
        this.#length += written;
        yield* this.#settle(read === 0);
      }
      return;
    }
    let offset = 0;
    while (offset < piece.length) {
      this.#ensureRoom();
      const count = Math.min(piece.length - offset, this.#buffer.length - this.#length);
      this.#buffer.set(piece.subarray(offset, offset + count), this.#length);
      offset += count;
      this.#length += count;
      yield* this.#settle(false);
    }
  }

  /**
   * Hands back the buffer of a chunk the consumer no longer needs (nothing may read that chunk afterwards), so the
   * next chunk is assembled in it instead of in a new allocation.
   */
  recycle(chunk: Uint8Array): void {
    const buffer = chunk.buffer;
    if (chunk.byteOffset === 0 && buffer instanceof ArrayBuffer && buffer.byteLength === this.#target) {
      this.#spare = new Uint8Array(buffer);
    }
  }

  /** Ends the input; yields the remaining chunks. */
  *end(): Generator<Uint8Array, void, undefined> {
    for (;;) {
      this.#scan();
      if (this.#cutDue || (this.#length > this.#target && this.#boundary > 0)) {
        yield this.#cut(this.#boundary);
        continue;
      }
      if (this.#length > 0) yield this.#cut(this.#length);
      return;
    }
  }

  /** Scans what was added; cuts while a cut is due; grows the buffer when it is full without a boundary. */
  *#settle(stuck: boolean): Generator<Uint8Array, void, undefined> {
    for (;;) {
      this.#scan();
      const full = stuck || (this.#length === this.#buffer.length && this.#buffer.length >= this.#target);
      if (this.#cutDue || (full && this.#boundary > 0)) {
        yield this.#cut(this.#boundary);
        stuck = false;
        continue;
      }
      if (full) this.#grow();
      return;
    }
  }

  /** Scans `[#scanned, #length)` for quotes and record boundaries, in linear time. */
  #scan(): void {
    const view = this.#buffer.subarray(0, this.#length);
    const quote = this.#quote;
    let index = this.#scanned;
    // Positions of the next quote and newline at or after `index`; -1 when there is none, -2 when not looked up.
    let nextQuote = quote < 0 ? -1 : -2;
    let nextNewline = -2;
    const findQuote = () => {
      if (nextQuote === -2 || (nextQuote >= 0 && nextQuote < index)) nextQuote = view.indexOf(quote, index);
      return nextQuote;
    };
    const findNewline = () => {
      if (nextNewline === -2 || (nextNewline >= 0 && nextNewline < index))
        nextNewline = view.indexOf(newline, index);
      return nextNewline;
    };
    while (index < view.length && !this.#cutDue) {
      if (this.#inQuotes) {
        const closing = findQuote();
        if (closing < 0) {
          index = view.length;
          break;
        }
        this.#inQuotes = false;
        index = closing + 1;
        continue;
      }
      const lineEnd = findNewline();
      const opening = findQuote();
      if (lineEnd >= 0 && (opening < 0 || lineEnd < opening)) {
        const boundary = lineEnd + 1;
        index = boundary;
        if (boundary <= this.#target) {
          this.#boundary = boundary;
        } else {
          if (this.#boundary === 0) this.#boundary = boundary;
          this.#cutDue = true;
        }
      } else if (opening >= 0) {
        this.#inQuotes = true;
        index = opening + 1;
      } else {
        index = view.length;
      }
    }
    this.#scanned = index;
  }

  /** Hands out `[0, at)` as a chunk and moves the rest to a fresh buffer, to be scanned again. */
  #cut(at: number): Uint8Array {
    if (at > this.#limit) throw new RecordTooLargeError({ limitBytes: this.#limit });
    const chunk = this.#buffer.subarray(0, at);
    const rest = this.#buffer.subarray(at, this.#length);
    const spare = this.#spare;
    this.#spare = undefined;
    this.#buffer =
      spare !== undefined && rest.length <= this.#target
        ? spare
        : new Uint8Array(Math.max(this.#target, rest.length));
    this.#buffer.set(rest);
    this.#length = rest.length;
    this.#scanned = 0;
    this.#inQuotes = false;
    this.#boundary = 0;
    this.#cutDue = false;
    return chunk;
  }

  /** Makes sure there is room to write: a buffer of at least the target size (a recycled one when available). */
  #ensureRoom(): void {
    if (this.#buffer.length >= this.#target) return;
    const spare = this.#spare;
    this.#spare = undefined;
    const room = spare !== undefined && this.#length <= this.#target ? spare : new Uint8Array(this.#target);
    room.set(this.#buffer.subarray(0, this.#length));
    this.#buffer = room;
  }

  /** No boundary within the buffer: one record is longer than the target. Grow towards the limit. */
  #grow(): void {
    if (this.#buffer.length >= this.#limit) throw new RecordTooLargeError({ limitBytes: this.#limit });
    const grown = new Uint8Array(Math.min(this.#limit, Math.max(this.#buffer.length * 2, this.#length + 4)));
    grown.set(this.#buffer.subarray(0, this.#length));
    this.#buffer = grown;
  }
}
