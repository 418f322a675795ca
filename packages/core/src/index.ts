/**
 * `@anaplan-access/core`: authentication, errors, regions, logging and paging shared by the anaplan-access clients.
 * The plumbing a client package is built on is in `@anaplan-access/core/client`.
 *
 * @module
 * @mergeModuleWith <project>
 */

export { type AuthFromEnvironmentOptions, authFromEnvironment } from './auth/auth-from-environment.js';
export type {
  AuthContext,
  AuthProvider,
  AuthRequest,
  AuthRequestOptions,
  AuthSession,
} from './auth/auth-provider.js';
export { type BasicAuthOptions, basicAuth } from './auth/basic-auth.js';
export { type CertificateAuthOptions, certificateAuth } from './auth/certificate-auth.js';
export {
  type DevicePrompt,
  type OAuthDeviceGrantOptions,
  oauthDeviceGrant,
} from './auth/oauth-device-grant.js';
export { type OAuthRefreshTokenOptions, oauthRefreshToken } from './auth/oauth-refresh-token.js';
export { apiKey, bearerToken, staticToken } from './auth/static-credentials.js';
export type { CallOptions } from './call-options.js';
export type { ClientOptions } from './client-options.js';
export { AnaplanAccessError } from './errors/anaplan-access-error.js';
export {
  ApiError,
  type ApiErrorInit,
  AuthenticationError,
  type AuthenticationStatus,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from './errors/api-error.js';
export { ConfigurationError } from './errors/configuration-error.js';
export type { ErrorKind, ErrorKinds } from './errors/error-kinds.js';
export {
  isAbortError,
  isAnaplanAccessError,
  isApiError,
  isAuthenticationError,
  isBadRequestError,
  isConfigurationError,
  isConflictError,
  isConnectionError,
  isIncompleteReadError,
  isNotFoundError,
  isPaginationError,
  isPermissionDeniedError,
  isRateLimitError,
  isRequestError,
  isResponseTooLargeError,
  isResponseValidationError,
  isServerError,
  isTimeoutError,
} from './errors/guards.js';
export {
  IncompleteReadError,
  type IncompleteReadErrorInit,
  type IncompleteReadReason,
} from './errors/incomplete-read-error.js';
export {
  AbortError,
  ConnectionError,
  RequestError,
  type RequestErrorInit,
  TimeoutError,
} from './errors/request-errors.js';
export { ResponseTooLargeError, type ResponseTooLargeErrorInit } from './errors/response-too-large-error.js';
export {
  ResponseValidationError,
  type ResponseValidationErrorInit,
  type ValidationIssue,
} from './errors/response-validation-error.js';
export { type Logger, type LogMethod, silentLogger } from './logger.js';
export { PagePromise, PaginationError } from './pagination.js';
export { defaultRegion, type RegionCode, regions } from './regions.js';
export type { RetryOptions } from './transport/transport-options.js';
export { userNameKey } from './user-name-key.js';
export { VERSION } from './version.js';
