// Tests: ./session-auth.test.ts, ../transport/session.test.ts

import { ConfigurationError } from '../errors/configuration-error.js';
import { defineProvider } from '../internal/define-provider.js';
import type { AuthProvider } from './auth-provider.js';

function fixed(kind: string, scheme: string, value: unknown, factory: string): AuthProvider {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(
      kind === 'api-key' ? 'key' : 'token',
      `${factory}: expected a non-empty string`,
    );
  }
  const session = Object.freeze({ authorization: `${scheme} ${value}` });
  return defineProvider({ kind }, { authenticate: async () => session, secrets: () => [value] });
}

/**
 * An API key, sent as `Authorization: Bearer <key>`, the scheme Anaplan documents for its SCIM API. The clients of
 * the Administration APIs, which refuse `Bearer`, send it as `AnaplanApiKey <key>` instead (`ExceptionUsersClient`),
 * and `AuditClient` refuses it (the Audit API takes no API key). It does not expire and is never refreshed; a 401 is
 * final.
 *
 * @throws {@link ConfigurationError} when `key` is empty.
 * @example
 * ```ts
 * const auth = apiKey(process.env.ANAPLAN_API_KEY!);
 * ```
 * @group Authentication
 */
export function apiKey(key: string): AuthProvider {
  return fixed('api-key', 'Bearer', key, 'apiKey');
}

/**
 * An Anaplan token obtained elsewhere, sent as `Authorization: AnaplanAuthToken <token>`. It is never refreshed
 * or logged out: once it expires, calls fail with {@link AuthenticationError}.
 *
 * @throws {@link ConfigurationError} when `token` is empty.
 * @example
 * ```ts
 * const auth = staticToken(tokenFromAnotherProcess);
 * ```
 * @group Authentication
 */
export function staticToken(token: string): AuthProvider {
  return fixed('static-token', 'AnaplanAuthToken', token, 'staticToken');
}

/**
 * A bearer token for any SCIM 2.0 server (or any API taking `Authorization: Bearer <token>`). Never refreshed.
 *
 * @throws {@link ConfigurationError} when `token` is empty.
 * @example
 * ```ts
 * const auth = bearerToken(process.env.SCIM_TOKEN!);
 * ```
 * @group Authentication
 */
export function bearerToken(token: string): AuthProvider {
  return fixed('bearer-token', 'Bearer', token, 'bearerToken');
}
