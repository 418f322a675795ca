import { createHash, type Hash } from 'node:crypto';
import type { Plan } from '../plan-types.js';

/** Text is handed to the hash in pieces of about this many characters. */
const flushAt = 1 << 16;

/**
 * `sha256:<hex>` over the canonical JSON (keys sorted at every level, undefined fields left out, as
 * `JSON.stringify` leaves them out) of every field of the plan but `digest` itself. The same for a plan in memory
 * and for that plan read back from its JSON rendering. The JSON is written to the hash in pieces, never built whole:
 * a plan of a large first load has hundreds of thousands of operations.
 */
export function planDigest(plan: Omit<Plan, 'digest'> | Plan): string {
  const { digest: _digest, ...content } = plan as Plan;
  const hash = createHash('sha256');
  const writer = new PieceWriter(hash);
  writeCanonical(content, writer);
  writer.flush();
  return `sha256:${hash.digest('hex')}`;
}

class PieceWriter {
  readonly #hash: Hash;
  #text = '';

  constructor(hash: Hash) {
    this.#hash = hash;
  }

  write(text: string): void {
    this.#text += text;
    if (this.#text.length > flushAt) this.flush();
  }

  flush(): void {
    this.#hash.update(this.#text, 'utf8');
    this.#text = '';
  }
}

/** Whether JSON leaves this value out of an object (and writes null for it in an array). */
function absent(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function writeCanonical(value: unknown, out: PieceWriter): void {
  if (value === null || typeof value !== 'object') {
    out.write(absent(value) ? 'null' : JSON.stringify(value));
    return;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    writeCanonical((value as { toJSON(): unknown }).toJSON(), out);
    return;
  }
  if (Array.isArray(value)) {
    out.write('[');
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) out.write(',');
      const item: unknown = value[index];
      writeCanonical(absent(item) ? null : item, out);
    }
    out.write(']');
    return;
  }
  out.write('{');
  let first = true;
  for (const key of Object.keys(value).sort()) {
    const inner = (value as Record<string, unknown>)[key];
    if (absent(inner)) continue;
    if (!first) out.write(',');
    first = false;
    out.write(JSON.stringify(key));
    out.write(':');
    writeCanonical(inner, out);
  }
  out.write('}');
}
