// Tests: ./plan-digest.test.ts, ./fingerprints.test.ts

import { Buffer } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
import { endianness } from 'node:os';

const bigEndian = endianness() === 'BE';

/** JSON with object keys sorted at every level, so equal data always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}

/** Text is handed to its hash in pieces of about this many characters. */
const flushAt = 1 << 16;
/** At most this many repeated strings get a number: the rest, unlikely to repeat, are written in full. */
const maxRepeated = 1 << 12;
/** Numbers that stand for something else than a length or a count. */
const absent = 0xffff_ffff;
const firstTime = 0xffff_fffe;
const sameList = 0xffff_fffd;

/**
 * An incremental fingerprint of large states, in two streams: the characters of every string, one after another,
 * and a stream of 32-bit numbers that holds the structure (each string's length, counts, flags, references to
 * strings seen before). Together they encode the state unambiguously: knowing the fields in order, a reader could
 * cut the characters back into the strings. Strings are hashed as UTF-16, so no text is lost to an encoding. Much
 * cheaper than canonical JSON: the structure costs no text at all, and the characters reach the hash in pieces.
 * The fingerprint is the SHA-256 of both streams' SHA-256.
 */
export class FingerprintWriter {
  readonly #textHash: Hash = createHash('sha256');
  readonly #numberHash: Hash = createHash('sha256');
  #text = '';
  readonly #numbers = new Uint32Array(1 << 14);
  #count = 0;
  /** Repeated strings seen so far → their number. */
  readonly #seen = new Map<string, number>();
  /** The last list written for each kind of list (see {@link FingerprintWriter.repeatedList}). */
  readonly #lists = new Map<string, readonly string[]>();

  /** A string, or undefined. */
  text(value: string | undefined): void {
    if (value === undefined) {
      this.#number(absent);
      return;
    }
    this.#number(value.length);
    this.#text += value;
    if (this.#text.length > flushAt) this.#flushText();
  }

  /** A boolean, or undefined. */
  flag(value: boolean | undefined): void {
    this.#number(value === undefined ? absent : value ? 1 : 0);
  }

  /** A count (a length written before the items it counts). */
  count(value: number): void {
    this.#number(value);
  }

  /** A list of strings: its length, then each item. */
  texts(values: readonly string[] | undefined): void {
    if (values === undefined) {
      this.#number(absent);
      return;
    }
    this.#number(values.length);
    for (const value of values) this.text(value);
  }

  /**
   * A string that repeats across the state (ids, access keys): in full the first time, then as its number in order
   * of first appearance (the first 4,096 distinct strings get one). Less to hash for the same information.
   */
  repeated(value: string): void {
    const number = this.#seen.get(value);
    if (number !== undefined) {
      this.#number(number);
      return;
    }
    if (this.#seen.size < maxRepeated) this.#seen.set(value, this.#seen.size);
    this.#number(firstTime);
    this.text(value);
  }

  /** A list of repeating strings: its length, then each item (see {@link FingerprintWriter.repeated}). */
  repeatedTexts(values: readonly string[]): void {
    this.#number(values.length);
    for (const value of values) this.repeated(value);
  }

  /**
   * A list of repeating strings of some kind (`workspaces`, …): one number when it holds the same strings as the
   * last list of that kind, which neighbouring users usually do, otherwise as {@link FingerprintWriter.repeatedTexts}.
   */
  repeatedList(kind: string, values: readonly string[]): void {
    const last = this.#lists.get(kind);
    if (
      last !== undefined &&
      last.length === values.length &&
      last.every((value, at) => value === values[at])
    ) {
      this.#number(sameList);
      return;
    }
    this.#lists.set(kind, values);
    this.repeatedTexts(values);
  }

  /** Any other value, as canonical JSON (absent when it has none, like undefined or a function). */
  other(value: unknown): void {
    this.text(value === undefined ? undefined : canonicalJson(value));
  }

  /** `sha256:<hex>` of everything written. */
  digest(): string {
    this.#flushText();
    this.#flushNumbers();
    const both = createHash('sha256').update(this.#textHash.digest()).update(this.#numberHash.digest());
    return `sha256:${both.digest('hex')}`;
  }

  #number(value: number): void {
    if (this.#count === this.#numbers.length) this.#flushNumbers();
    this.#numbers[this.#count] = value;
    this.#count += 1;
  }

  #flushText(): void {
    this.#textHash.update(this.#text, 'utf16le');
    this.#text = '';
  }

  #flushNumbers(): void {
    const bytes = Buffer.from(this.#numbers.buffer, 0, this.#count * 4);
    // The numbers are hashed little-endian wherever this runs, so a fingerprint means the same on every machine.
    if (bigEndian) bytes.swap32();
    this.#numberHash.update(bytes);
    this.#count = 0;
  }
}
