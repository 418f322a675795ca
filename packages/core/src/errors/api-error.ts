// Tests: ./errors.test.ts, ../transport/transport.test.ts

import { redactValue } from '../internal/redact-value.js';
import { redactHeaders, redactUrl, scrubText, truncate } from '../internal/redaction.js';
import { parseRetryAfter } from '../internal/retry-after.js';
import { AnaplanAccessError } from './anaplan-access-error.js';

/** Largest error body kept on an {@link ApiError}, in characters of its JSON or text form. */
export const maxErrorBodyLength = 64 * 1024;

/** Response headers that may carry a request id, in the order they are looked up. */
const requestIdHeaders = [
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'x-amzn-requestid',
  'x-amz-request-id',
];

/**
 * What an {@link ApiError} is built from. Everything is redacted when the error is built. `Status` is the statuses
 * the class stands for (`404` for a {@link NotFoundError}).
 */
export interface ApiErrorInit<Status extends number = number> {
  /** HTTP status of the response. */
  status: Status;
  /** HTTP method of the request. */
  method: string;
  /** Full URL of the request; credential query parameters are masked. */
  url: string;
  /** Response headers; credential headers are masked. */
  headers?: Headers | Record<string, string | undefined>;
  /** The response body, already read once: parsed JSON, text, or `undefined` when empty. */
  body?: unknown;
  /** A message to use instead of the one derived from the status and the body. */
  message?: string;
  /**
   * Known secret values (passwords, tokens, …) to scrub from the message, URL, headers and body. They are used
   * while the error is built and not kept.
   */
  secrets?: Iterable<string>;
}

/**
 * The server answered with a non-2xx status. Subclasses exist per status (see {@link ApiError.from}), each with its
 * status as a literal type, so that a guard narrows it: after `isNotFoundError(error)`, `error.status` is `404`.
 *
 * `body` is the response body read exactly once when the error was built (parsed JSON, or text), with
 * credential-named keys masked and cut to 64 KB; callers never need to read the response again.
 *
 * @example
 * ```ts
 * try { … } catch (error) {
 *   if (isApiError(error) && error.status === 404) return undefined;
 *   throw error;
 * }
 * ```
 */
export class ApiError<Status extends number = number> extends AnaplanAccessError {
  static override readonly kind: string = 'api';
  override readonly name: string = 'ApiError';
  /** HTTP status code. */
  readonly status: Status;
  /** HTTP method of the failed request. */
  readonly method: string;
  /** Request URL with credential query parameters masked. */
  readonly url: string;
  /** Response headers (lower-case names) with credential values masked. */
  readonly headers: Readonly<Record<string, string>>;
  /** Response body: parsed JSON when the server sent JSON, otherwise text; `undefined` when empty. */
  readonly body: unknown;
  /** The server's request id (`x-request-id` or a similar header), for support tickets. */
  readonly requestId: string | undefined;

  constructor(init: ApiErrorInit<Status>) {
    const secrets = [...(init.secrets ?? [])];
    const url = redactUrl(init.url, secrets);
    const method = init.method.toUpperCase();
    const body = boundBody(redactValue(init.body, secrets));
    const message = scrubText(init.message ?? describeFailure(method, url, init.status, body), secrets);
    super(message);
    this.status = init.status;
    this.method = method;
    this.url = url;
    this.headers = redactHeaders(init.headers, secrets);
    this.body = body;
    this.requestId = requestIdHeaders.map((name) => this.headers[name]).find((value) => value !== undefined);
  }

  /**
   * Builds the subclass that matches the status: 400 {@link BadRequestError}, 401 {@link AuthenticationError},
   * 403 {@link PermissionDeniedError}, 404 {@link NotFoundError}, 409 {@link ConflictError},
   * 429 {@link RateLimitError}, 5xx {@link ServerError}; any other status gives a plain `ApiError`.
   *
   * @example
   * ```ts
   * const error = ApiError.from({ status: 404, method: 'GET', url, body: { status: { code: 404 } } });
   * isNotFoundError(error); // true
   * ```
   */
  static from(init: ApiErrorInit): ApiError {
    const status = init.status;
    if (status === 400) return new BadRequestError({ ...init, status });
    if (status === 401) return new AuthenticationError({ ...init, status });
    if (status === 403) return new PermissionDeniedError({ ...init, status });
    if (status === 404) return new NotFoundError({ ...init, status });
    if (status === 409) return new ConflictError({ ...init, status });
    if (status === 429) return new RateLimitError({ ...init, status });
    if (status >= 500) return new ServerError(init);
    return new ApiError(init);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      method: this.method,
      url: this.url,
      requestId: this.requestId,
      body: this.body,
    };
  }
}

/** 400: the request was malformed or refused as invalid. */
export class BadRequestError extends ApiError<400> {
  static override readonly kind: string = 'bad-request';
  override readonly name: string = 'BadRequestError';
}

/**
 * The statuses of an {@link AuthenticationError}: 401 from an API call; 400, 401 or 403 from the auth or OAuth
 * service refusing the credentials.
 */
export type AuthenticationStatus = 400 | 401 | 403;

/**
 * 401: missing, expired or invalid credentials. Also thrown when authenticating itself fails (wrong password,
 * unknown certificate, a refused or expired OAuth grant), with the status the auth service used (400, 401 or 403).
 */
export class AuthenticationError extends ApiError<AuthenticationStatus> {
  static override readonly kind: string = 'authentication';
  override readonly name: string = 'AuthenticationError';
}

/** 403: authenticated, but the user lacks the permission (for example a missing tenant role). */
export class PermissionDeniedError extends ApiError<403> {
  static override readonly kind: string = 'permission-denied';
  override readonly name: string = 'PermissionDeniedError';
}

/** 404: unknown id, or an object the caller may not see (Anaplan answers 404 for both). */
export class NotFoundError extends ApiError<404> {
  static override readonly kind: string = 'not-found';
  override readonly name: string = 'NotFoundError';
}

/** 409: conflict with the current state (for example a user that already exists, or a busy model). */
export class ConflictError extends ApiError<409> {
  static override readonly kind: string = 'conflict';
  override readonly name: string = 'ConflictError';
}

/** 429: rate limited. Thrown once the transport's retries are used up. */
export class RateLimitError extends ApiError<429> {
  static override readonly kind: string = 'rate-limit';
  override readonly name: string = 'RateLimitError';
  /** How long the server asked to wait (from `Retry-After`, seconds or HTTP-date), if it said. */
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit<429>) {
    super(init);
    this.retryAfterMs = parseRetryAfter(this.headers['retry-after']);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/**
 * 5xx: the server failed. Idempotent requests were already retried by the transport. `status` is any of 500–599,
 * so it stays a `number`.
 */
export class ServerError extends ApiError {
  static override readonly kind: string = 'server';
  override readonly name: string = 'ServerError';
}

function boundBody(body: unknown): unknown {
  if (typeof body === 'string') return truncate(body, maxErrorBodyLength);
  if (body === undefined || body === null || typeof body !== 'object') return body;
  const text = JSON.stringify(body);
  return text.length > maxErrorBodyLength ? truncate(text, maxErrorBodyLength) : body;
}

function describeFailure(method: string, url: string, status: number, body: unknown): string {
  const detail = serverMessage(body);
  return `${method} ${url} failed with status ${status}${detail ? `: ${detail}` : ''}`;
}

/** Finds the human-readable message in the error bodies of the Integration API, auth service, OAuth and SCIM. */
function serverMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() ? truncate(body.trim(), 300) : undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const status = record['status'];
  const oauthError = record['error'];
  const oauthDescription = record['error_description'];
  const candidates = [
    typeof oauthError === 'string' && typeof oauthDescription === 'string'
      ? `${oauthError}: ${oauthDescription}`
      : undefined,
    typeof status === 'object' && status !== null
      ? (status as Record<string, unknown>)['message']
      : undefined,
    record['statusMessage'],
    record['detail'],
    oauthError,
    record['message'],
  ];
  const found = candidates.find((candidate) => typeof candidate === 'string' && candidate.trim() !== '');
  return typeof found === 'string' ? truncate(found.trim(), 300) : undefined;
}
