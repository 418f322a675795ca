// Tests: ./redaction.test.ts, ../secrets.test.ts

import {
  isCredentialKey,
  redacted,
  redactHeaders,
  redactUrl,
  type SecretMatcher,
  scrubText,
  scrubWith,
  secretForms,
  secretMatcher,
  truncate,
} from './redaction.js';

/** Deeper than this, a value is replaced rather than walked (a cyclic or absurdly nested structure). */
const maxDepth = 32;

/** Binary values up to this size are searched for secrets; larger ones are left out of redacted copies. */
const maxSearchedBytes = 1024 * 1024;

/** The state of one redaction: the secrets, the copies made so far (for cycles) and whether anything changed. */
interface Walk {
  secrets: readonly string[];
  matcher: SecretMatcher;
  copies: Map<object, unknown>;
  changed: boolean;
}

/**
 * A redacted view of any value: a parsed body, log fields, or the `cause` of an error with its whole chain. Strings
 * are scrubbed of known secrets (raw and escaped, see `scrubText`); credential-named keys (`password`,
 * `refresh_token`, …) are masked; errors are copied with the same prototype, their `message`, `stack`, `cause` and
 * (for an `AggregateError`) `errors` redacted in turn; `Headers`, `Map`, `Set` and arrays are walked; a `Request` or
 * `Response` becomes its method or status and redacted URL (it may hold an `Authorization` header). Cycles are kept.
 *
 * When nothing needed redacting, `value` itself is returned, so an error's `cause` keeps its identity.
 *
 * @example
 * ```ts
 * redactValue(new Error('refused token abc123', { cause: { refresh_token: 'r' } }), ['abc123']);
 * // Error: refused token [REDACTED]  { [cause]: { refresh_token: '[REDACTED]' } }
 * ```
 */
export function redactValue(value: unknown, secrets: Iterable<string> = []): unknown {
  const known = [...secrets];
  const walk: Walk = { secrets: known, matcher: secretMatcher(known), copies: new Map(), changed: false };
  const copy = redactAt(value, walk, 0);
  return walk.changed ? copy : value;
}

/** Redacts a raw body text: JSON is parsed and masked key by key, anything else is scrubbed; then truncated. */
export function redactBodyText(text: string, secrets: Iterable<string>, limit: number): string {
  const secretList = [...secrets];
  // A huge body is cut (with room for a secret that starts before the cut) rather than parsed whole.
  const margin = Math.max(0, ...secretForms(secretList).map((form) => form.length)) * 48 + 64;
  if (text.length > limit + margin + 64 * 1024) {
    return truncate(scrubText(text.slice(0, limit + margin), secretList), limit);
  }
  let masked: string;
  try {
    masked = JSON.stringify(redactValue(JSON.parse(text), secretList));
  } catch {
    masked = scrubText(text, secretList);
  }
  return truncate(masked, limit);
}

function redactAt(value: unknown, walk: Walk, depth: number): unknown {
  if (typeof value === 'string') {
    const scrubbed = scrubWith(value, walk.matcher);
    if (scrubbed !== value) walk.changed = true;
    return scrubbed;
  }
  if (typeof value !== 'object' || value === null) return value;
  const known = walk.copies.get(value);
  if (known !== undefined) return known;
  if (depth > maxDepth) {
    walk.changed = true;
    return '[nested too deeply]';
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    walk.copies.set(value, copy);
    for (const item of value) copy.push(redactAt(item, walk, depth + 1));
    return copy;
  }
  if (value instanceof Error) return redactError(value, walk, depth);
  return redactObject(value, walk, depth);
}

function redactObject(value: object, walk: Walk, depth: number): unknown {
  if (value instanceof Date || value instanceof RegExp || value instanceof Promise) return value;
  if (value instanceof Headers) {
    const headers = redactHeaders(value, walk.secrets);
    if (Object.entries(headers).some(([name, item]) => value.get(name) !== item)) walk.changed = true;
    return new Headers(headers);
  }
  if (value instanceof Request || value instanceof Response) {
    walk.changed = true;
    const url = redactUrl(value.url, walk.secrets);
    return value instanceof Request ? { method: value.method, url } : { status: value.status, url };
  }
  if (value instanceof URL) {
    const url = redactUrl(value.href, walk.secrets);
    if (url === value.href) return value;
    walk.changed = true;
    return url;
  }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return redactBinary(value, walk);
  if (value instanceof Map) {
    const copy = new Map();
    walk.copies.set(value, copy);
    for (const [key, item] of value) {
      copy.set(redactAt(key, walk, depth + 1), redactEntry(key, item, walk, depth));
    }
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set();
    walk.copies.set(value, copy);
    for (const item of value) copy.add(redactAt(item, walk, depth + 1));
    return copy;
  }
  // Any other object, plain or not, is copied as a plain object of its own enumerable properties.
  const copy: Record<string, unknown> = {};
  walk.copies.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[key] = redactEntry(key, item, walk, depth);
  return copy;
}

/** The value of a property named `key`: masked when the name says it is a credential, otherwise walked. */
function redactEntry(key: unknown, item: unknown, walk: Walk, depth: number): unknown {
  if (typeof key === 'string' && isCredentialKey(key) && item !== null && item !== undefined && item !== '') {
    walk.changed = true;
    return redacted;
  }
  return redactAt(item, walk, depth + 1);
}

function redactBinary(value: ArrayBufferView | ArrayBuffer, walk: Walk): unknown {
  const bytes = ArrayBuffer.isView(value)
    ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    : new Uint8Array(value);
  if (walk.secrets.length === 0) return value;
  const text = Buffer.from(bytes.subarray(0, maxSearchedBytes)).toString('latin1');
  const holds =
    bytes.byteLength > maxSearchedBytes ||
    secretForms(walk.secrets).some((form) => text.includes(Buffer.from(form).toString('latin1')));
  if (!holds) return value;
  walk.changed = true;
  return `[${bytes.byteLength} bytes, ${redacted}]`;
}

/**
 * A copy of an error with the same prototype (so `instanceof`, `name` and `util.inspect` still work) and every own
 * property redacted: `message`, `stack`, `cause`, `errors` and any other.
 */
function redactError(error: Error, walk: Walk, depth: number): Error {
  // A DOMException keeps its name and message in internal slots; it is rebuilt rather than copied.
  const copy =
    error instanceof DOMException
      ? new DOMException(scrubWith(error.message, walk.matcher), error.name)
      : (Object.setPrototypeOf(new Error(), Object.getPrototypeOf(error)) as Error);
  walk.copies.set(error, copy);
  if (error instanceof DOMException && scrubWith(error.message, walk.matcher) !== error.message)
    walk.changed = true;
  for (const key of Reflect.ownKeys(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (!descriptor) continue;
    if (key === 'stack') {
      // V8 keeps `stack` behind an accessor of the original error: its text is read and redacted.
      const stack: unknown = Reflect.get(error, 'stack');
      Object.defineProperty(copy, key, {
        value: redactAt(stack, walk, depth + 1),
        writable: true,
        enumerable: descriptor.enumerable ?? false,
        configurable: true,
      });
      continue;
    }
    if ('value' in descriptor) {
      descriptor.value =
        typeof key === 'string'
          ? redactEntry(key, descriptor.value, walk, depth)
          : redactAt(descriptor.value, walk, depth + 1);
    }
    Object.defineProperty(copy, key, descriptor);
  }
  if (!Object.hasOwn(error, 'stack')) Reflect.deleteProperty(copy, 'stack');
  return copy;
}
