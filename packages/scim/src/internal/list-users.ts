// Tests: ../users.test.ts, ../scim-client.test.ts

import { ConfigurationError, PagePromise } from '@anaplan-access/core';
import type { Filter } from '../filter.js';
import { ScimRequestRefusedError, UnsupportedFilterError } from '../refused-errors.js';
import { type ScimUser, ScimUserSchema } from '../schemas/user.js';
import type { ScimPage } from '../scim-page.js';
import type { ScimListOptions } from '../users-options.js';
import { anaplanFilterViolations, anaplanMaxPageSize } from './anaplan-limits.js';
import { listResponseOf } from './list-response-of.js';
import type { ScimUsersContext } from './users-context.js';

const userListSchema = listResponseOf(ScimUserSchema);

/** Renders a filter for the query string, refusing (Anaplan only) what Anaplan cannot filter on. */
function renderFilter(value: Filter | string | undefined, anaplan: boolean): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  if (anaplan) {
    const violations = anaplanFilterViolations(value);
    if (violations.length > 0) throw new UnsupportedFilterError(String(value), violations);
  }
  return String(value);
}

const listOptionKeys: readonly string[] = [
  'filter',
  'pageSize',
  'startIndex',
  'signal',
  'maxTotal',
  'timeoutMs',
] satisfies (keyof ScimListOptions)[];

/** Refuses a key `ScimListOptions` does not have (a misspelling, or SCIM's own `count`, which is `pageSize`). */
function rejectUnknownOptions(options: ScimListOptions): void {
  for (const key of Object.keys(options)) {
    if (listOptionKeys.includes(key)) continue;
    const hint = key === 'count' ? ' (the page size is `pageSize`, sent as SCIM `count`)' : '';
    throw new ConfigurationError(
      key,
      `Unknown option "${key}"${hint}. Valid options: ${listOptionKeys.join(', ')}`,
    );
  }
}

/** `GET /Users` as a {@link PagePromise}; see `ScimUsersResource.list`. */
export function listUsers(
  context: ScimUsersContext,
  options: ScimListOptions,
): PagePromise<ScimPage<ScimUser>, ScimUser> {
  const { anaplan, concurrency, http } = context;
  rejectUnknownOptions(options);
  const pageSize = options.pageSize ?? anaplanMaxPageSize;
  const startIndex = options.startIndex ?? 1;
  if (!Number.isInteger(pageSize) || pageSize < 0) {
    throw new ConfigurationError(
      'pageSize',
      `Invalid option "pageSize": must be an integer from 0, got ${pageSize}`,
    );
  }
  if (anaplan && pageSize > anaplanMaxPageSize) {
    throw new ScimRequestRefusedError(
      'page-size',
      `pageSize must be at most ${anaplanMaxPageSize} (Anaplan's limit per call), got ${pageSize}`,
    );
  }
  if (!Number.isInteger(startIndex) || startIndex < 1) {
    throw new ConfigurationError(
      'startIndex',
      `Invalid option "startIndex": must be an integer from 1, got ${startIndex}`,
    );
  }
  const filter = renderFilter(options.filter, anaplan);
  return new PagePromise<ScimPage<ScimUser>, ScimUser>({
    offset: startIndex,
    origin: 1,
    limit: pageSize,
    concurrency,
    itemKey: (user) => user.id,
    description: 'GET /Users',
    positionName: 'startIndex',
    signal: options.signal,
    maxTotal: options.maxTotal,
    timeoutMs: options.timeoutMs,
    readPage: (page) => ({ items: page.items, total: page.totalResults }),
    fetchPage: async ({ offset, limit, signal }) => {
      const { data } = await http.send({
        method: 'GET',
        path: '/Users',
        searchParams: { filter, startIndex: offset, count: limit },
        schema: userListSchema,
        signal,
      });
      return {
        items: data.Resources,
        totalResults: data.totalResults,
        startIndex: data.startIndex ?? offset,
        itemsPerPage: data.itemsPerPage,
      };
    },
  });
}
