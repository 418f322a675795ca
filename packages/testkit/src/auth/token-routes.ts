import { recordLogin } from '../audit/logins.js';
import type { SimulatorContext } from '../internal/context.js';
import { lowerHexId } from '../internal/ids.js';
import { sendEmpty, sendJson } from '../internal/respond.js';
import type { Router } from '../internal/router.js';
import {
  badCredential,
  badHeader,
  metaOf,
  sendAuthFailure,
  sendTokenSuccess,
} from './auth-service-envelope.js';
import { checkBasicLogin, type LoginResult } from './basic-login.js';
import { CertificateLogin } from './certificate-login.js';
import { findSession, issueSession } from './sessions.js';

/**
 * Registers the auth service (`/token/authenticate`, `/token/validate`, `/token/refresh`, `/token/logout`) as the
 * Anaplan authentication documentation and its live-probe notes describe it.
 */
export function registerTokenRoutes(router: Router, context: SimulatorContext): void {
  const certificateLogin = new CertificateLogin(context);
  const customerGuid = lowerHexId();

  router.on('POST', '/token/authenticate', ({ request, response, body }) => {
    const authorization = request.headers.authorization;
    if (!authorization) {
      sendAuthFailure(response, badCredential('Missing Authorization header'));
      return;
    }
    const space = authorization.indexOf(' ');
    const scheme = space < 0 ? authorization : authorization.slice(0, space);
    const credential = space < 0 ? '' : authorization.slice(space + 1).trim();
    let result: LoginResult;
    if (scheme === 'Basic') result = checkBasicLogin(context.state, credential);
    else if (scheme === 'CACertificate') result = certificateLogin.check(credential, body);
    else result = { ok: false, failure: badHeader('Invalid header. Verify the header.') };
    recordLogin(context, scheme, credential, result.ok ? result.user : undefined);
    if (!result.ok) {
      sendAuthFailure(response, result.failure);
      return;
    }
    const session = issueSession(context, result.user, scheme === 'Basic' ? 'basic' : 'certificate');
    result.user.lastLoginAt = context.now(); // the Integration API's `lastLoginDate`
    sendTokenSuccess(
      response,
      context,
      context.state.switches.authenticateStatus,
      'Login successful',
      session,
    );
  });

  router.on('GET', '/token/validate', ({ request, response }) => {
    const found = findSession(context, request.headers.authorization);
    if (!found.ok) {
      sendAuthFailure(response, found.failure);
      return;
    }
    const { session, user } = found;
    sendJson(response, 200, {
      meta: metaOf(context),
      status: 'SUCCESS',
      statusMessage: 'Token validated',
      tokenInfo: {
        expiresAt: session.expiresAt,
        tokenId: session.tokenId,
        refreshTokenId: session.refreshTokenId,
      },
      userInfo: { userGuid: user.id, userId: user.userName, customerGuid },
    });
  });

  router.on('POST', '/token/refresh', ({ request, response }) => {
    const found = findSession(context, request.headers.authorization);
    if (!found.ok) {
      sendAuthFailure(response, found.failure);
      return;
    }
    const { session, user } = found;
    if (session.via === 'oauth') {
      sendAuthFailure(response, badCredential('OAuth access tokens are renewed at /oauth/token'));
      return;
    }
    if (context.state.switches.refreshReturnsSameToken) {
      session.expiresAt = context.now() + context.tokenTtlMs;
      sendTokenSuccess(response, context, 200, 'Token refreshed', session);
      return;
    }
    session.revoked = true;
    const renewed = issueSession(context, user, session.via, session.refreshTokenId);
    sendTokenSuccess(response, context, 200, 'Token refreshed', renewed);
  });

  router.on('POST', '/token/logout', ({ request, response }) => {
    const found = findSession(context, request.headers.authorization);
    if (!found.ok) {
      // Live probes: logout answers 401 (not 400) for a header with another scheme.
      sendAuthFailure(response, { ...found.failure, status: 401 });
      return;
    }
    found.session.revoked = true;
    sendEmpty(response, 204);
  });
}
