// Tests: ../integration/tenant-routes.test.ts, ../scim/scim-access.test.ts

import type { SimUser, TenantState } from '../state.js';

/** Why a request's credentials were refused. */
export type CallerFailure = 'missing' | 'malformed' | 'invalid' | 'expired' | 'inactive';

export type CallerResult = { ok: true; user: SimUser } | { ok: false; reason: CallerFailure };

export interface CallerOptions {
  /** Accept `Basic base64(user:password)` directly (Anaplan SCIM does). @default false */
  basic?: boolean;
  /** Accept `Bearer <token or API key>` (Anaplan SCIM does). @default false */
  bearer?: boolean;
  /** The simulator's clock. */
  now?: number;
}

/**
 * Resolves the `Authorization` header of an API call to a tenant user. `AnaplanAuthToken <token>` is always
 * accepted; Basic and Bearer only where the API accepts them.
 */
export function resolveCaller(
  state: TenantState,
  authorization: string | undefined,
  options: CallerOptions = {},
): CallerResult {
  if (!authorization) return { ok: false, reason: 'missing' };
  const space = authorization.indexOf(' ');
  if (space < 0) return { ok: false, reason: 'malformed' };
  const scheme = authorization.slice(0, space);
  const value = authorization.slice(space + 1).trim();
  const now = options.now ?? Date.now();

  let user: SimUser | undefined;
  if (scheme === 'AnaplanAuthToken' || (scheme === 'Bearer' && options.bearer)) {
    const session = state.sessions.get(value);
    if (session) {
      if (session.revoked) return { ok: false, reason: 'invalid' };
      if (session.expiresAt <= now) return { ok: false, reason: 'expired' };
      user = state.users.get(session.userId);
    } else if (scheme === 'Bearer') {
      const key = state.apiKeys.get(value);
      user = key ? state.findUserByName(key.userName) : undefined;
    }
  } else if (scheme === 'Basic' && options.basic) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { ok: false, reason: 'malformed' };
    const candidate = state.findUserByName(decoded.slice(0, colon));
    if (candidate?.password !== undefined && candidate.password === decoded.slice(colon + 1))
      user = candidate;
  } else {
    return { ok: false, reason: 'malformed' };
  }
  if (!user) return { ok: false, reason: 'invalid' };
  if (!user.active) return { ok: false, reason: 'inactive' };
  return { ok: true, user };
}
