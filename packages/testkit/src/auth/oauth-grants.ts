// Tests: ./oauth-routes.test.ts

import { randomBytes } from 'node:crypto';
import type { SimulatorContext } from '../internal/context.js';
import { grantedScope, invalidRequest, type OAuthError, type StoredClient } from './oauth-request.js';
import { issueSession } from './sessions.js';

/** The body of a successful `/oauth/token` answer. */
export interface OAuthTokenResponse {
  access_token: string;
  refresh_token?: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** The tokens a grant issued, or the OAuth error to answer. */
export type GrantResult = { ok: true; tokens: OAuthTokenResponse } | { ok: false; failure: OAuthError };

const invalidGrant = (description: string): GrantResult => ({
  ok: false,
  failure: { status: 400, error: 'invalid_grant', description },
});

/**
 * `grant_type=refresh_token`: the refresh token must be one of the client's current ones. A rotating client's
 * refresh token is single-use: the answer carries a new one and the old one stops working.
 */
export function refreshTokenGrant(
  context: SimulatorContext,
  client: StoredClient,
  parameters: Map<string, string>,
): GrantResult {
  const refreshToken = parameters.get('refresh_token');
  if (!refreshToken) return { ok: false, failure: invalidRequest('refresh_token is required') };
  const index = client.refreshTokens.indexOf(refreshToken);
  if (index < 0) return invalidGrant('The refresh token is invalid, expired or already used');
  let returned = refreshToken;
  if (client.rotate) {
    returned = newRefreshToken();
    client.refreshTokens.splice(index, 1, returned);
  }
  return issueTokens(context, client, grantedScope(parameters.get('scope')), returned);
}

/**
 * `grant_type=urn:ietf:params:oauth:grant-type:device_code` (RFC 8628 §3.4–3.5): `authorization_pending` until
 * the code is decided, `slow_down` (and 5 s more interval) when polled sooner than the interval after the previous
 * poll, `expired_token` after `expires_in`, `access_denied` when denied, then tokens once; the code is spent after.
 */
export function deviceCodeGrant(
  context: SimulatorContext,
  client: StoredClient,
  parameters: Map<string, string>,
): GrantResult {
  const deviceCode = parameters.get('device_code');
  if (!deviceCode) return { ok: false, failure: invalidRequest('device_code is required') };
  const authorization = context.state.deviceAuthorizations.get(deviceCode);
  if (!authorization || authorization.clientId !== client.clientId || authorization.status === 'used') {
    return invalidGrant('The device code is invalid or was already used');
  }
  const now = context.now();
  const previousPoll = authorization.lastPolledAt;
  authorization.lastPolledAt = now;
  if (now >= authorization.expiresAt) {
    return {
      ok: false,
      failure: { status: 400, error: 'expired_token', description: 'The device code expired' },
    };
  }
  if (authorization.status === 'denied') {
    return {
      ok: false,
      failure: { status: 400, error: 'access_denied', description: 'The user denied access' },
    };
  }
  if (previousPoll !== undefined && now - previousPoll < authorization.intervalMs) {
    authorization.intervalMs += 5000;
    return { ok: false, failure: { status: 400, error: 'slow_down', description: 'Polling too fast' } };
  }
  if (authorization.status === 'pending') {
    return {
      ok: false,
      failure: { status: 400, error: 'authorization_pending', description: 'The user has not decided yet' },
    };
  }
  authorization.status = 'used';
  const scope = authorization.scope;
  let refreshToken: string | undefined;
  if (scope.split(' ').includes('offline_access')) {
    refreshToken = newRefreshToken();
    client.refreshTokens.push(refreshToken);
  }
  return issueTokens(context, client, scope, refreshToken);
}

function issueTokens(
  context: SimulatorContext,
  client: StoredClient,
  scope: string,
  refreshToken: string | undefined,
): GrantResult {
  const user = context.state.findUserByName(client.userName);
  if (!user?.active) return invalidGrant('The user of this grant is missing or not active');
  const session = issueSession(context, user, 'oauth');
  const tokens: OAuthTokenResponse = {
    access_token: session.token,
    token_type: 'Bearer',
    expires_in: Math.round(context.tokenTtlMs / 1000),
    scope,
  };
  if (refreshToken !== undefined) tokens.refresh_token = refreshToken;
  return { ok: true, tokens };
}

function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}
