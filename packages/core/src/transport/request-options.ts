import type { ZodType } from 'zod';
import type { ServiceName } from '../regions.js';

/** HTTP methods the transport sends. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/**
 * How a 2xx body is returned: `json` (parsed, `undefined` when empty), `text`, `bytes` (`Uint8Array`), `stream`
 * (the `ReadableStream`, for the caller to consume), or `none` (the body is discarded).
 */
export type ResponseType = 'json' | 'text' | 'bytes' | 'stream' | 'none';

/** Query parameters; `undefined` values are left out. */
export type SearchParams = URLSearchParams | Record<string, string | number | boolean | undefined>;

/**
 * One request sent through {@link Transport.request}.
 *
 * @example
 * ```ts
 * const { data } = await transport.request({
 *   api: 'api',
 *   method: 'GET',
 *   path: '/workspaces',
 *   searchParams: { limit: 100 },
 *   schema: workspacesSchema,
 * });
 * ```
 */
export interface RequestOptions {
  /** Which service's base URL `path` is relative to. */
  api: ServiceName;
  method: HttpMethod;
  /**
   * Path below the service's base URL (`/workspaces/…`). An absolute URL is accepted only on the same origin as
   * that base URL (for example a `meta.paging.next` link); credentials never go to another origin.
   */
  path: string;
  searchParams?: SearchParams;
  /** A JSON body (sets `Content-Type: application/json`). Not together with `body`. */
  json?: unknown;
  /**
   * A raw body. A `ReadableStream` or async iterable body cannot be replayed, so such a request is never retried
   * (neither by the retry policy nor after a 401). Typed through `RequestInit`, which Node's types declare too:
   * `BodyInit` exists only in the DOM library, which a Node.js project need not load.
   */
  body?: NonNullable<RequestInit['body']>;
  /** Extra headers. `Authorization` is set by the transport unless `authenticated: false`. */
  headers?: Record<string, string | undefined>;
  /** Aborts the request (and any retry wait) with an `AbortError`. */
  signal?: AbortSignal | undefined;
  /** A zod schema every 2xx JSON body must match; a mismatch is a `ResponseValidationError`. */
  schema?: ZodType;
  /** @default 'json' */
  responseType?: ResponseType;
  /**
   * Whether repeating the request is safe, which allows retrying it after 5xx, timeouts and network errors.
   * @default true for GET, PUT, DELETE, HEAD and OPTIONS; false for POST and PATCH
   */
  idempotent?: boolean;
  /** Whether to send the session's `Authorization` header. @default true */
  authenticated?: boolean;
  /** Overrides the transport's `retry.limit` for this call (`0`: one attempt only). */
  retry?: number;
  /** Overrides the transport's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Overrides the transport's `maxResponseBytes` for this call (a positive integer of bytes). */
  maxResponseBytes?: number;
}

/** A successful (2xx) answer. */
export interface TransportResponse<T> {
  /** The body, as chosen by `responseType` and `schema`. */
  data: T;
  status: number;
  headers: Headers;
  /** The server's request id (`x-request-id` or similar), if sent. */
  requestId: string | undefined;
}
