// Tests: ./errors.test.ts, ../transport/transport-retry.test.ts, ../call-options.test.ts

import { redactUrl } from '../internal/redaction.js';
import { AnaplanAccessError } from './anaplan-access-error.js';

/** What a {@link ConnectionError}, {@link TimeoutError} or {@link AbortError} is built from. */
export interface RequestErrorInit {
  /** HTTP method of the request. */
  method: string;
  /** Full request URL; credential query parameters are masked. */
  url: string;
  /** The underlying error (never a request object). */
  cause?: unknown;
  /** Known secret values to scrub from the message; not kept. */
  secrets?: Iterable<string>;
}

/**
 * Base of the errors about a request that got no HTTP response: {@link ConnectionError}, {@link TimeoutError} and
 * {@link AbortError}. Public so that one check covers them (`isRequestError`), and each carries the `method` and
 * the `url` (credentials masked) of the request.
 *
 * @example
 * ```ts
 * if (isRequestError(error) && !isAbortError(error)) console.log(`no answer to ${error.method} ${error.url}`);
 * ```
 */
export abstract class RequestError extends AnaplanAccessError {
  static override readonly kind: string = 'request';
  /** HTTP method of the request. */
  readonly method: string;
  /** Request URL with credential query parameters masked. */
  readonly url: string;

  /**
   * @param describe - the message, from the method (upper-cased) and the URL (credentials masked).
   * @param init - the request and the cause.
   */
  constructor(describe: (method: string, url: string) => string, init: RequestErrorInit) {
    const secrets = [...(init.secrets ?? [])];
    const url = redactUrl(init.url, secrets);
    const method = init.method.toUpperCase();
    super(describe(method, url), init.cause === undefined ? { secrets } : { cause: init.cause, secrets });
    this.method = method;
    this.url = url;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), method: this.method, url: this.url };
  }
}

/**
 * The connection failed before a response arrived (DNS, refused, reset, TLS). Idempotent requests were
 * already retried; a non-idempotent one may or may not have reached the server.
 */
export class ConnectionError extends RequestError {
  static override readonly kind: string = 'connection';
  override readonly name: string = 'ConnectionError';

  constructor(init: RequestErrorInit) {
    super((method, url) => `${method} ${url} failed: ${describeCause(init.cause)}`, init);
  }
}

/**
 * No response arrived within the timeout (`timeoutMs`, per attempt), or a call ran past its deadline
 * (`CallOptions.timeoutMs`: the request in flight was cut). Idempotent requests were already retried; a
 * non-idempotent one may or may not have been processed.
 */
export class TimeoutError extends RequestError {
  static override readonly kind: string = 'timeout';
  override readonly name: string = 'TimeoutError';
  /** The timeout that elapsed, in ms: the attempt's (`timeoutMs`), or the call's deadline. */
  readonly timeoutMs: number | undefined;

  constructor(init: RequestErrorInit & { timeoutMs?: number }) {
    super(
      (method, url) =>
        `${method} ${url} timed out${init.timeoutMs === undefined ? '' : ` after ${init.timeoutMs} ms`}`,
      init,
    );
    this.timeoutMs = init.timeoutMs;
  }
}

/** The caller's `AbortSignal` fired. Never retried. `cause` holds the signal's reason. */
export class AbortError extends RequestError {
  static override readonly kind: string = 'abort';
  override readonly name: string = 'AbortError';

  constructor(init: RequestErrorInit) {
    super((method, url) => `${method} ${url} was aborted`, init);
  }
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return 'network error';
  const code = (cause as { code?: unknown }).code;
  const inner = cause.cause instanceof Error ? cause.cause : undefined;
  const innerCode = (inner as { code?: unknown } | undefined)?.code;
  const parts = [cause.message, inner?.message, typeof code === 'string' ? code : undefined];
  if (typeof innerCode === 'string' && !parts.some((part) => part?.includes(innerCode)))
    parts.push(innerCode);
  return parts.filter((part): part is string => Boolean(part)).join(': ') || 'network error';
}
