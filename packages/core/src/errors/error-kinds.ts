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
import type { IncompleteReadError } from './incomplete-read-error.js';
import type { AbortError, ConnectionError, RequestError, TimeoutError } from './request-errors.js';
import type { ResponseTooLargeError } from './response-too-large-error.js';
import type { ResponseValidationError } from './response-validation-error.js';

/**
 * Every error kind, with the error class it stands for: `isAnaplanAccessError(error, kind)` accepts these kinds
 * (editors complete them) and narrows `error` to the class. Each package adds its own kinds by declaration merging,
 * so that importing it makes them known:
 *
 * @example
 * ```ts
 * declare module '@anaplan-access/core' {
 *   interface ErrorKinds {
 *     'scim-refused': ScimRequestRefusedError;
 *   }
 * }
 * if (isAnaplanAccessError(error, 'rate-limit')) console.log(error.retryAfterMs);
 * ```
 */
export interface ErrorKinds {
  /** Any error of this SDK ({@link AnaplanAccessError}). */
  'anaplan-access': AnaplanAccessError;
  /** A non-2xx answer ({@link ApiError}, every status). */
  api: ApiError;
  /** 400 ({@link BadRequestError}). */
  'bad-request': BadRequestError;
  /** 401, or refused credentials ({@link AuthenticationError}). */
  authentication: AuthenticationError;
  /** 403 ({@link PermissionDeniedError}). */
  'permission-denied': PermissionDeniedError;
  /** 404 ({@link NotFoundError}). */
  'not-found': NotFoundError;
  /** 409 ({@link ConflictError}). */
  conflict: ConflictError;
  /** 429 ({@link RateLimitError}). */
  'rate-limit': RateLimitError;
  /** 5xx ({@link ServerError}). */
  server: ServerError;
  /** No response, for any reason ({@link RequestError}: connection, timeout, abort). */
  request: RequestError;
  /** No response: the connection failed ({@link ConnectionError}). */
  connection: ConnectionError;
  /** No response within the timeout ({@link TimeoutError}). */
  timeout: TimeoutError;
  /** The caller's signal fired ({@link AbortError}). */
  abort: AbortError;
  /** A 2xx body that does not match the expected shape ({@link ResponseValidationError}). */
  'response-validation': ResponseValidationError;
  /** A response body over `maxResponseBytes` ({@link ResponseTooLargeError}). */
  'response-too-large': ResponseTooLargeError;
  /** A listing that could not be read completely ({@link IncompleteReadError}). */
  'incomplete-read': IncompleteReadError;
  /** A listing whose server would make paging loop ({@link PaginationError}). */
  pagination: PaginationError;
  /** A missing, unknown or invalid option ({@link ConfigurationError}). */
  configuration: ConfigurationError;
}

/** A kind of {@link ErrorKinds}: what `isAnaplanAccessError(error, kind)` tests. */
export type ErrorKind = keyof ErrorKinds;
