// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { ConfigurationError, type RegionCode, regions } from '@anaplan-access/core';

/** The CloudWorks host of the regions whose API host Anaplan shares (us1, eu1, ap1 …): live-confirmed. */
const sharedBaseUrl = 'https://api.cloudworks.anaplan.com/2/0';

/** Hosts Anaplan's CloudWorks documentation names for regions of their own. */
const documented: Partial<Record<RegionCode, string>> = {
  au1: 'https://api.cloudworks.au1a.app2.anaplan.com/2/0',
  ca1: 'https://ca1a.api.anaplan.com/cloudworks/2/0',
};

/**
 * The CloudWorks API v2 base URL of an Anaplan region. Regions that share Anaplan's global hosts use
 * `https://api.cloudworks.anaplan.com/2/0` (live-confirmed; `https://api.anaplan.com/cloudworks/2/0` answers too),
 * Australia and Canada the hosts CloudWorks' documentation names; the other regions with hosts of their own use
 * `/cloudworks/2/0` on their Integration API host, by analogy with Canada (not confirmed live: pass `baseUrl` to be
 * sure).
 *
 * @example
 * ```ts
 * cloudWorksBaseUrl('us1'); // 'https://api.cloudworks.anaplan.com/2/0'
 * cloudWorksBaseUrl('eu3'); // 'https://eu3.api.anaplan.com/cloudworks/2/0'
 * ```
 * @throws `ConfigurationError` (key `region`) for an unknown region.
 */
export function cloudWorksBaseUrl(region: RegionCode): string {
  if (!Object.hasOwn(regions, region))
    throw new ConfigurationError(
      'region',
      `Unknown region "${String(region)}". Known regions: ${Object.keys(regions).join(', ')}`,
    );
  const known = documented[region];
  if (known !== undefined) return known;
  const api = regions[region].api;
  if (api === regions.us1.api) return sharedBaseUrl;
  return api.replace(/\/2\/0$/, '/cloudworks/2/0');
}
