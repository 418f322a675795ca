// Tests: ./token-routes.test.ts

import { randomBytes, randomUUID } from 'node:crypto';
import type { SimulatorContext } from '../internal/context.js';
import type { SimSession, SimUser } from '../state.js';
import { type AuthFailure, badCredential, badHeader } from './auth-service-envelope.js';

/** Issues a new token for `user`, valid for `context.tokenTtlMs`, and stores it in `state.sessions`. */
export function issueSession(
  context: SimulatorContext,
  user: SimUser,
  via: SimSession['via'],
  refreshTokenId: string = randomUUID(),
): SimSession {
  const session: SimSession = {
    token: randomBytes(32).toString('base64url'),
    tokenId: randomUUID(),
    userId: user.id,
    expiresAt: context.now() + context.tokenTtlMs,
    revoked: false,
    via,
    refreshTokenId,
  };
  context.state.sessions.set(session.token, session);
  return session;
}

/** The live session (and its user) an `Authorization` header names, or why it is refused. */
export type SessionLookup =
  | { ok: true; session: SimSession; user: SimUser }
  | { ok: false; failure: AuthFailure };

/**
 * Finds the live session named by an `AnaplanAuthToken <token>` header. Another scheme is a malformed header
 * (live probes: `Bearer` gives 400 on validate and refresh); a missing, unknown, revoked or expired token, or one
 * whose user was deactivated, is a refused credential.
 */
export function findSession(context: SimulatorContext, authorization: string | undefined): SessionLookup {
  if (!authorization) return { ok: false, failure: badCredential('Missing Authorization header') };
  const space = authorization.indexOf(' ');
  const scheme = space < 0 ? authorization : authorization.slice(0, space);
  if (scheme !== 'AnaplanAuthToken') {
    return { ok: false, failure: badHeader('Invalid header. Verify the header.') };
  }
  const session = context.state.sessions.get(authorization.slice(space + 1).trim());
  if (!session || session.revoked) return { ok: false, failure: badCredential('Invalid token') };
  if (session.expiresAt <= context.now()) return { ok: false, failure: badCredential('Token expired') };
  const user = context.state.users.get(session.userId);
  if (!user?.active) return { ok: false, failure: badCredential('User is not active') };
  return { ok: true, session, user };
}
