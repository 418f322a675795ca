import { ConfigurationError } from './errors/configuration-error.js';
import { checkBaseUrl } from './internal/check-base-url.js';

/** The base URLs of the four Anaplan services a client talks to. */
export interface BaseUrls {
  /** Integration API v2 base, e.g. `https://api.anaplan.com/2/0`. */
  api: string;
  /** Authentication service (`/token/authenticate`, `/token/refresh`, …), e.g. `https://auth.anaplan.com`. */
  auth: string;
  /** SCIM 2.0 base, e.g. `https://api.anaplan.com/scim/1/0/v2`. */
  scim: string;
  /** OAuth 2.0 service (`/oauth/token`, `/oauth/device/code`), e.g. `https://us1a.app.anaplan.com`. */
  oauth: string;
}

/** The services of {@link BaseUrls}. */
export type ServiceName = keyof BaseUrls;

function hosted(api: string, auth: string, oauth: string): Readonly<BaseUrls> {
  return Object.freeze({ api: `${api}/2/0`, auth, scim: `${api}/scim/1/0/v2`, oauth });
}

const shared = hosted('https://api.anaplan.com', 'https://auth.anaplan.com', 'https://us1a.app.anaplan.com');
const own = (code: string, apiHost = `${code}.api.anaplan.com`, authHost = `${code}.auth.anaplan.com`) =>
  hosted(`https://${apiHost}`, `https://${authHost}`, `https://${code}.app.anaplan.com`);

/**
 * Anaplan regions and their base URLs, from Anaplan's "URL, IP, and allowlist requirements" page as captured in
 * the Anaplan OpenAPI specifications. us1, us2, us5, us7, eu1, eu2, eu4 and ap1 share the global hosts.
 *
 * @example
 * ```ts
 * regions.eu3.api; // 'https://eu3.api.anaplan.com/2/0'
 * ```
 */
export const regions = Object.freeze({
  us1: shared,
  us2: shared,
  us5: shared,
  us7: shared,
  us9: own('us9'),
  eu1: shared,
  eu2: shared,
  eu3: own('eu3'),
  eu4: shared,
  eu5: own('eu5'),
  ap1: shared,
  gb1: own('gb1'),
  ca1: hosted(
    'https://ca1a.api.anaplan.com',
    'https://ca1a.auth.anaplan.com',
    'https://ca1a.app.anaplan.com',
  ),
  sg1: own('sg1'),
  ae1: own('ae1'),
  in1: own('in1'),
  id1: own('id1'),
  me1: own('me1'),
  au1: hosted(
    'https://au1a.api2.anaplan.com',
    'https://au1a.app2.anaplan.com',
    'https://au1a.app2.anaplan.com',
  ),
}) satisfies Record<string, Readonly<BaseUrls>>;

/** A region code of {@link regions}, e.g. `us1` or `eu3`. */
export type RegionCode = keyof typeof regions;

/** The region used when neither a region nor base URLs are given. */
export const defaultRegion: RegionCode = 'us1';

/**
 * Resolves the four base URLs: explicit `baseUrls` win, the region (default `us1`) fills in the rest.
 * Each URL must be `https://`, or `http://` to a loopback host (127.0.0.0/8, ::1, localhost) for a local
 * simulator. Trailing slashes are removed.
 *
 * @throws `ConfigurationError` for an unknown region, an invalid URL, or `http://` to another host.
 * @example
 * ```ts
 * resolveBaseUrls('eu3');
 * resolveBaseUrls(undefined, { api: sim.apiUrl, auth: sim.authUrl, scim: sim.scimUrl, oauth: sim.oauthUrl });
 * ```
 */
export function resolveBaseUrls(
  region: RegionCode = defaultRegion,
  baseUrls: Partial<BaseUrls> = {},
): BaseUrls {
  if (!Object.hasOwn(regions, region)) {
    throw new ConfigurationError(
      'region',
      `Unknown region "${String(region)}". Known regions: ${Object.keys(regions).join(', ')}`,
    );
  }
  const defaults = regions[region];
  const result = {} as BaseUrls;
  for (const service of ['api', 'auth', 'scim', 'oauth'] as const) {
    result[service] = checkBaseUrl(`baseUrls.${service}`, baseUrls[service] ?? defaults[service]);
  }
  return result;
}
