// Tests: ./session-auth.test.ts, ../secrets.test.ts

import { ConfigurationError } from '../errors/configuration-error.js';
import { authenticateSession, logoutSession, refreshSession } from '../internal/anaplan-session.js';
import { defineProvider } from '../internal/define-provider.js';
import type { AuthProvider } from './auth-provider.js';

/** Options of {@link basicAuth}. */
export interface BasicAuthOptions {
  /** The Anaplan login (e-mail). With SSO, the user must be an SSO exception user. */
  username: string;
  password: string;
}

/**
 * Anaplan basic authentication: `POST /token/authenticate` with `Authorization: Basic …`, then
 * `AnaplanAuthToken <token>` on every call, refreshed through `/token/refresh` before its 35-minute expiry and
 * ended with `/token/logout` on `close()`.
 *
 * @throws {@link ConfigurationError} when `username` or `password` is empty.
 * @example
 * ```ts
 * const auth = basicAuth({ username: 'integration@example.com', password: process.env.ANAPLAN_PASSWORD! });
 * ```
 * @group Authentication
 */
export function basicAuth(options: BasicAuthOptions): AuthProvider {
  const { username, password } = options ?? ({} as BasicAuthOptions);
  if (typeof username !== 'string' || username === '') {
    throw new ConfigurationError('username', 'basicAuth: username must be a non-empty string');
  }
  if (typeof password !== 'string' || password === '') {
    throw new ConfigurationError('password', 'basicAuth: password must be a non-empty string');
  }
  const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  return defineProvider(
    { kind: 'basic', username },
    {
      authenticate: (context) => authenticateSession(context, `Basic ${encoded}`, 'Basic authentication'),
      refresh: refreshSession,
      logout: logoutSession,
      secrets: () => [password, encoded],
    },
  );
}
