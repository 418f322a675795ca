import type { SimulatorContext } from '../internal/context.js';
import { sendBytes, sendJson } from '../internal/respond.js';
import type { Router } from '../internal/router.js';
import { decideDeviceAuthorizations, startDeviceAuthorization } from './device-authorizations.js';
import { deviceCodeGrant, type GrantResult, refreshTokenGrant } from './oauth-grants.js';
import {
  authenticateClient,
  grantedScope,
  invalidRequest,
  readOAuthParameters,
  sendOAuthError,
} from './oauth-request.js';

const deviceGrantType = 'urn:ietf:params:oauth:grant-type:device_code';

/**
 * Registers the OAuth service: `POST /oauth/device/code`, `POST /oauth/token` (refresh-token and device-code
 * grants), and a small verification page at `/oauth/activate` where a person can approve or deny a device code
 * (tests call `Simulator.approveDevice` instead).
 */
export function registerOAuthRoutes(router: Router, context: SimulatorContext): void {
  const activateUrl = () => `${context.baseUrl()}/oauth/activate`;

  router.on('POST', '/oauth/device/code', ({ request, response, body }) => {
    const parameters = readOAuthParameters(request, body);
    if (!parameters) {
      sendOAuthError(response, invalidRequest('The body must be JSON or form-encoded'));
      return;
    }
    const client = authenticateClient(context.state, request, parameters, false);
    if (!client.ok) {
      sendOAuthError(response, client.failure);
      return;
    }
    const scope = grantedScope(parameters.get('scope'));
    const authorization = startDeviceAuthorization(context, client.client.clientId, scope);
    sendJson(
      response,
      200,
      {
        device_code: authorization.deviceCode,
        user_code: authorization.userCode,
        verification_uri: activateUrl(),
        verification_uri_complete: `${activateUrl()}?user_code=${authorization.userCode}`,
        expires_in: context.state.switches.deviceCodeExpiresInSeconds,
        interval: context.state.switches.deviceCodeIntervalSeconds,
      },
      { 'cache-control': 'no-store' },
    );
  });

  router.on('POST', '/oauth/token', ({ request, response, body }) => {
    const parameters = readOAuthParameters(request, body);
    if (!parameters) {
      sendOAuthError(response, invalidRequest('The body must be JSON or form-encoded'));
      return;
    }
    const grantType = parameters.get('grant_type');
    if (!grantType) {
      sendOAuthError(response, invalidRequest('grant_type is required'));
      return;
    }
    if (grantType !== 'refresh_token' && grantType !== deviceGrantType) {
      sendOAuthError(response, {
        status: 400,
        error: 'unsupported_grant_type',
        description: `The simulator supports refresh_token and ${deviceGrantType}`,
      });
      return;
    }
    const client = authenticateClient(context.state, request, parameters, grantType === 'refresh_token');
    if (!client.ok) {
      sendOAuthError(response, client.failure);
      return;
    }
    const result: GrantResult =
      grantType === 'refresh_token'
        ? refreshTokenGrant(context, client.client, parameters)
        : deviceCodeGrant(context, client.client, parameters);
    if (!result.ok) {
      sendOAuthError(response, result.failure);
      return;
    }
    sendJson(response, 200, result.tokens, { 'cache-control': 'no-store', pragma: 'no-cache' });
  });

  router.on('GET', '/oauth/activate', ({ response, url }) => {
    const userCode = escapeHtml(url.searchParams.get('user_code') ?? '');
    const page = `<!doctype html><html><head><title>Anaplan simulator: device activation</title></head><body>
<h1>Device activation</h1>
<form method="post" action="/oauth/activate">
<label>User code <input name="user_code" value="${userCode}" autofocus></label>
<button name="decision" value="approve">Approve</button>
<button name="decision" value="deny">Deny</button>
</form></body></html>`;
    sendBytes(response, 200, page, 'text/html; charset=utf-8');
  });

  router.on('POST', '/oauth/activate', ({ request, response, body }) => {
    const parameters = readOAuthParameters(request, body);
    const userCode = parameters?.get('user_code') ?? '';
    const decision = parameters?.get('decision') === 'deny' ? 'deny' : 'approve';
    const unknown = () =>
      sendBytes(response, 404, 'Unknown or already decided user code.\n', 'text/plain; charset=utf-8');
    if (userCode === '' || userCode === 'all') {
      unknown();
      return;
    }
    try {
      decideDeviceAuthorizations(context.state, userCode, decision);
    } catch {
      unknown();
      return;
    }
    const done = decision === 'approve' ? 'approved' : 'denied';
    sendBytes(response, 200, `Device ${done}. You may close this page.\n`, 'text/plain; charset=utf-8');
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
