// Tests: ./errors.test.ts

import { kindLineageOf } from '../internal/error-brand.js';
import type { PaginationError } from '../pagination.js';
import type { AnaplanAccessError } from './anaplan-access-error.js';
import type {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from './api-error.js';
import type { ConfigurationError } from './configuration-error.js';
import type { ErrorKind, ErrorKinds } from './error-kinds.js';
import type { IncompleteReadError } from './incomplete-read-error.js';
import type { AbortError, ConnectionError, RequestError, TimeoutError } from './request-errors.js';
import type { ResponseTooLargeError } from './response-too-large-error.js';
import type { ResponseValidationError } from './response-validation-error.js';

// Each guard checks the global brand and the kind lineage, never `instanceof`, so errors from another installed
// copy of the package are recognised too.

/**
 * Whether `value` is an error of this SDK (any package, any installed copy).
 *
 * @example
 * ```ts
 * if (isAnaplanAccessError(error)) console.log(error.kind, error.message);
 * ```
 */
export function isAnaplanAccessError(value: unknown): value is AnaplanAccessError;
/**
 * Whether `value` is an error of this SDK of the given kind, or of a subclass of it; `value` is narrowed to that
 * kind's class (see {@link ErrorKinds}).
 *
 * @param kind - a kind such as `api`, `rate-limit` or a kind declared by another package.
 * @example
 * ```ts
 * if (isAnaplanAccessError(error, 'timeout')) console.log(error.timeoutMs);
 * ```
 */
export function isAnaplanAccessError<Kind extends ErrorKind>(
  value: unknown,
  kind: Kind,
): value is ErrorKinds[Kind];
/**
 * Whether `value` is an error of this SDK of a kind no imported package declared in {@link ErrorKinds}; `value` is
 * narrowed to the root class only.
 *
 * @param kind - the kind, as its class declares it (`static kind`).
 */
export function isAnaplanAccessError(value: unknown, kind: string): value is AnaplanAccessError;
export function isAnaplanAccessError(value: unknown, kind?: string): boolean {
  const lineage = kindLineageOf(value);
  return lineage !== undefined && (kind === undefined || lineage.includes(kind));
}

/**
 * Whether `value` is an {@link ApiError} (any non-2xx answer, including every status subclass).
 *
 * @example
 * ```ts
 * try {
 *   await scim.users.get(id);
 * } catch (error) {
 *   if (isApiError(error)) console.log(error.status, error.method, error.url, error.requestId);
 *   throw error;
 * }
 * ```
 */
export const isApiError = (value: unknown): value is ApiError => isAnaplanAccessError(value, 'api');
/** Whether `value` is a {@link BadRequestError} (400). */
export const isBadRequestError = (value: unknown): value is BadRequestError =>
  isAnaplanAccessError(value, 'bad-request');
/** Whether `value` is an {@link AuthenticationError} (401, or failed authentication). */
export const isAuthenticationError = (value: unknown): value is AuthenticationError =>
  isAnaplanAccessError(value, 'authentication');
/** Whether `value` is a {@link PermissionDeniedError} (403). */
export const isPermissionDeniedError = (value: unknown): value is PermissionDeniedError =>
  isAnaplanAccessError(value, 'permission-denied');
/**
 * Whether `value` is a {@link NotFoundError} (404).
 *
 * @example
 * ```ts
 * const user = await scim.users.get(id).catch((error) => {
 *   if (isNotFoundError(error)) return undefined;
 *   throw error;
 * });
 * ```
 */
export const isNotFoundError = (value: unknown): value is NotFoundError =>
  isAnaplanAccessError(value, 'not-found');
/**
 * Whether `value` is a {@link ConflictError} (409), for example a SCIM create for a userName that exists.
 *
 * @example
 * ```ts
 * const user = await scim.users.create(input).catch(async (error) => {
 *   if (!isConflictError(error)) throw error;
 *   return scim.users.findByUserName(input.userName);
 * });
 * ```
 */
export const isConflictError = (value: unknown): value is ConflictError =>
  isAnaplanAccessError(value, 'conflict');
/**
 * Whether `value` is a {@link RateLimitError} (429): the retries (honouring `Retry-After`) were used up.
 *
 * @example
 * ```ts
 * if (isRateLimitError(error)) console.log('Anaplan is rate limiting this tenant; try again later');
 * ```
 */
export const isRateLimitError = (value: unknown): value is RateLimitError =>
  isAnaplanAccessError(value, 'rate-limit');
/** Whether `value` is a {@link ServerError} (5xx). */
export const isServerError = (value: unknown): value is ServerError => isAnaplanAccessError(value, 'server');
/**
 * Whether `value` is a {@link RequestError}: a {@link ConnectionError}, {@link TimeoutError} or {@link AbortError},
 * a request that got no HTTP response.
 *
 * @example
 * ```ts
 * if (isRequestError(error)) console.log(`${error.method} ${error.url} got no answer (${error.kind})`);
 * ```
 */
export const isRequestError = (value: unknown): value is RequestError =>
  isAnaplanAccessError(value, 'request');
/** Whether `value` is a {@link ConnectionError}. */
export const isConnectionError = (value: unknown): value is ConnectionError =>
  isAnaplanAccessError(value, 'connection');
/** Whether `value` is a {@link TimeoutError}. */
export const isTimeoutError = (value: unknown): value is TimeoutError =>
  isAnaplanAccessError(value, 'timeout');
/** Whether `value` is an {@link AbortError}. */
export const isAbortError = (value: unknown): value is AbortError => isAnaplanAccessError(value, 'abort');
/** Whether `value` is a {@link ResponseValidationError}. */
export const isResponseValidationError = (value: unknown): value is ResponseValidationError =>
  isAnaplanAccessError(value, 'response-validation');
/** Whether `value` is a {@link ConfigurationError}. */
export const isConfigurationError = (value: unknown): value is ConfigurationError =>
  isAnaplanAccessError(value, 'configuration');
/**
 * Whether `value` is an {@link IncompleteReadError}: a listing that could not be read completely, so nothing was
 * decided from it.
 *
 * @example
 * ```ts
 * const users = await scim.users.list().toArray({ limit: Number.POSITIVE_INFINITY }).catch((error) => {
 *   if (isIncompleteReadError(error)) console.error(`${error.listing}: ${error.reason}; try again later`);
 *   throw error;
 * });
 * ```
 */
export const isIncompleteReadError = (value: unknown): value is IncompleteReadError =>
  isAnaplanAccessError(value, 'incomplete-read');
/**
 * Whether `value` is a {@link ResponseTooLargeError}: a response body over `maxResponseBytes`.
 *
 * @example
 * ```ts
 * if (isResponseTooLargeError(error)) console.log(`${error.url}: over ${error.limitBytes} bytes`);
 * ```
 */
export const isResponseTooLargeError = (value: unknown): value is ResponseTooLargeError =>
  isAnaplanAccessError(value, 'response-too-large');
/**
 * Whether `value` is a {@link PaginationError}: a server that would make paging loop (it repeated a page).
 *
 * @example
 * ```ts
 * if (isPaginationError(error)) console.log(`the server repeated the page at ${error.offset}`);
 * ```
 */
export const isPaginationError = (value: unknown): value is PaginationError =>
  isAnaplanAccessError(value, 'pagination');
