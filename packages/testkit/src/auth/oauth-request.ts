// Tests: ./oauth-routes.test.ts

import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../internal/respond.js';
import type { OAuthClientSeed } from '../seed.js';
import type { TenantState } from '../state.js';

/** An OAuth error answer (RFC 6749 §5.2, RFC 8628 §3.5). */
export interface OAuthError {
  status: 400 | 401 | 403;
  error:
    | 'invalid_request'
    | 'unauthorized_client'
    | 'invalid_grant'
    | 'unsupported_grant_type'
    | 'authorization_pending'
    | 'slow_down'
    | 'expired_token'
    | 'access_denied';
  description: string;
}

/** Sends `{ error, error_description }` with `Cache-Control: no-store`. */
export function sendOAuthError(response: ServerResponse, failure: OAuthError): void {
  sendJson(
    response,
    failure.status,
    { error: failure.error, error_description: failure.description },
    { 'cache-control': 'no-store' },
  );
}

/**
 * Reads the parameters of an OAuth request: a JSON object (what Anaplan's own clients send) or an
 * `application/x-www-form-urlencoded` body (the RFC default). Non-string JSON values are ignored. Returns
 * `undefined` when the body is neither.
 */
export function readOAuthParameters(request: IncomingMessage, body: Buffer): Map<string, string> | undefined {
  const contentType = request.headers['content-type'] ?? '';
  const text = body.toString('utf8');
  const parameters = new Map<string, string>();
  if (contentType.includes('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(text)) parameters.set(name, value);
    return parameters;
  }
  if (text.trim() === '') return parameters;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === 'string') parameters.set(name, value);
  }
  return parameters;
}

/** An OAuth client as `TenantState.oauthClients` stores it. */
export type StoredClient = OAuthClientSeed & { refreshTokens: string[]; rotate: boolean };

/**
 * Identifies the OAuth client from `client_id` / `client_secret` parameters or an `Authorization: Basic` header
 * (RFC 6749 §2.3.1). For a client with a secret, a secret that is sent must match, and one must be sent when
 * `secretRequired`; a client without a secret (a device-grant client) ignores one.
 */
export function authenticateClient(
  state: TenantState,
  request: IncomingMessage,
  parameters: Map<string, string>,
  secretRequired: boolean,
): { ok: true; client: StoredClient } | { ok: false; failure: OAuthError } {
  let clientId = parameters.get('client_id');
  let clientSecret = parameters.get('client_secret');
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      clientId = decodeURIComponent(decoded.slice(0, colon));
      clientSecret = decodeURIComponent(decoded.slice(colon + 1));
    }
  }
  if (!clientId) return { ok: false, failure: invalidRequest('client_id is required') };
  const client = state.oauthClients.get(clientId);
  // Not RFC 6749's 401 `invalid_client`: the live-tested spec (oauth-openapi.yaml) declares no 401 on the device
  // endpoint and no `invalid_client` code at all; an unknown or unauthenticated client is 403 `unauthorized_client`.
  const refused: OAuthError = {
    status: 403,
    error: 'unauthorized_client',
    description: 'Unauthorized or unknown client',
  };
  if (!client) return { ok: false, failure: refused };
  if (client.clientSecret !== undefined) {
    if (clientSecret === undefined ? secretRequired : clientSecret !== client.clientSecret) {
      return { ok: false, failure: refused };
    }
  }
  return { ok: true, client };
}

/** A 400 `invalid_request`. */
export function invalidRequest(description: string): OAuthError {
  return { status: 400, error: 'invalid_request', description };
}

/** The scope granted for a requested one: Anaplan drops `profile`; no scope means `openid email offline_access`. */
export function grantedScope(requested: string | undefined): string {
  if (requested === undefined || requested.trim() === '') return 'openid email offline_access';
  const scopes = new Set(requested.split(/\s+/).filter((scope) => scope !== '' && scope !== 'profile'));
  return [...scopes].join(' ');
}
