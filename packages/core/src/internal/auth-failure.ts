// Tests: ../auth/session-auth.test.ts, ../auth/oauth-auth.test.ts

import { AuthenticationError, type AuthenticationStatus } from '../errors/api-error.js';
import { isApiError } from '../errors/guards.js';

/** Statuses of an auth or OAuth endpoint that mean "these credentials are refused". */
const refusedStatuses: ReadonlySet<number> = new Set<AuthenticationStatus>([400, 401, 403]);

function isRefusal(status: number): status is AuthenticationStatus {
  return refusedStatuses.has(status);
}

/**
 * Turns a refusal from the auth or OAuth service (400, 401 or 403) into an {@link AuthenticationError} whose message
 * starts with `what`; anything else (5xx, 429, network, abort) is returned unchanged.
 */
export function asAuthenticationError(error: unknown, what: string): unknown {
  if (!isApiError(error)) return error;
  const status = error.status;
  if (!isRefusal(status)) return error;
  return new AuthenticationError({
    status,
    method: error.method,
    url: error.url,
    headers: error.headers,
    body: error.body,
    message: `${what} failed: ${error.message}`,
  });
}
