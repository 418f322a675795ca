// Tests: ../inventory.test.ts

import { readCsvRows } from '@anaplan-access/bulk';
import { type ClientOptions, isApiError, regions, userNameKey } from '@anaplan-access/core';
import { createClientTransport, withAnaplanAuthScheme } from '@anaplan-access/core/client';

/** Rows asked for per page of the user export. */
const pageSize = 1000;

/** The Administration API base of a region: its Integration API host with `/admin/1/0`. */
function regionBaseUrl(region: unknown): string | undefined {
  const code = region ?? 'us1';
  if (typeof code !== 'string' || !Object.hasOwn(regions, code)) return undefined; // core reports the region
  return regions[code as keyof typeof regions].api.replace(/\/2\/0$/, '/admin/1/0');
}

/**
 * Every tenant user's licences from the Administration API's `GET /users/export` (CSV: `username`, `first_name`,
 * `last_name`, `licenses`, several licences comma-separated in one cell), by userName key, each page streamed.
 * A refusal (401, 403, or 500 as live tenants answer a caller without the Tenant Administrator role) gives the
 * reason instead; other failures are thrown.
 *
 * @throws {ConfigurationError} for invalid client options; core's request errors; `CsvReadError` for a broken page.
 */
export async function readLicences(
  options: ClientOptions,
  signal: AbortSignal | undefined,
): Promise<Map<string, string[]> | string> {
  const transport = createClientTransport('inventory (administration)', 'api', {
    ...options,
    // The Administration API refuses Bearer: a Bearer token goes as AnaplanAuthToken, an API key as AnaplanApiKey.
    auth: withAnaplanAuthScheme(options.auth, {
      client: 'inventory (administration)',
      api: 'the Administration API',
      apiKeys: 'AnaplanApiKey',
    }),
    baseUrl: options.baseUrl ?? regionBaseUrl(options.region),
  });
  const licences = new Map<string, string[]>();
  try {
    for (let offset = 0; ; ) {
      const { data } = await transport.request({
        api: 'api',
        method: 'GET',
        path: '/users/export',
        searchParams: { Limit: pageSize, Offset: offset },
        headers: { accept: 'text/csv' },
        responseType: 'stream',
        signal,
      });
      let rows = 0;
      for await (const row of readCsvRows(data as AsyncIterable<Uint8Array>)) {
        rows += 1;
        const userName = row['username'] ?? '';
        if (userName === '') continue;
        const cell = row['licenses'] ?? '';
        licences.set(
          userNameKey(userName),
          cell
            .split(',')
            .map((licence) => licence.trim())
            .filter((licence) => licence !== ''),
        );
      }
      if (rows < pageSize) return licences;
      offset += rows;
    }
  } catch (error) {
    if (isApiError(error) && [401, 403, 500].includes(error.status))
      return `licences unreadable (HTTP ${error.status} from the Administration API's user export): the account needs the Tenant Administrator role`;
    throw error;
  }
}
