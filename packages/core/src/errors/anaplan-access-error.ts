// Tests: ./errors.test.ts, ../secrets.test.ts

import { errorBrand } from '../internal/error-brand.js';
import { redactValue } from '../internal/redact-value.js';
import { scrubText } from '../internal/redaction.js';

/** The kind of the root class; every lineage starts with it. */
const rootKind = 'anaplan-access';

/**
 * Root of every error thrown by the anaplan-access packages.
 *
 * Each class declares a static `kind`; an instance records the kinds of its whole class chain under a
 * `Symbol.for('anaplan-access.error')` brand, and the `is…Error()` guards test that lineage instead of `instanceof`; {@link ErrorKinds} lists the kinds.
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
