// Tests: ./audit-routes.test.ts

import type { SimulatorContext } from '../internal/context.js';
import { parseJsonBody, sendBytes, sendJson } from '../internal/respond.js';
import type { RouteContext, Router } from '../internal/router.js';
import { AdminApiFailure, adminApiCaller } from './audit-caller.js';
import type { SimAuditEvent } from './audit-log.js';

/** Where the simulated Audit API lives, below the simulator's base URL. */
export const auditPathPrefix = '/audit/api/1';

/** The tenant role the Audit API needs. */
export const tenantAuditorRole = 'TENANT_AUDITOR';

const thirtyDaysMs = 30 * 24 * 60 * 60 * 1000;
const defaultLimit = 1000;

/** The `type` filter → the `eventTypeId` prefix; an unknown value is `all` (not refused, as Anaplan does). */
const typePrefixes: Record<string, string | undefined> = {
  all: undefined,
  user_activity: 'USR-',
  access_control: 'AUTHZ-',
  int: 'INT-',
  conn_mgmt: 'CONN-',
  comment: 'COMMENT-',
  byok: 'BYOK-',
  plan_iq: 'PLANIQ-',
  forecaster: 'FORECASTER-',
};

const badRequest = (message: string) => new AdminApiFailure(400, 'FAILURE_BAD_REQUEST', message);

/** An integer query or body value, `undefined` when absent. @throws {AdminApiFailure} 400 when not an integer. */
function integer(name: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number)) throw badRequest(`${name} must be an integer`);
  return number;
}

/**
 * The range asked for, both ends inclusive: `from`/`to` (epoch ms), or the `hours` before now; without either the
 * previous 30 days. @throws {AdminApiFailure} 400 "Date range cannot exceed 30 days" for a longer one.
 */
function rangeOf(now: number, from: number | undefined, to: number | undefined, hours: number | undefined) {
  if (hours !== undefined) {
    if (hours < 1) throw badRequest('intervalInHours must be positive');
    if (hours > 720) throw badRequest('Date range cannot exceed 30 days');
    return { from: now - hours * 3_600_000, to: now };
  }
  const end = to ?? now;
  const start = from ?? end - thirtyDaysMs;
  if (end - start > thirtyDaysMs) throw badRequest('Date range cannot exceed 30 days');
  return { from: start, to: end };
}

/** One event as a CEF line: `<ISO time>  CEF:0|Anaplan, Inc.||null|<type>|<message>|<key=value …>`. */
export function cefLine(event: SimAuditEvent): string {
  const extension = [
    `id=${event.id}`,
    `userId=${event.userId}`,
    `tenantId=${event.tenantId}`,
    `eventTimeZone=${event.eventTimeZone}`,
    `createdDate=${event.createdDate}`,
    `createdTimeZone=${event.createdTimeZone}`,
    `success=${event.success}`,
    ...(event.objectId === undefined ? [] : [`objectId=${event.objectId}`]),
    `additionalAttributes=${JSON.stringify(event.additionalAttributes)}`,
    `ipAddress=${event.ipAddress}`,
    `userAgent=${event.userAgent}`,
  ];
  return `${new Date(event.eventDate).toISOString()}  CEF:0|Anaplan, Inc.||null|${event.eventTypeId}|${event.message}|${extension.join(' ')}`;
}

/**
 * Registers the Audit API (`GET /audit/api/1/events`, `POST /audit/api/1/events/search`) as Anaplan's notes describe
 * it: `AnaplanAuthToken` only (`Bearer` → 401), the Tenant Auditor role (401 `FAILURE_UNAUTHORIZED_USER_ACTION`
 * without it), at most 30 days per request, JSON pages (`meta.paging` with `offSet`) or unpaged CEF
 * (`Accept: text/plain`). Events are served oldest first; both ends of a range are inclusive.
 */
export function registerAuditRoutes(router: Router, context: SimulatorContext): void {
  const answer = (handler: (route: RouteContext) => void) => (route: RouteContext) => {
    try {
      const caller = adminApiCaller(
        context,
        route.request,
        new AdminApiFailure(401, 'FAILURE_BAD_HEADER', 'No valid token header found for the request'),
      );
      if (!caller.roles.includes(tenantAuditorRole))
        throw new AdminApiFailure(
          401,
          'FAILURE_UNAUTHORIZED_USER_ACTION',
          'The user is not authorized to perform this action',
        );
      handler(route);
    } catch (error) {
      if (!(error instanceof AdminApiFailure)) throw error;
      sendJson(route.response, error.httpStatus, { status: error.status, statusMessage: error.message });
    }
  };

  const serve = (route: RouteContext, range: { from: number; to: number }) => {
    const prefix = typePrefixes[route.url.searchParams.get('type') ?? 'all'];
    const events = context.audit.query(range.from, range.to, prefix);
    if (/text\/plain/i.test(route.request.headers.accept ?? '')) {
      sendBytes(
        route.response,
        200,
        events.map((event) => `${cefLine(event)}\n`).join(''),
        'text/plain; charset=utf-8',
      );
      return;
    }
    const limit = integer('limit', route.url.searchParams.get('limit')) ?? defaultLimit;
    const offset = integer('offset', route.url.searchParams.get('offset')) ?? 0;
    if (limit < 1 || offset < 0) throw badRequest('limit must be positive and offset not negative');
    const page = events.slice(offset, offset + limit);
    const link = (at: number) => {
      const url = new URL(route.url.pathname + route.url.search, context.baseUrl());
      url.searchParams.set('dateFrom', String(range.from));
      url.searchParams.set('dateTo', String(range.to));
      url.searchParams.set('limit', String(limit));
      url.searchParams.set('offset', String(at));
      return url.toString();
    };
    const next = offset + page.length < events.length ? offset + page.length : undefined;
    sendJson(route.response, 200, {
      meta: {
        paging: {
          currentPageSize: page.length,
          totalSize: events.length,
          offSet: offset,
          ...(next === undefined ? {} : { nextOffset: next, nextUrl: link(next) }),
          ...(offset > 0 ? { previousUrl: link(Math.max(0, offset - limit)) } : {}),
        },
      },
      response: page,
    });
  };

  router.on(
    'GET',
    `${auditPathPrefix}/events`,
    answer((route) => {
      const query = route.url.searchParams;
      const range = rangeOf(
        context.now(),
        integer('dateFrom', query.get('dateFrom')),
        integer('dateTo', query.get('dateTo')),
        integer('intervalInHours', query.get('intervalInHours')),
      );
      serve(route, range);
    }),
  );
  router.on(
    'POST',
    `${auditPathPrefix}/events/search`,
    answer((route) => {
      let body: unknown;
      try {
        body = parseJsonBody(route.body) ?? {};
      } catch {
        throw badRequest('The request body is not valid JSON');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw badRequest('The request body must be an object');
      const { from, to, interval } = body as Record<string, unknown>;
      serve(
        route,
        rangeOf(context.now(), integer('from', from), integer('to', to), integer('interval', interval)),
      );
    }),
  );
}
