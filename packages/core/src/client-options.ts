import type { AuthProvider } from './auth/auth-provider.js';
import { ConfigurationError } from './errors/configuration-error.js';
import { checkBaseUrl } from './internal/check-base-url.js';
import type { Logger } from './logger.js';
import type { BaseUrls, RegionCode, ServiceName } from './regions.js';
import { Transport } from './transport/transport.js';
import type { RetryOptions, TransportOptions } from './transport/transport-options.js';

/**
 * The options every anaplan-access client takes (`ScimClient`, `IntegrationClient`), in one options object.
 *
 * @example
 * ```ts
 * const options: ClientOptions = { auth: basicAuth({ username, password }), region: 'eu3', concurrency: 8 };
 * ```
 */
export interface ClientOptions {
  /** How requests are authenticated: `basicAuth`, `certificateAuth`, `oauthRefreshToken`, `apiKey`, … */
  auth: AuthProvider;
  /** The tenant's Anaplan region: picks every host not given explicitly. @default 'us1' */
  region?: RegionCode | undefined;
  /** This client's API base URL (for a simulator or a proxy). @default the region's */
  baseUrl?: string | undefined;
  /** Base URL of Anaplan's auth service (`/token/authenticate`). @default the region's */
  authUrl?: string | undefined;
  /** Base URL of Anaplan's OAuth service, for the OAuth providers. @default the region's */
  oauthUrl?: string | undefined;
  /** The `fetch` implementation (proxies, custom CAs, instrumentation, tests). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * Deadline of one HTTP attempt, in ms: response headers, then the body read and parsed, within this time.
   * @default 30000
   */
  timeoutMs?: number | undefined;
  /**
   * Largest response body read into memory, in bytes; a larger one is a `ResponseTooLargeError` (streamed downloads
   * have their own limits). See {@link TransportOptions.maxResponseBytes}. @default 67108864 (64 MiB)
   */
  maxResponseBytes?: number | undefined;
  /** Most requests in flight at once for this client. @default 4 */
  concurrency?: number | undefined;
  /** HTTP retry policy (see {@link RetryOptions}); a number is `{ limit }`. @default { limit: 3 } */
  retry?: number | RetryOptions | undefined;
  /** Where diagnostics go (a pino logger or `console` work as is). @default silentLogger */
  logger?: Logger | undefined;
  /** The `User-Agent` header. @default `anaplan-access/<VERSION>` */
  userAgent?: string | undefined;
}

/**
 * The keys of {@link ClientOptions}, for a client's check of unknown keys.
 *
 * @example
 * ```ts
 * const valid = [...clientOptionKeys, 'anaplan'];
 * ```
 */
export const clientOptionKeys = [
  'auth',
  'region',
  'baseUrl',
  'authUrl',
  'oauthUrl',
  'fetch',
  'timeoutMs',
  'maxResponseBytes',
  'concurrency',
  'retry',
  'logger',
  'userAgent',
] as const satisfies readonly (keyof ClientOptions)[];

/** Every key of {@link ClientOptions} is in {@link clientOptionKeys}: this fails to compile when one is missing. */
const everyKeyListed: [Exclude<keyof ClientOptions, (typeof clientOptionKeys)[number]>] extends [never]
  ? true
  : false = true;
void everyKeyListed;

/** The service whose base URL a client's `baseUrl` option gives: the API the client is for. */
export type ClientService = Exclude<ServiceName, 'auth' | 'oauth'>;

/**
 * Builds the {@link Transport} of a client whose own API is `service`: refuses unknown keys (listing the valid
 * ones), maps `baseUrl`/`authUrl`/`oauthUrl` onto the transport's base URLs, and names the client's own keys in
 * configuration errors. Keys in `ownKeys` are the client's to check; they are not passed to the transport.
 *
 * @example
 * ```ts
 * const transport = createClientTransport('ScimClient', 'scim', options, ['anaplan']);
 * ```
 * @throws {@link ConfigurationError} for an unknown or invalid option.
 */
export function createClientTransport(
  clientName: string,
  service: ClientService,
  options: ClientOptions,
  ownKeys: readonly string[] = [],
): Transport {
  if (typeof options !== 'object' || options === null)
    throw new ConfigurationError('options', `${clientName} needs an options object with at least "auth"`);
  const valid: readonly string[] = [...clientOptionKeys, ...ownKeys];
  const unknown = Object.keys(options).find((key) => !valid.includes(key));
  if (unknown !== undefined)
    throw new ConfigurationError(
      unknown,
      `Unknown ${clientName} option "${unknown}". Valid options: ${valid.join(', ')}`,
    );
  return new Transport(transportOptionsOf(service, options));
}

/** The client's URL options, each with the service whose base URL it gives. */
function baseUrlsOf(service: ClientService, options: ClientOptions): Partial<BaseUrls> {
  const given: [ServiceName, 'baseUrl' | 'authUrl' | 'oauthUrl'][] = [
    [service, 'baseUrl'],
    ['auth', 'authUrl'],
    ['oauth', 'oauthUrl'],
  ];
  const baseUrls: Partial<BaseUrls> = {};
  for (const [name, key] of given) {
    const value = options[key];
    if (value !== undefined) baseUrls[name] = checkBaseUrl(key, value);
  }
  return baseUrls;
}

/** The transport's options for a client's: its URL options become `baseUrls`, named after the client's keys. */
function transportOptionsOf(service: ClientService, options: ClientOptions): TransportOptions {
  return {
    auth: options.auth,
    region: options.region,
    baseUrls: baseUrlsOf(service, options),
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes,
    concurrency: options.concurrency,
    retry: options.retry,
    logger: options.logger,
    userAgent: options.userAgent,
  };
}
