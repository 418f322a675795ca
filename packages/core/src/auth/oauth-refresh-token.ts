// Tests: ./oauth-auth.test.ts, ../secrets.test.ts

import { ConfigurationError } from '../errors/configuration-error.js';
import { defineProvider } from '../internal/define-provider.js';
import { RefreshTokenHolder, refreshTokenGrant } from '../internal/oauth-session.js';
import type { AuthProvider } from './auth-provider.js';

/** Options of {@link oauthRefreshToken}. */
export interface OAuthRefreshTokenOptions {
  /** The OAuth client id (Administration › Security › OAuth clients). */
  clientId: string;
  /** The client secret, for authorization-code clients that have one. */
  clientSecret?: string;
  /** A refresh token obtained earlier (authorization-code or device grant). */
  refreshToken: string;
  /**
   * Called with every new refresh token. Rotatable Anaplan refresh tokens are single-use: persist the new one
   * here, or the next process start has no valid token. A throwing callback is logged and does not fail the call.
   */
  onRotate?: (refreshToken: string) => void | Promise<void>;
}

/**
 * OAuth 2.0 with a refresh token: each access token comes from `POST /oauth/token` with
 * `grant_type=refresh_token` and is sent as `AnaplanAuthToken <access_token>`. When the client rotates refresh
 * tokens, the new one is used from then on and reported to `onRotate`. Authentications are single-flight, so a
 * refresh token is never used twice concurrently.
 *
 * @throws {@link ConfigurationError} when `clientId` or `refreshToken` is empty.
 * @example
 * ```ts
 * const auth = oauthRefreshToken({
 *   clientId: process.env.ANAPLAN_CLIENT_ID!,
 *   refreshToken: await store.get('anaplan-refresh-token'),
 *   onRotate: (token) => store.set('anaplan-refresh-token', token),
 * });
 * ```
 * @group Authentication
 */
export function oauthRefreshToken(options: OAuthRefreshTokenOptions): AuthProvider {
  const { clientId, clientSecret, refreshToken, onRotate } = options ?? ({} as OAuthRefreshTokenOptions);
  if (typeof clientId !== 'string' || clientId === '') {
    throw new ConfigurationError('clientId', 'oauthRefreshToken: clientId must be a non-empty string');
  }
  if (typeof refreshToken !== 'string' || refreshToken === '') {
    throw new ConfigurationError(
      'refreshToken',
      'oauthRefreshToken: refreshToken must be a non-empty string',
    );
  }
  if (onRotate !== undefined && typeof onRotate !== 'function') {
    throw new ConfigurationError('onRotate', 'oauthRefreshToken: onRotate must be a function');
  }
  const holder = new RefreshTokenHolder(refreshToken);
  const client = { clientId, clientSecret };
  return defineProvider(
    { kind: 'oauth-refresh-token', clientId },
    {
      authenticate: (context) => refreshTokenGrant(context, client, holder, onRotate),
      secrets: () => [...holder.values(), ...(clientSecret ? [clientSecret] : [])],
    },
  );
}
