// Tests: ./oauth-auth.test.ts, ../secrets.test.ts

import { z } from 'zod';
import { ConfigurationError } from '../errors/configuration-error.js';
import { isApiError, isAuthenticationError } from '../errors/guards.js';
import { asAuthenticationError } from '../internal/auth-failure.js';
import { defineProvider } from '../internal/define-provider.js';
import {
  deviceCodeGrantType,
  oauthTokenSchema,
  RefreshTokenHolder,
  refreshTokenGrant,
  storeRefreshToken,
  toOAuthSession,
} from '../internal/oauth-session.js';
import { sleep } from '../sleep.js';
import type { AuthContext, AuthProvider, AuthSession } from './auth-provider.js';

/** What to show the user so they can approve the device. */
export interface DevicePrompt {
  /** The short code the user types in. */
  userCode: string;
  /** Where the user goes to type it. */
  verificationUri: string;
  /** A link that already carries the code, when the service sends one. */
  verificationUriComplete: string | undefined;
  /** Seconds until the code expires. */
  expiresIn: number;
}

/** Options of {@link oauthDeviceGrant}. */
export interface OAuthDeviceGrantOptions {
  /** The client id of a device-grant OAuth client (a separate registration from authorization-code clients). */
  clientId: string;
  /** @default 'openid profile email offline_access' */
  scope?: string;
  /** Shows the user where to approve the device; polling starts once it returns. */
  onPrompt: (prompt: DevicePrompt) => void | Promise<void>;
  /** Called with every refresh token issued (first one included), e.g. to reuse it with {@link oauthRefreshToken}. */
  onRotate?: (refreshToken: string) => void | Promise<void>;
}

const deviceCodeSchema = z.object({
  device_code: z.string().min(1),
  user_code: z.string(),
  verification_uri: z.string(),
  verification_uri_complete: z.string().optional(),
  expires_in: z.number(),
  interval: z.number().optional(),
});

/** RFC 8628: the default polling interval, and what `slow_down` adds to it. */
const defaultIntervalSeconds = 5;
const slowDownStepMs = 5000;

/**
 * OAuth 2.0 device authorization grant (RFC 8628), for command-line tools: requests a device code at
 * `POST /oauth/device/code`, calls `onPrompt` with the code to show, then polls `POST /oauth/token` at the
 * service's `interval` (`authorization_pending` → keep waiting, `slow_down` → 5 s slower, `expired_token` or
 * `access_denied` → {@link AuthenticationError}). Polling stops when the transport closes or every waiting
 * request is aborted. Afterwards it works like {@link oauthRefreshToken}; if the refresh token stops working,
 * the device flow starts again.
 *
 * Anaplan disables the device grant for SSO users.
 *
 * @throws {@link ConfigurationError} when `clientId` is empty or `onPrompt` is not a function.
 * @example
 * ```ts
 * const auth = oauthDeviceGrant({
 *   clientId: process.env.ANAPLAN_DEVICE_CLIENT_ID!,
 *   onPrompt: ({ userCode, verificationUri }) => console.log(`Open ${verificationUri} and enter ${userCode}`),
 * });
 * ```
 * @group Authentication
 */
export function oauthDeviceGrant(options: OAuthDeviceGrantOptions): AuthProvider {
  const { clientId, scope, onPrompt, onRotate } = options ?? ({} as OAuthDeviceGrantOptions);
  if (typeof clientId !== 'string' || clientId === '') {
    throw new ConfigurationError('clientId', 'oauthDeviceGrant: clientId must be a non-empty string');
  }
  if (typeof onPrompt !== 'function') {
    throw new ConfigurationError('onPrompt', 'oauthDeviceGrant: onPrompt must be a function');
  }
  const holder = new RefreshTokenHolder();
  const client = { clientId, clientSecret: undefined };
  const requestedScope = scope ?? 'openid profile email offline_access';
  const deviceCodes = new Set<string>();

  async function deviceFlow(context: AuthContext): Promise<AuthSession> {
    let code: z.output<typeof deviceCodeSchema>;
    try {
      const response = await context.request({
        api: 'oauth',
        method: 'POST',
        path: '/oauth/device/code',
        json: { client_id: clientId, scope: requestedScope },
        schema: deviceCodeSchema,
      });
      code = response.data;
      deviceCodes.add(code.device_code);
    } catch (error) {
      throw asAuthenticationError(error, 'Requesting an OAuth device code');
    }
    await onPrompt({
      userCode: code.user_code,
      verificationUri: code.verification_uri,
      verificationUriComplete: code.verification_uri_complete,
      expiresIn: code.expires_in,
    });
    let intervalMs = (code.interval ?? defaultIntervalSeconds) * 1000;
    for (;;) {
      await sleep(intervalMs, context.signal);
      try {
        const response = await context.request({
          api: 'oauth',
          method: 'POST',
          path: '/oauth/token',
          json: { grant_type: deviceCodeGrantType, device_code: code.device_code, client_id: clientId },
          schema: oauthTokenSchema,
        });
        await storeRefreshToken(context, holder, response.data, onRotate);
        return toOAuthSession(response.data);
      } catch (error) {
        const reason = oauthErrorCode(error);
        if (reason === 'authorization_pending') continue;
        if (reason === 'slow_down') {
          intervalMs += slowDownStepMs;
          continue;
        }
        throw asAuthenticationError(error, 'The OAuth device grant');
      }
    }
  }

  return defineProvider(
    { kind: 'oauth-device-grant', clientId },
    {
      async authenticate(context) {
        if (holder.current) {
          try {
            return await refreshTokenGrant(context, client, holder, onRotate);
          } catch (error) {
            if (!isAuthenticationError(error)) throw error;
            context.logger.info(
              { auth: 'oauth-device-grant' },
              'Refresh token refused; starting the device flow',
            );
          }
        }
        return deviceFlow(context);
      },
      secrets: () => [...holder.values(), ...deviceCodes],
    },
  );
}

/** The RFC 6749 `error` code of an OAuth error answer, if any. */
function oauthErrorCode(error: unknown): string | undefined {
  if (!isApiError(error) || error.status < 400 || error.status >= 500) return undefined;
  const body = error.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const code = (body as Record<string, unknown>)['error'];
  return typeof code === 'string' ? code : undefined;
}
