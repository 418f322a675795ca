import type { SimUser, TenantState } from '../state.js';
import { maxPageSize } from './discovery.js';
import { evaluateFilter, userAttributeReader, userFilterDialect } from './filter-evaluation.js';
import { type FilterNode, FilterSyntaxError, parseFilter } from './filter-parser.js';
import { badRequest } from './scim-response.js';
import { scimUrns } from './urns.js';
import { type ScimUserResource, toScimUser } from './user-representation.js';

/** Default `count` of `GET /Users` (help.anaplan.com "Get multiple users", Apiary). */
export const defaultPageSize = 50;

/** The detail Anaplan answers for any filter it refuses (SETI live probe #223), with scimType `invalidValue`. */
export const invalidFilterDetail =
  'The specified filter syntax was invalid, or the specified attribute and filter comparison combination is not supported';

/** A page of `GET /Users` (RFC 7644 §3.4.2). */
export interface UserListResponse {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: ScimUserResource[];
}

/** A query parameter, its name matched case-insensitively (`startindex` works like `startIndex`). */
function queryParameter(url: URL, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

function integerParameter(url: URL, name: string): number | undefined {
  const raw = queryParameter(url, name);
  if (raw === undefined) return undefined;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) throw badRequest('invalidValue', `${name} must be an integer`);
  return Number.parseInt(raw, 10);
}

/**
 * Reads `startIndex` (1-based; below 1 means 1, RFC 7644 §3.4.2.4) and `count` (default 50; negative means 0;
 * above 100 is refused or clamped per `switches.scimCountAboveMaximum`).
 *
 * @throws {ScimRequestError} 400 `invalidValue` for a non-integer, or a count above 100 in `'reject'` mode.
 */
export function readPage(url: URL, state: TenantState): { startIndex: number; count: number } {
  const startIndex = Math.max(1, integerParameter(url, 'startIndex') ?? 1);
  let count = Math.max(0, integerParameter(url, 'count') ?? defaultPageSize);
  if (count > maxPageSize) {
    if (state.switches.scimCountAboveMaximum === 'reject')
      throw badRequest('invalidValue', `count must not exceed ${maxPageSize}`);
    count = maxPageSize;
  }
  return { startIndex, count };
}

function readFilter(url: URL): FilterNode | undefined {
  const text = queryParameter(url, 'filter');
  if (text === undefined) return undefined;
  try {
    return parseFilter(text, userFilterDialect);
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw badRequest('invalidValue', invalidFilterDetail);
    throw error;
  }
}

/**
 * `GET /Users`: filters, then pages over users in creation order. `totalResults` counts every match;
 * `itemsPerPage` is the number of `Resources` in this page. `attributes`, `excludedAttributes`, `sortBy` and
 * `sortOrder` are ignored (unsupported at Anaplan; RFC 7644 says to ignore unknown parameters).
 *
 * @throws {ScimRequestError} 400 `invalidValue` for a refused filter or a bad `startIndex`/`count`.
 */
export function listUsers(state: TenantState, url: URL, scimBase: string): UserListResponse {
  const filter = readFilter(url);
  const { startIndex, count } = readPage(url, state);
  // One walk in creation order, without copying the tenant: unfiltered, it stops once the page is full (the total
  // is the tenant's size), so reading every page of a large tenant does not cost a full copy per page.
  const page: SimUser[] = [];
  let matching = 0;
  for (const user of state.users.values()) {
    if (filter !== undefined && !evaluateFilter(filter, userAttributeReader(user))) continue;
    matching += 1;
    if (matching >= startIndex && page.length < count) page.push(user);
    else if (filter === undefined && page.length >= count) break;
  }
  const totalResults = filter === undefined ? state.users.size : matching;
  return {
    schemas: [scimUrns.listResponse],
    totalResults,
    startIndex,
    itemsPerPage: page.length,
    Resources: page.map((user) => toScimUser(user, state, scimBase)),
  };
}
