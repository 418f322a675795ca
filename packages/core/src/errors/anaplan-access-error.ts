import { redactValue } from '../internal/redact-value.js';
import { scrubText } from '../internal/redaction.js';

/**
 * The brand every error of this SDK carries, registered globally with `Symbol.for` so that it survives duplicate
 * installs and ESM/CJS double loads (where `instanceof` silently fails). Its value is the error's kind lineage.
 */
const errorBrand: unique symbol = Symbol.for('anaplan-access.error') as never;

/** The kind of the root class; every lineage starts with it. */
const rootKind = 'anaplan-access';

/**
 * Root of every error thrown by the anaplan-access packages.
 *
 * Each class declares a static `kind`; an instance records the kinds of its whole class chain under a
 * `Symbol.for('anaplan-access.error')` brand, and the `is…Error()` guards test that lineage instead of `instanceof`.
 * A package that adds its own subclass (for example a SCIM error extending {@link ApiError}) only declares
 * `static override readonly kind = 'scim'` and is recognised by `isApiError` and `isAnaplanAccessError(x, 'scim')`.
 *
 * Messages never contain credentials: every subclass redacts what it is given when it is built, and the `cause` chain
 * is kept as a redacted view (known secrets, raw or escaped, and credential-named values masked at every depth).
 *
 * @example
 * ```ts
 * try {
 *   await transport.request({ api: 'api', method: 'GET', path: '/users/me' });
 * } catch (error) {
 *   if (isAnaplanAccessError(error)) console.log(error.kind, error.message);
 * }
 * ```
 */
export class AnaplanAccessError extends Error {
  /** The kind of this class; subclasses override it. */
  static readonly kind: string = rootKind;
  override readonly name: string = 'AnaplanAccessError';
  /** The most specific kind of this error, e.g. `rate-limit` for a `RateLimitError`. */
  readonly kind: string;
  declare readonly [errorBrand]: readonly string[];

  /**
   * @param options - `cause`: the underlying error or value, kept as a redacted view (see `redactValue`): the whole
   * chain of causes (and an `AggregateError`'s `errors`) is scrubbed of `secrets` and of credential-shaped values,
   * and keeps its identity when nothing needed redacting. `secrets`: known secret values to scrub from the message
   * and the cause; not kept.
   */
  constructor(message: string, options?: { cause?: unknown; secrets?: Iterable<string> }) {
    const secrets = [...(options?.secrets ?? [])];
    super(
      scrubText(message, secrets),
      options?.cause === undefined ? undefined : { cause: redactValue(options.cause, secrets) },
    );
    const lineage = kindLineage(new.target);
    this.kind = lineage.at(-1) ?? rootKind;
    Object.defineProperty(this, errorBrand, { value: lineage, enumerable: false });
  }

  /** A plain, credential-free view for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, message: this.message };
  }
}

function kindLineage(errorClass: unknown): string[] {
  const kinds: string[] = [];
  let current = errorClass;
  while (typeof current === 'function') {
    if (Object.hasOwn(current, 'kind')) {
      const kind = (current as { kind?: unknown }).kind;
      if (typeof kind === 'string') kinds.unshift(kind);
    }
    if (current === AnaplanAccessError) break;
    current = Object.getPrototypeOf(current);
  }
  return kinds;
}

/**
 * Whether `value` is an error of this SDK (any package, any installed copy), optionally of a given kind.
 *
 * @param kind - a kind such as `api`, `rate-limit` or a kind declared by another package; subclasses match too.
 * @example
 * ```ts
 * if (isAnaplanAccessError(error, 'timeout')) { … }
 * ```
 */
export function isAnaplanAccessError(value: unknown, kind?: string): value is AnaplanAccessError {
  if (typeof value !== 'object' || value === null) return false;
  const lineage = (value as { [errorBrand]?: unknown })[errorBrand];
  if (!Array.isArray(lineage)) return false;
  return kind === undefined || lineage.includes(kind);
}
