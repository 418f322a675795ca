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
 * that tells its type. A string is its length, `"` and the string itself (the length, not a terminator, says where
 * it ends, so no string has to be scanned or escaped), `~` stands for undefined, `T`/`F` for booleans, `#n;` is a
 * count and `[n;` starts a list of n strings, and anything else goes in as the canonical JSON text. Much cheaper than
 * the canonical JSON of a whole state: nothing is copied, and the text reaches the hash in pieces.
 */
export class FingerprintWriter {
  readonly #hash: Hash = createHash('sha256');
  #text = '';

  /** A string, or undefined. */
  text(value: string | undefined): void {
    this.#text += value === undefined ? '~' : `${value.length}"${value}`;
    if (this.#text.length > flushAt) this.#flush();
  }

  /** A boolean, or undefined. */
  flag(value: boolean | undefined): void {
    this.#text += value === undefined ? '~' : value ? 'T' : 'F';
  }

  /** A count (a length written before the items it counts). */
  count(value: number): void {
    this.#text += `#${value};`;
  }

  /** A list of strings: its length, then each item. */
  texts(values: readonly string[] | undefined): void {
    if (values === undefined) {
      this.#text += '~';
      return;
    }
    this.#text += `[${values.length};`;
    for (const value of values) this.text(value);
  }

  /** Any other value, as canonical JSON (`~` when it has none, like undefined or a function). */
  other(value: unknown): void {
    this.text(value === undefined ? undefined : canonicalJson(value));
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
