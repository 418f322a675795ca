export type { AuthContext, AuthProvider, AuthSession } from './auth/auth-provider.js';
export { type BasicAuthOptions, basicAuth } from './auth/basic-auth.js';
export { type CertificateAuthOptions, certificateAuth } from './auth/certificate-auth.js';
export {
  type DevicePrompt,
  type OAuthDeviceGrantOptions,
  oauthDeviceGrant,
} from './auth/oauth-device-grant.js';
export { type OAuthRefreshTokenOptions, oauthRefreshToken } from './auth/oauth-refresh-token.js';
export { apiKey, bearerToken, staticToken } from './auth/static-credentials.js';
export { type ClientOptions, clientOptionKeys, createClientTransport } from './client-options.js';
export { AnaplanAccessError, isAnaplanAccessError } from './errors/anaplan-access-error.js';
export {
  ApiError,
  type ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from './errors/api-error.js';
export { ConfigurationError } from './errors/configuration-error.js';
export {
  isAbortError,
  isApiError,
  isAuthenticationError,
  isBadRequestError,
  isConfigurationError,
  isConflictError,
  isConnectionError,
  isIncompleteReadError,
  isNotFoundError,
  isPermissionDeniedError,
  isRateLimitError,
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
export { AbortError, ConnectionError, type RequestErrorInit, TimeoutError } from './errors/request-errors.js';
export { ResponseTooLargeError, type ResponseTooLargeErrorInit } from './errors/response-too-large-error.js';
export {
  ResponseValidationError,
  type ResponseValidationErrorInit,
  type ValidationIssue,
} from './errors/response-validation-error.js';
export { type Logger, type LogMethod, silentLogger } from './logger.js';
export {
  type PageContents,
  PagePromise,
  type PagePromiseOptions,
  type PageRequest,
  PaginationError,
} from './pagination.js';
export {
  type BaseUrls,
  defaultRegion,
  type RegionCode,
  regions,
  resolveBaseUrls,
  type ServiceName,
} from './regions.js';
export type {
  HttpMethod,
  RequestOptions,
  ResponseType,
  SearchParams,
  TransportResponse,
} from './transport/request-options.js';
export { Transport } from './transport/transport.js';
export type { RetryOptions, TransportOptions } from './transport/transport-options.js';
export { userNameKey } from './user-name-key.js';
export { VERSION } from './version.js';
