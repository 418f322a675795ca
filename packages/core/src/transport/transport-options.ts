import type { AuthProvider } from '../auth/auth-provider.js';
import type { Logger } from '../logger.js';
import type { BaseUrls, RegionCode } from '../regions.js';

/**
 * The retry policy. Retries happen in exactly one layer (ky's `retry`), per HTTP call:
 *
 * - idempotent requests (GET, PUT, DELETE, HEAD, OPTIONS, or `idempotent: true`) are retried after 408, 429, 500,
 *   502, 503, 504, a timeout or a network error;
 * - other requests (POST, PATCH) are retried **only** after 429, which means the server did not process them —
 *   never after 5xx, a timeout or a network error, where the server may have acted;
 * - a request with a streaming body is never retried; an aborted request is never retried.
 *
 * The wait is `Retry-After` (seconds or HTTP-date) when the server sends it, capped at `maxRetryAfterMs`;
 * otherwise a full-jitter exponential backoff: a random delay up to 500 ms, 1 s, 2 s, … capped at `backoffLimitMs`.
 */
export interface RetryOptions {
  /**
   * Retries after the first attempt: a request makes at most `limit + 1` attempts. `0` means exactly one attempt.
   * @default 3
   */
  limit?: number;
  /** Longest wait taken from a `Retry-After` header, in ms. @default 60000 */
  maxRetryAfterMs?: number;
  /** Longest computed backoff between attempts, in ms. @default 8000 */
  backoffLimitMs?: number;
}

/**
 * Options of a {@link Transport}. Every key is checked when the transport is built; an unknown key is an error.
 *
 * @example
 * ```ts
 * const transport = new Transport({
 *   auth: basicAuth({ username, password }),
 *   region: 'eu3',
 *   concurrency: 8,
 *   retry: { limit: 5 },
 *   logger: console,
 * });
 * ```
 */
export interface TransportOptions {
  /** How requests are authenticated. */
  auth: AuthProvider;
  /** The tenant's Anaplan region; fills in every base URL not given in `baseUrls`. @default 'us1' */
  region?: RegionCode;
  /**
   * Explicit base URLs; each one given wins over the region's. `http://` is only allowed to loopback hosts
   * (for example a local simulator).
   */
  baseUrls?: Partial<BaseUrls>;
  /** The `fetch` implementation to use (for proxies, instrumentation or tests). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /**
   * Deadline of one HTTP attempt, in ms: its response headers, and then its body read and parsed (JSON, schema), all
   * within this time from the start of the attempt; a body that trickles in past it is stopped with a
   * `TimeoutError`. A `stream` body is the caller's to read and is not bounded by it. @default 30000
   */
  timeoutMs?: number;
  /**
   * Largest response body read into memory, in bytes: JSON, text and bytes answers (a `stream` answer is the
   * caller's). A body whose `Content-Length` is over it is refused before it is read; one without stops as soon as
   * the limit is passed; both with a `ResponseTooLargeError`. Error bodies are read up to 1 MiB (or this limit,
   * if smaller) and cut there, for the error to quote. At most 536870888 (the longest string JavaScript can hold).
   * @default 67108864 (64 MiB)
   */
  maxResponseBytes?: number;
  /** The `User-Agent` header. @default `anaplan-access/<VERSION>` */
  userAgent?: string;
  /** Most requests in flight at once for this transport; others wait in a queue. @default 4 */
  concurrency?: number;
  /** Retry policy; a number is `{ limit }`. @default { limit: 3, maxRetryAfterMs: 60000, backoffLimitMs: 8000 } */
  retry?: number | RetryOptions;
  /** Where diagnostics go (a pino logger or `console` work as is). @default silentLogger */
  logger?: Logger;
}
