// Tests: ../audit-client.test.ts

import { type AuthProvider, type AuthSession, ConfigurationError } from '@anaplan-access/core';

/**
 * Wraps the client's auth provider so that every credential goes out as `AnaplanAuthToken <token>`, the only scheme
 * the Audit API takes (`Bearer` is refused with 401). Core's Anaplan logins (basic, certificate, the OAuth grants,
 * `staticToken`) already use it; a `Bearer` session (`bearerToken` with an Anaplan OAuth access token) is sent under
 * `AnaplanAuthToken` instead, as Anaplan accepts OAuth tokens that way. Refresh and logout see the provider's own
 * session.
 *
 * @throws {ConfigurationError} (key `auth`) for an API key (`apiKey`), which the Audit API does not take, and, when
 *   a session is obtained, for any other scheme.
 */
export function anaplanAuthTokenOnly(provider: AuthProvider, clientName: string): AuthProvider {
  if (typeof provider !== 'object' || provider === null || typeof provider.authenticate !== 'function')
    return provider; // core's transport reports the invalid option
  if (provider.kind === 'api-key')
    throw new ConfigurationError(
      'auth',
      `${clientName} takes only AnaplanAuthToken credentials (basicAuth, certificateAuth, the OAuth providers, ` +
        'staticToken); the Audit API does not accept API keys',
    );
  const own = new WeakMap<AuthSession, AuthSession>();
  const forced = (session: AuthSession): AuthSession => {
    const space = session.authorization.indexOf(' ');
    const scheme = session.authorization.slice(0, Math.max(0, space));
    if (scheme === 'AnaplanAuthToken') return session;
    if (scheme !== 'Bearer')
      throw new ConfigurationError(
        'auth',
        `${clientName}: the auth provider "${provider.kind}" gave a credential the Audit API does not take ` +
          '(only AnaplanAuthToken is accepted)',
      );
    const wrapped: AuthSession = {
      ...session,
      authorization: `AnaplanAuthToken ${session.authorization.slice(space + 1)}`,
    };
    own.set(wrapped, session);
    return wrapped;
  };
  const original = (session: AuthSession) => own.get(session) ?? session;
  const { refresh, logout, secrets } = provider;
  return {
    kind: provider.kind,
    authenticate: async (context) => forced(await provider.authenticate(context)),
    ...(refresh && {
      refresh: async (context, session) => forced(await refresh.call(provider, context, original(session))),
    }),
    ...(logout && { logout: (context, session) => logout.call(provider, context, original(session)) }),
    ...(secrets && { secrets: () => secrets.call(provider) }),
  };
}
