// Tests: ../auth/oauth-auth.test.ts

import { z } from 'zod';
import type { AuthContext, AuthSession } from '../auth/auth-provider.js';
import { asAuthenticationError } from './auth-failure.js';

/** The OAuth token response of `POST /oauth/token`; unknown fields (id_token, scope, …) are ignored. */
export const oauthTokenSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  /** Seconds (2100 on the live service). */
  expires_in: z.number().optional(),
  token_type: z.string().optional(),
});

/** The grant type of the OAuth 2.0 device authorization grant (RFC 8628). */
export const deviceCodeGrantType = 'urn:ietf:params:oauth:grant-type:device_code';

/** Called with each new refresh token a rotating OAuth client hands out. */
export type RotateCallback = (refreshToken: string) => void | Promise<void>;

/**
 * The refresh token of an OAuth client, which may rotate on every use. Keeps every value it has held so that an old,
 * already used one is still scrubbed from errors and logs.
 */
export class RefreshTokenHolder {
  #current: string | undefined;
  readonly #held = new Set<string>();

  constructor(initial?: string) {
    if (initial) this.replace(initial);
  }

  get current(): string | undefined {
    return this.#current;
  }

  /** Stores a new refresh token; returns whether it differs from the current one. */
  replace(token: string): boolean {
    const changed = token !== this.#current;
    this.#current = token;
    this.#held.add(token);
    return changed;
  }

  values(): string[] {
    return [...this.#held];
  }
}

/** Converts an OAuth token response to a session (`AnaplanAuthToken <access_token>`). */
export function toOAuthSession(token: z.output<typeof oauthTokenSchema>, now = Date.now()): AuthSession {
  return {
    authorization: `AnaplanAuthToken ${token.access_token}`,
    ...(token.expires_in === undefined ? {} : { expiresAt: now + token.expires_in * 1000 }),
  };
}

/**
 * Keeps a rotated refresh token and reports it. A failing `onRotate` is logged (without the token) and does not
 * fail the authentication: the new token is already the only valid one, and it is kept in memory.
 */
export async function storeRefreshToken(
  context: AuthContext,
  holder: RefreshTokenHolder,
  token: z.output<typeof oauthTokenSchema>,
  onRotate: RotateCallback | undefined,
): Promise<void> {
  if (!token.refresh_token || !holder.replace(token.refresh_token) || !onRotate) return;
  try {
    await onRotate(token.refresh_token);
  } catch (error) {
    context.logger.warn(
      { error: error instanceof Error ? error.name : typeof error },
      'onRotate failed; the new refresh token is kept in memory only',
    );
  }
}

/** The refresh-token grant: `POST /oauth/token` with `grant_type=refresh_token`. */
export async function refreshTokenGrant(
  context: AuthContext,
  client: { clientId: string; clientSecret: string | undefined },
  holder: RefreshTokenHolder,
  onRotate: RotateCallback | undefined,
): Promise<AuthSession> {
  const refreshToken = holder.current;
  if (!refreshToken) throw new Error('No refresh token held');
  let token: z.output<typeof oauthTokenSchema>;
  try {
    const response = await context.request({
      api: 'oauth',
      method: 'POST',
      path: '/oauth/token',
      json: {
        grant_type: 'refresh_token',
        client_id: client.clientId,
        refresh_token: refreshToken,
        ...(client.clientSecret === undefined ? {} : { client_secret: client.clientSecret }),
      },
      schema: oauthTokenSchema,
    });
    token = response.data;
  } catch (error) {
    throw asAuthenticationError(error, 'The OAuth refresh-token grant');
  }
  await storeRefreshToken(context, holder, token, onRotate);
  return toOAuthSession(token);
}
