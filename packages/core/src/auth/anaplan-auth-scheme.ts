import { ConfigurationError } from '../errors/configuration-error.js';
import type { AuthProvider, AuthSession } from './auth-provider.js';

/**
 * Options of {@link withAnaplanAuthScheme}.
 *
 * @example
 * ```ts
 * const options: AnaplanAuthSchemeOptions = { client: 'AuditClient', api: 'the Audit API', apiKeys: 'refuse' };
 * ```
 */
export interface AnaplanAuthSchemeOptions {
  /** The client's name, for messages (`AuditClient`). */
  client: string;
  /** The API's name, for messages (`the Audit API`). */
  api: string;
  /**
   * What becomes of an API key (`apiKey`): sent as `AnaplanApiKey <key>` (the Administration APIs take it), or
   * refused when the client is constructed (`refuse`).
   */
  apiKeys: 'AnaplanApiKey' | 'refuse';
}

/**
 * Wraps a client's auth provider for an Anaplan API that refuses `Bearer` (the Audit API, the Exception Users API):
 * a `Bearer` credential is sent as `AnaplanAuthToken <token>` (Anaplan accepts its OAuth access tokens that way), an
 * API key as `AnaplanApiKey <key>` or refused, and `AnaplanAuthToken` (core's Anaplan logins) as it is. Refresh and
 * logout see the provider's own session, so its token manager works unchanged.
 *
 * @example
 * ```ts
 * import { createClientTransport, withAnaplanAuthScheme } from '@anaplan-access/core/client';
 *
 * const transport = createClientTransport('AuditClient', 'api', {
 *   ...options,
 *   auth: withAnaplanAuthScheme(options.auth, { client: 'AuditClient', api: 'the Audit API', apiKeys: 'refuse' }),
 * });
 * ```
 * @returns the wrapped provider; a value that is not a provider is returned as it is (the transport reports it).
 * @throws {ConfigurationError} (key `auth`) for an API key with `apiKeys: 'refuse'`; and, when a session is
 *   obtained, for a credential of any other scheme.
 */
export function withAnaplanAuthScheme(
  provider: AuthProvider,
  options: AnaplanAuthSchemeOptions,
): AuthProvider {
  if (typeof provider !== 'object' || provider === null || typeof provider.authenticate !== 'function')
    return provider;
  const apiKey = provider.kind === 'api-key';
  if (apiKey && options.apiKeys === 'refuse')
    throw new ConfigurationError(
      'auth',
      `${options.client} takes only AnaplanAuthToken credentials (basicAuth, certificateAuth, the OAuth providers, ` +
        `staticToken); ${options.api} does not accept API keys`,
    );
  const own = new WeakMap<AuthSession, AuthSession>();
  const rewritten = (session: AuthSession): AuthSession => {
    const space = session.authorization.indexOf(' ');
    const scheme = session.authorization.slice(0, Math.max(0, space));
    if (scheme === 'AnaplanAuthToken' || (apiKey && scheme === 'AnaplanApiKey')) return session;
    if (scheme !== 'Bearer')
      throw new ConfigurationError(
        'auth',
        `${options.client}: the auth provider "${provider.kind}" gave a credential ${options.api} does not take ` +
          `(only ${apiKey ? 'AnaplanApiKey' : 'AnaplanAuthToken'} is accepted)`,
      );
    const wrapped: AuthSession = {
      ...session,
      authorization: `${apiKey ? 'AnaplanApiKey' : 'AnaplanAuthToken'} ${session.authorization.slice(space + 1)}`,
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
