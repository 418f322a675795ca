// Tests: ./scim-access.test.ts

import type { IncomingMessage } from 'node:http';
import { resolveCaller } from '../internal/caller.js';
import type { SimulatorContext } from '../internal/context.js';
import type { SimUser } from '../state.js';
import { ScimRequestError } from './scim-response.js';

/** The tenant role `/Users` needs (shown as "User Administration" in the UI). */
export const userAdminRole = 'USER_ADMIN';

const failureDetails: Record<string, string> = {
  missing: 'Authentication is required',
  malformed: 'The Authorization header is not a supported scheme (AnaplanAuthToken, Bearer or Basic)',
  invalid: 'The credentials are not valid',
  expired: 'The token has expired',
  inactive: 'The user is not active',
};

/**
 * Authenticates a `/Users` call (`AnaplanAuthToken`, `Bearer` token or API key, or `Basic` sent directly) and
 * checks the USER_ADMIN role. The error details never repeat the credentials.
 *
 * @throws {ScimRequestError} 401 when the credentials are missing or invalid, 403 without USER_ADMIN.
 */
export function requireUserAdmin(context: SimulatorContext, request: IncomingMessage): SimUser {
  const caller = resolveCaller(context.state, request.headers.authorization, {
    basic: true,
    bearer: context.state.switches.bearerAccepted.scim,
    now: context.now(),
  });
  if (!caller.ok)
    throw new ScimRequestError(401, failureDetails[caller.reason] ?? failureDetails['invalid']!);
  if (!caller.user.roles.includes(userAdminRole))
    throw new ScimRequestError(403, 'The caller does not have the User Administration (USER_ADMIN) role');
  return caller.user;
}
