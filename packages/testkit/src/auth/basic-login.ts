// Tests: ./token-routes.test.ts

import type { SimUser, TenantState } from '../state.js';
import { type AuthFailure, badCredential, badHeader } from './auth-service-envelope.js';

/** The user a login proved, or why it was refused. */
export type LoginResult = { ok: true; user: SimUser } | { ok: false; failure: AuthFailure };

const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Checks the credential of `Authorization: Basic <base64(userName:password)>` (`encoded` is the part after the
 * scheme). The user must exist, be active and have this password. Every refusal reads the same, so the answer does
 * not tell which part was wrong.
 */
export function checkBasicLogin(state: TenantState, encoded: string): LoginResult {
  if (!base64Pattern.test(encoded))
    return { ok: false, failure: badHeader('Invalid header. Verify the header.') };
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return { ok: false, failure: badHeader('Invalid header. Verify the header.') };
  const user = state.findUserByName(decoded.slice(0, colon));
  const password = decoded.slice(colon + 1);
  if (!user || user.password === undefined || user.password !== password || !user.active) {
    return { ok: false, failure: badCredential('Invalid username or password') };
  }
  return { ok: true, user };
}
