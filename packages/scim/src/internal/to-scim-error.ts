// Tests: ../users.test.ts, ../scim-client.test.ts

import {
  type ApiError,
  type ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from '@anaplan-access/core';
import { isScimError, type ScimApiError, ScimConflictError, ScimError } from '../scim-error.js';
import { withScimFields } from './with-scim-fields.js';

/** 400 from a SCIM server (`invalidFilter`, `invalidValue`, `invalidSyntax`, `noTarget`, `mutability`, …). */
const ScimBadRequestError = withScimFields(BadRequestError, 'scim-bad-request', 'ScimBadRequestError');
/** 401 from a SCIM server. */
const ScimAuthenticationError = withScimFields(
  AuthenticationError,
  'scim-authentication',
  'ScimAuthenticationError',
);
/** 403 from a SCIM server (on Anaplan: the caller lacks the User Admin role). */
const ScimPermissionDeniedError = withScimFields(
  PermissionDeniedError,
  'scim-permission-denied',
  'ScimPermissionDeniedError',
);
/** 404 from a SCIM server (unknown user id). */
const ScimNotFoundError = withScimFields(NotFoundError, 'scim-not-found', 'ScimNotFoundError');
/** 429 from a SCIM server, after the transport's retries. */
const ScimRateLimitError = withScimFields(RateLimitError, 'scim-rate-limit', 'ScimRateLimitError');
/** 5xx from a SCIM server, after the transport's retries (a create is never retried). */
const ScimServerError = withScimFields(ServerError, 'scim-server', 'ScimServerError');

/** Rebuilds a core `ApiError` from a SCIM endpoint as the matching SCIM error class. */
export function toScimError(error: ApiError, context: { userName?: string | undefined } = {}): ScimApiError {
  if (isScimError(error)) return error;
  const init: ApiErrorInit = {
    status: error.status,
    method: error.method,
    url: error.url,
    headers: { ...error.headers },
    body: error.body,
    message: error.message,
  };
  const status = error.status;
  if (status === 400) return new ScimBadRequestError({ ...init, status });
  if (status === 401) return new ScimAuthenticationError({ ...init, status });
  if (status === 403) return new ScimPermissionDeniedError({ ...init, status });
  if (status === 404) return new ScimNotFoundError({ ...init, status });
  if (status === 409) return new ScimConflictError({ ...init, status, userName: context.userName });
  if (status === 429) return new ScimRateLimitError({ ...init, status });
  if (status >= 500) return new ScimServerError(init);
  return new ScimError(init);
}
