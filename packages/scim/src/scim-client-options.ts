import {
  type AuthProvider,
  ConfigurationError,
  type Logger,
  type RegionCode,
  type RetryOptions,
} from '@anaplan-access/core';
import { z } from 'zod';

/**
 * Options of {@link ScimClient}. Every key is checked when the client is built; an unknown key is a
 * `ConfigurationError` naming the valid keys.
 *
 * @example
 * ```ts
 * // Anaplan, with an Anaplan login (the token comes from the auth service of the region):
 * new ScimClient({ region: 'eu3', auth: basicAuth({ username, password }) });
 * // Any SCIM 2.0 server, with a bearer token:
 * new ScimClient({ baseUrl: 'https://idp.example.com/scim/v2', auth: bearerToken(token), anaplan: false });
 * ```
 */
export interface ScimClientOptions {
  /**
   * Base URL of the SCIM service, without `/Users`. `http://` is accepted for loopback hosts only.
   * @default the region's SCIM URL, e.g. `https://api.anaplan.com/scim/1/0/v2`
   */
  baseUrl?: string;
  /** How requests are authenticated: `basicAuth`, `certificateAuth`, `apiKey`, `staticToken`, `bearerToken`, … */
  auth: AuthProvider;
  /** The Anaplan region: picks the SCIM, auth and OAuth hosts not given explicitly. @default 'us1' */
  region?: RegionCode;
  /** Base URL of Anaplan's auth service (`/token/authenticate`), for a simulator or a proxy. @default the region's */
  authUrl?: string;
  /** Base URL of Anaplan's OAuth service, for OAuth providers. @default the region's */
  oauthUrl?: string;
  /** The `fetch` implementation (proxies, instrumentation). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Timeout of one HTTP attempt, in ms. @default 30000 */
  timeoutMs?: number;
  /** Most requests in flight at once; also how many list pages are fetched ahead. @default 4 */
  concurrency?: number;
  /** Retry policy of core's transport (429/5xx for idempotent calls; a create is never replayed). @default 3 retries */
  retry?: number | RetryOptions;
  /** Where diagnostics go (pino or `console`). @default silent */
  logger?: Logger;
  /**
   * Apply Anaplan's documented limits before sending: page size ≤ 100, only Anaplan's filterable attributes and
   * operators, ≤ 50 workspaces per call, and no PUT that would silently remove every workspace. Turn it off for
   * other SCIM 2.0 servers. @default true
   */
  anaplan?: boolean;
}

const optionsSchema = z.strictObject({
  baseUrl: z.string().optional(),
  auth: z.custom<AuthProvider>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { kind?: unknown }).kind === 'string' &&
      typeof (value as { authenticate?: unknown }).authenticate === 'function',
    'must be an AuthProvider such as basicAuth(…), bearerToken(…) or staticToken(…)',
  ),
  region: z.string().optional(),
  authUrl: z.string().optional(),
  oauthUrl: z.string().optional(),
  fetch: z
    .custom<typeof globalThis.fetch>((value) => typeof value === 'function', 'must be a function')
    .optional(),
  timeoutMs: z.number().optional(),
  concurrency: z.number().int().min(1).optional(),
  retry: z.union([z.number(), z.record(z.string(), z.unknown())]).optional(),
  logger: z
    .custom<Logger>((value) => typeof value === 'object' && value !== null, 'must be a logger')
    .optional(),
  anaplan: z.boolean().optional(),
});

/**
 * Checks the options' keys and types; value ranges are checked by core's transport.
 * @throws {@link ConfigurationError} naming the first wrong option.
 * @internal
 */
export function parseScimClientOptions(options: ScimClientOptions): ScimClientOptions {
  const result = optionsSchema.safeParse(options);
  if (result.success) return options;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    throw new ConfigurationError(
      key,
      `Unknown ScimClient option "${key}". Valid options: ${Object.keys(optionsSchema.shape).join(', ')}`,
    );
  }
  const key = issue.path.map(String).join('.') || 'options';
  throw new ConfigurationError(key, `Invalid ScimClient option "${key}": ${issue.message}`);
}
