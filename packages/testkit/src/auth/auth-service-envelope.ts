// Tests: ./token-routes.test.ts, ./certificate-login.test.ts

import type { ServerResponse } from 'node:http';
import type { SimulatorContext } from '../internal/context.js';
import { sendJson } from '../internal/respond.js';
import type { SimSession } from '../state.js';

/**
 * Why the auth service refused a request. The `code` values are the two the authentication spec documents:
 * a malformed request answers 400 `FAILURE_BAD_HEADER`, a refused credential 401 `FAILURE_BAD_CREDENTIAL`.
 */
export interface AuthFailure {
  status: 400 | 401;
  code: 'FAILURE_BAD_HEADER' | 'FAILURE_BAD_CREDENTIAL';
  /** Human-readable reason; never contains the credential. */
  message: string;
}

/** A malformed request (400 `FAILURE_BAD_HEADER`). */
export function badHeader(message: string): AuthFailure {
  return { status: 400, code: 'FAILURE_BAD_HEADER', message };
}

/** A refused credential (401 `FAILURE_BAD_CREDENTIAL`). */
export function badCredential(message: string): AuthFailure {
  return { status: 401, code: 'FAILURE_BAD_CREDENTIAL', message };
}

/** Answers with the auth service's failure envelope `{ status, statusMessage }`. */
export function sendAuthFailure(response: ServerResponse, failure: AuthFailure): void {
  sendJson(response, failure.status, { status: failure.code, statusMessage: failure.message });
}

/** The `tokenInfo` object of an authenticate or refresh answer. */
export function tokenInfoOf(session: SimSession): Record<string, unknown> {
  return {
    tokenId: session.tokenId,
    tokenValue: session.token,
    expiresAt: session.expiresAt,
    refreshTokenId: session.refreshTokenId,
  };
}

/** `meta.validationUrl`, pointing at this simulator's `/token/validate`. */
export function metaOf(context: SimulatorContext): { validationUrl: string } {
  return { validationUrl: `${context.baseUrl()}/token/validate` };
}

/** Answers with the success envelope of `/token/authenticate` and `/token/refresh`. */
export function sendTokenSuccess(
  response: ServerResponse,
  context: SimulatorContext,
  status: number,
  statusMessage: 'Login successful' | 'Token refreshed',
  session: SimSession,
): void {
  sendJson(response, status, {
    meta: metaOf(context),
    status: 'SUCCESS',
    statusMessage,
    tokenInfo: tokenInfoOf(session),
  });
}
