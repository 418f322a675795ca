// Tests: ./audit-routes.test.ts, ../exception-users/exception-routes.test.ts

import type { IncomingMessage } from 'node:http';
import { resolveCaller } from '../internal/caller.js';
import type { SimulatorContext } from '../internal/context.js';
import type { SimUser } from '../state.js';

/** A refusal of the Audit or Exception Users API: `{ status, statusMessage }` with an HTTP status. */
export class AdminApiFailure extends Error {
  readonly httpStatus: number;
  readonly status: string;

  constructor(httpStatus: number, status: string, statusMessage: string) {
    super(statusMessage);
    this.httpStatus = httpStatus;
    this.status = status;
  }
}

/**
 * The caller of an Audit or Exception Users API request. `AnaplanAuthToken <token>` always works; `AnaplanApiKey
 * <key>` where `apiKeys` is set (the Exception Users API); any other scheme is refused with `badScheme`.
 *
 * @throws {AdminApiFailure} for a missing or refused credential.
 */
export function adminApiCaller(
  context: SimulatorContext,
  request: IncomingMessage,
  badScheme: AdminApiFailure,
  apiKeys = false,
): SimUser {
  const authorization = request.headers.authorization ?? '';
  const space = authorization.indexOf(' ');
  const scheme = space < 0 ? authorization : authorization.slice(0, space);
  const value = authorization.slice(space + 1).trim();
  if (apiKeys && scheme === 'AnaplanApiKey') {
    const key = context.state.apiKeys.get(value);
    const user = key ? context.state.findUserByName(key.userName) : undefined;
    if (user?.active) return user;
    throw new AdminApiFailure(401, 'FAILURE_INVALID_TOKEN', 'The API key is not valid');
  }
  if (scheme !== 'AnaplanAuthToken') throw badScheme;
  const caller = resolveCaller(context.state, authorization, { now: context.now() });
  if (!caller.ok) throw new AdminApiFailure(401, 'FAILURE_INVALID_TOKEN', 'The token is not valid');
  return caller.user;
}
