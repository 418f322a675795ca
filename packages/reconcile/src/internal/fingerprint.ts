import { createHash, type Hash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal data always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}

/** Text is handed to the hash in pieces of about this many characters. */
const flushAt = 1 << 16;

/**
 * An incremental SHA-256 over an unambiguous text encoding, for large states: each value starts with a character
 * that tells its type. A string is `"` and the string up to a NUL (one that holds a NUL itself is `\u0001` and its
 * JSON, then a NUL), `~` stands for undefined, `T`/`F` for booleans, `[n` starts a list of n strings, and anything
 * else goes in as the canonical JSON text. Much cheaper than the canonical JSON of a whole
 * state: nothing is copied, and the text reaches the hash in pieces.
 */
export class FingerprintWriter {
  readonly #hash: Hash = createHash('sha256');
  #text = '';

  /** A string, or undefined. */
  text(value: string | undefined): void {
    if (value === undefined) this.#text += '~';
    else if (value.includes('\u0000')) this.#text += `\u0001${JSON.stringify(value)}\u0000`;
    else this.#text += `"${value}\u0000`;
    if (this.#text.length > flushAt) this.#flush();
  }

  /** A boolean. */
  flag(value: boolean | undefined): void {
    this.#text += value === undefined ? '~' : value ? 'T' : 'F';
  }

  /** A list of strings: its length, then each item. */
  texts(values: readonly string[] | undefined): void {
    if (values === undefined) {
      this.#text += '~';
      return;
    }
    this.#text += `[${values.length}\u0000`;
    for (const value of values) this.text(value);
  }

  /** Any other value, as canonical JSON (`~` when it has none, like undefined or a function). */
  other(value: unknown): void {
    const json = value === undefined ? undefined : canonicalJson(value);
    this.text(json === undefined ? undefined : json);
  }

  /**
   * The keys of `record` not named in `known`, with their values, in key order: a safety net so that a field added
   * to a type without teaching the encoder about it still changes the fingerprint.
   */
  extras(record: object, known: readonly string[]): void {
    let extra: Record<string, unknown> | undefined;
    for (const key of Object.keys(record)) {
      const value = (record as Record<string, unknown>)[key];
      if (value === undefined || known.includes(key)) continue;
      extra ??= {};
      extra[key] = value;
    }
    if (extra === undefined) this.#text += '.';
    else this.other(extra);
  }

  /** `sha256:<hex>` of everything written. */
  digest(): string {
    this.#flush();
    return `sha256:${this.#hash.digest('hex')}`;
  }

  #flush(): void {
    this.#hash.update(this.#text);
    this.#text = '';
  }
}
