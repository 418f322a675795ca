// Tests: ../exception-users-client.test.ts

import type { AuthProvider, AuthSession } from '@anaplan-access/core';

/**
 * Wraps the client's auth provider so that no credential goes out as `Bearer`, which the Exception Users API
 * refuses (400 `FAILURE_BAD_HEADER`): an API key (`apiKey`) is sent as `AnaplanApiKey <key>`, any other `Bearer`
 * token (an Anaplan OAuth access token) as `AnaplanAuthToken <token>`. Refresh and logout see the provider's own
 * session.
 */
export function withoutBearer(provider: AuthProvider): AuthProvider {
  if (typeof provider !== 'object' || provider === null || typeof provider.authenticate !== 'function')
    return provider; // core's transport reports the invalid option
  const scheme = provider.kind === 'api-key' ? 'AnaplanApiKey' : 'AnaplanAuthToken';
  const own = new WeakMap<AuthSession, AuthSession>();
  const rewritten = (session: AuthSession): AuthSession => {
    if (!session.authorization.startsWith('Bearer ')) return session;
    const wrapped = {
      ...session,
      authorization: `${scheme} ${session.authorization.slice('Bearer '.length)}`,
    };
    own.set(wrapped, session);
    return wrapped;
  };
  const original = (session: AuthSession) => own.get(session) ?? session;
  const { refresh, logout, secrets } = provider;
  return {
    kind: provider.kind,
    authenticate: async (context) => rewritten(await provider.authenticate(context)),
    ...(refresh && {
      refresh: async (context, session) =>
        rewritten(await refresh.call(provider, context, original(session))),
    }),
    ...(logout && { logout: (context, session) => logout.call(provider, context, original(session)) }),
    ...(secrets && { secrets: () => secrets.call(provider) }),
  };
}
