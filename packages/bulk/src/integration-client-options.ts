import type { AuthProvider, Logger, RegionCode, RetryOptions } from '@anaplan-access/core';

/**
 * Options of {@link IntegrationClient}. Unknown keys are refused.
 *
 * @example
 * ```ts
 * new IntegrationClient({ auth: basicAuth({ username, password }), region: 'eu3', concurrency: 4 });
 * ```
 */
export interface IntegrationClientOptions {
  /** How to authenticate: `basicAuth(…)`, `certificateAuth(…)`, `oauthRefreshToken(…)`, `staticToken(…)` … */
  auth: AuthProvider;
  /** The tenant's region; fills in every URL not given. @default 'us1' */
  region?: RegionCode;
  /** Integration API base URL, e.g. `https://api.anaplan.com/2/0` (or a simulator's `apiUrl`). */
  baseUrl?: string;
  /** Authentication service base URL, e.g. `https://auth.anaplan.com`. */
  authUrl?: string;
  /** OAuth service base URL, e.g. `https://us1a.app.anaplan.com` (for the OAuth auth providers). */
  oauthUrl?: string;
  /** The `fetch` to use (proxies, instrumentation, tests). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Timeout of one HTTP attempt, in ms. @default 30000 */
  timeoutMs?: number;
  /** Most requests in flight at once. @default 4 */
  concurrency?: number;
  /** HTTP retry policy (see core's `RetryOptions`); a number is `{ limit }`. @default { limit: 3 } */
  retry?: number | RetryOptions;
  /** Where diagnostics go (pino or `console`). @default silent */
  logger?: Logger;
  /** The `User-Agent` header. @default `anaplan-access/<version>` */
  userAgent?: string;
}
