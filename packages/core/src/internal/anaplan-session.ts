// Tests: ../auth/session-auth.test.ts, ../transport/session.test.ts

import { z } from 'zod';
import type { AuthContext, AuthSession } from '../auth/auth-provider.js';
import { asAuthenticationError } from './auth-failure.js';

/** The auth service's token envelope (`/token/authenticate`, `/token/refresh`); unknown fields are ignored. */
const tokenResponseSchema = z.object({
  tokenInfo: z.object({
    tokenValue: z.string().min(1),
    /** Epoch milliseconds. */
    expiresAt: z.number(),
    tokenId: z.string().optional(),
    refreshTokenId: z.string().optional(),
  }),
});

function toSession(data: z.output<typeof tokenResponseSchema>): AuthSession {
  return {
    authorization: `AnaplanAuthToken ${data.tokenInfo.tokenValue}`,
    expiresAt: data.tokenInfo.expiresAt,
  };
}

/**
 * `POST /token/authenticate` with the given `Authorization` header (Basic or CACertificate) and optional JSON body.
 * Accepts 200 and 201 (the docs say 200, the live service answers 201).
 *
 * @throws {@link AuthenticationError} when the service refuses the credentials (400, 401 or 403).
 */
export async function authenticateSession(
  context: AuthContext,
  authorization: string,
  what: string,
  json?: unknown,
): Promise<AuthSession> {
  try {
    const response = await context.request({
      api: 'auth',
      method: 'POST',
      path: '/token/authenticate',
      headers: { authorization },
      json,
      schema: tokenResponseSchema,
    });
    return toSession(response.data);
  } catch (error) {
    throw asAuthenticationError(error, what);
  }
}

/** `POST /token/refresh`: a new (or extended) token for a live one. */
export async function refreshSession(context: AuthContext, session: AuthSession): Promise<AuthSession> {
  try {
    const response = await context.request({
      api: 'auth',
      method: 'POST',
      path: '/token/refresh',
      headers: { authorization: session.authorization },
      schema: tokenResponseSchema,
    });
    return toSession(response.data);
  } catch (error) {
    throw asAuthenticationError(error, 'Refreshing the session');
  }
}

/** `POST /token/logout` (204): the token is invalid afterwards. */
export async function logoutSession(context: AuthContext, session: AuthSession): Promise<void> {
  await context.request({
    api: 'auth',
    method: 'POST',
    path: '/token/logout',
    headers: { authorization: session.authorization },
    responseType: 'none',
  });
}
