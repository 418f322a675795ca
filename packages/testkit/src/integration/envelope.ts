// Tests: ./tenant-routes.test.ts, ./action-routes.test.ts

import type { SimulatorContext } from '../internal/context.js';
import { sendJson } from '../internal/respond.js';
import type { RouteContext, RouteHandler } from '../internal/router.js';
import { sendError } from '../internal/send-error.js';

/** `meta.paging` of an Integration API list response. */
export interface Paging {
  currentPageSize: number;
  totalSize: number;
  offset: number;
  next?: string;
  previous?: string;
}

/** An Integration API refusal: thrown by helpers, turned into an error envelope by {@link apiRoute}. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.headers = headers;
  }
}

/** The standard `status` object of a successful response. */
export const successStatus = { code: 200, message: 'Success' } as const;

/** `http://127.0.0.1:<port>/2/0` */
export function apiBase(context: SimulatorContext): string {
  return `${context.baseUrl()}/2/0`;
}

/** A `meta.schema` URL: `<base>/objects/<name>` or, for model objects, `<base>/models/<id>/objects/<name>`. */
export function schemaUrl(context: SimulatorContext, name: string, modelId?: string): string {
  return modelId
    ? `${apiBase(context)}/models/${modelId}/objects/${name}`
    : `${apiBase(context)}/objects/${name}`;
}

/** Sends `{ meta: { schema, paging? }, status: { code: 200, message: 'Success' }, ...payload }`. */
export function sendEnvelope(
  route: RouteContext,
  schema: string,
  payload: Record<string, unknown>,
  paging?: Paging,
): void {
  sendJson(route.response, 200, {
    meta: paging ? { schema, paging } : { schema },
    status: successStatus,
    ...payload,
  });
}

/** Sends the error envelope live probes recorded: `{ status: { code, message }, path, timestamp }`. */
export function sendApiError(
  route: RouteContext,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendError(route.response, route.path, status, message, headers);
}

/** Wraps a handler so that an {@link ApiFailure} (or a bad JSON body) becomes an error envelope. */
export function apiRoute(handler: RouteHandler): RouteHandler {
  return async (route) => {
    try {
      await handler(route);
    } catch (error) {
      if (error instanceof ApiFailure) sendApiError(route, error.status, error.message, error.headers);
      else if (error instanceof SyntaxError)
        sendApiError(route, 400, `Malformed JSON body: ${error.message}`);
      else throw error;
    }
  };
}

/** The page a list request asks for. */
export interface PageRequest {
  offset: number;
  limit: number;
}

/** The default (and largest) page size. */
export const maximumPageSize = 5000;

/** Reads `offset` and `limit`; refuses values that are not whole numbers in range with 400. */
export function readPageRequest(url: URL): PageRequest {
  const read = (name: string, minimum: number, fallback: number): number => {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < minimum)
      throw new ApiFailure(400, `Invalid value '${raw}' for query parameter '${name}'`);
    return Number(raw);
  };
  return {
    offset: read('offset', 0, 0),
    limit: Math.min(read('limit', 1, maximumPageSize), maximumPageSize),
  };
}

/**
 * Cuts one page out of `items` and builds `meta.paging`, with absolute `next` / `previous` URLs that echo the
 * applied `limit` and `offset` (and keep the other query parameters).
 */
export function pageOf<T>(
  items: readonly T[],
  route: RouteContext,
  context: SimulatorContext,
): { items: T[]; paging: Paging } {
  const { offset, limit } = readPageRequest(route.url);
  const slice = items.slice(offset, offset + limit);
  const link = (linkOffset: number): string => {
    const url = new URL(route.url.pathname + route.url.search, context.baseUrl());
    url.searchParams.set('limit', String(limit));
    url.searchParams.set('offset', String(linkOffset));
    return url.toString();
  };
  const paging: Paging = { currentPageSize: slice.length, totalSize: items.length, offset };
  if (offset + slice.length < items.length) paging.next = link(offset + limit);
  if (offset > 0) paging.previous = link(Math.max(0, offset - limit));
  return { items: slice, paging };
}

/** Sorting keys by field name. */
export type SortFields<T> = Record<string, (item: T) => string | number | boolean>;

function compareValues(left: string | number | boolean, right: string | number | boolean): number {
  if (typeof left === 'string' && typeof right === 'string')
    return left.localeCompare(right, 'en', { sensitivity: 'base' });
  return left < right ? -1 : left > right ? 1 : 0;
}

function sortBy<T>(
  items: readonly T[],
  keys: { field: (item: T) => string | number | boolean; sign: number }[],
): T[] {
  return [...items].sort((left, right) => {
    for (const key of keys) {
      const order = compareValues(key.field(left), key.field(right)) * key.sign;
      if (order !== 0) return order;
    }
    return 0;
  });
}

/**
 * `sort` of the top-level collections (`/users`, `/workspaces`, `/models`): the `+`/`-` prefix is mandatory and the
 * field is validated, as live probes found (400 otherwise).
 */
export function strictSort<T>(items: readonly T[], url: URL, fields: SortFields<T>): T[] {
  const raw = url.searchParams.get('sort');
  if (raw === null || raw === '') return [...items];
  const keys = raw.split(',').map((part) => {
    // An unencoded `+` arrives as a space; accept it as the ascending prefix.
    const sign = part.startsWith('-') ? -1 : part.startsWith('+') || part.startsWith(' ') ? 1 : 0;
    if (sign === 0)
      throw new ApiFailure(
        400,
        `Bad sort order format: '${part}'. Please follow (-){column_name_1},(+){column_name_2}.. format`,
      );
    const name = part.slice(1);
    if (!Object.hasOwn(fields, name)) throw new ApiFailure(400, 'Failed to parse sort parameter');
    return { field: fields[name] as SortFields<T>[string], sign };
  });
  return sortBy(items, keys);
}

/** `sort` of model resource and task lists: prefix optional, unknown fields ignored (default order kept). */
export function lenientSort<T>(items: readonly T[], url: URL, fields: SortFields<T>): T[] {
  const raw = url.searchParams.get('sort');
  if (raw === null || raw === '') return [...items];
  const keys = raw.split(',').flatMap((part) => {
    const sign = part.startsWith('-') ? -1 : 1;
    const name = part.startsWith('-') || part.startsWith('+') || part.startsWith(' ') ? part.slice(1) : part;
    return Object.hasOwn(fields, name) ? [{ field: fields[name] as SortFields<T>[string], sign }] : [];
  });
  return sortBy(items, keys);
}
