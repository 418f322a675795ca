// Tests: ./session-auth.test.ts, ./oauth-auth.test.ts, ../transport/session.test.ts

import type { ZodType, z } from 'zod';
import type { Logger } from '../logger.js';
import type { RequestOptions, TransportResponse } from '../transport/request-options.js';

/**
 * A live credential: the exact `Authorization` header value to send, and when it stops working.
 *
 * @example
 * ```ts
 * const session: AuthSession = { authorization: `AnaplanAuthToken ${tokenValue}`, expiresAt: 1750736826000 };
 * ```
 */
export interface AuthSession {
  /** The whole `Authorization` header value, e.g. `AnaplanAuthToken eyJ…` or `Bearer key-…`. */
  readonly authorization: string;
  /** When the credential expires, in epoch milliseconds; absent when it does not expire (API keys). */
  readonly expiresAt?: number;
}

/** One request an {@link AuthProvider} sends: a client request, always sent without the session's credential. */
export type AuthRequestOptions = Omit<RequestOptions, 'authenticated'>;

/**
 * How an {@link AuthProvider} reaches the auth and OAuth services: through the client's transport (same base URLs,
 * timeout, retry policy, redaction and logging), but never authenticated and never queued behind the client's
 * concurrency limit. Use `api: 'auth'` for `/token/...` and `api: 'oauth'` for `/oauth/...`. With a `schema`, the
 * 2xx JSON body is parsed by it; `responseType: 'none'` discards the body.
 *
 * @example
 * ```ts
 * const { data } = await context.request({ api: 'auth', method: 'POST', path: '/token/authenticate', schema });
 * ```
 * @throws the transport's errors: {@link ApiError} (or a status subclass), {@link ConnectionError},
 *   {@link TimeoutError}, {@link AbortError}, {@link ResponseValidationError}.
 */
export interface AuthRequest {
  /** A JSON answer parsed by `schema`. */
  <Schema extends ZodType>(
    options: AuthRequestOptions & { schema: Schema; responseType?: 'json' },
  ): Promise<TransportResponse<z.output<Schema>>>;
  /** The answer as text. */
  (options: AuthRequestOptions & { responseType: 'text' }): Promise<TransportResponse<string>>;
  /** The answer's body discarded. */
  (options: AuthRequestOptions & { responseType: 'none' }): Promise<TransportResponse<undefined>>;
  /** Any other answer: parsed JSON, unchecked. */
  (options: AuthRequestOptions): Promise<TransportResponse<unknown>>;
}

/**
 * What the token manager hands an {@link AuthProvider} so it can talk to the auth and OAuth services.
 */
export interface AuthContext {
  /** Sends a request to the auth or OAuth service (see {@link AuthRequest}). */
  readonly request: AuthRequest;
  /** Fires when nobody waits for this authentication any more, or when the transport is closed. */
  readonly signal: AbortSignal;
  /** The client's logger (already scrubbed of secrets). */
  readonly logger: Logger;
}

/**
 * Obtains (and optionally renews and ends) the credential a client sends. Use one of the factories
 * ({@link basicAuth}, {@link certificateAuth}, {@link oauthRefreshToken}, {@link oauthDeviceGrant}, {@link apiKey},
 * {@link staticToken}, {@link bearerToken}) or write your own.
 *
 * Keep secrets in closures or private fields, never in enumerable properties, so that logging or serialising the
 * provider cannot reveal them; list them in `secrets()` so the transport can scrub them from errors and logs.
 *
 * @example
 * ```ts
 * const vaultToken: AuthProvider = {
 *   kind: 'vault',
 *   async authenticate() {
 *     const token = await vault.read('anaplan/token');
 *     return { authorization: `AnaplanAuthToken ${token}`, expiresAt: Date.now() + 30 * 60_000 };
 *   },
 * };
 * ```
 */
export interface AuthProvider {
  /** A short, non-secret name of the mechanism (`basic`, `certificate`, `oauth-refresh-token`, …). */
  readonly kind: string;
  /**
   * Obtains a new session. Called once per client, and again when a session expired or was refused.
   * @throws {@link AuthenticationError} when the credentials are refused.
   */
  authenticate(context: AuthContext): Promise<AuthSession>;
  /**
   * Renews a session that is about to expire. When absent, or when it fails, the token manager authenticates
   * again instead.
   */
  refresh?(context: AuthContext, session: AuthSession): Promise<AuthSession>;
  /** Ends a session; called by `Transport.close()`. */
  logout?(context: AuthContext, session: AuthSession): Promise<void>;
  /**
   * The secret values this provider currently holds (passwords, keys, refresh tokens, client secrets), so they
   * can be scrubbed from error messages, bodies and log lines. Called often; keep it cheap.
   */
  secrets?(): Iterable<string>;
}

/** Whether `value` has the shape of an {@link AuthProvider}. */
export function isAuthProvider(value: unknown): value is AuthProvider {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate['kind'] === 'string' && typeof candidate['authenticate'] === 'function';
}
