// Tests: ./admin-user-routes.test.ts

import { AdminApiFailure, adminApiCaller } from '../audit/audit-caller.js';
import { adminPathPrefix } from '../exception-users/exception-routes.js';
import type { SimulatorContext } from '../internal/context.js';
import { sendBytes, sendJson } from '../internal/respond.js';
import type { Router } from '../internal/router.js';

/** The tenant role the Administration API's user export and import need. */
export const tenantAdministratorRole = 'TENANT_ADMIN';

/** One CSV cell, quoted when it holds a comma, a quote or a line break (several licences are comma-separated). */
function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A non-negative integer query parameter, or `undefined` when absent; anything else is a 400. */
function count(raw: string | null, name: string): number | undefined {
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw))
    throw new AdminApiFailure(400, 'FAILURE_BAD_REQUEST', `${name} must be a non-negative integer`);
  return Number(raw);
}

/**
 * Registers the Administration API's `GET /admin/1/0/users/export`: every tenant user as CSV
 * (`username,first_name,last_name,licenses`, several licences quoted and comma-separated), paged by `Limit` and
 * `Offset` (without `Limit`: every user from `Offset`), in the order users were added. Only a Tenant Administrator
 * may read it: anyone else gets 403 `FAILURE_ACCESS_DENIED` (the spec's answer; live tenants were seen answering
 * 401 or 500). `AnaplanAuthToken` only; `Bearer` is a 401 with an empty body, as live probes saw.
 */
export function registerAdminUserRoutes(router: Router, context: SimulatorContext): void {
  router.on('GET', `${adminPathPrefix}/users/export`, (route) => {
    try {
      const caller = adminApiCaller(
        context,
        route.request,
        new AdminApiFailure(401, '', 'Bearer and other schemes are refused before the application'),
      );
      if (!caller.roles.includes(tenantAdministratorRole))
        throw new AdminApiFailure(
          403,
          'FAILURE_ACCESS_DENIED',
          'Exporting users needs the Tenant Administrator role',
        );
      const query = route.url.searchParams;
      const offset = count(query.get('Offset'), 'Offset') ?? 0;
      const limit = count(query.get('Limit'), 'Limit');
      const users = [...context.state.users.values()].slice(
        offset,
        limit === undefined ? undefined : offset + limit,
      );
      const lines = ['username,first_name,last_name,licenses'];
      for (const user of users)
        lines.push(
          [user.userName, user.givenName, user.familyName, (user.licenses ?? []).join(',')]
            .map(cell)
            .join(','),
        );
      sendBytes(route.response, 200, `${lines.join('\r\n')}\r\n`, 'text/csv; charset=utf-8');
    } catch (error) {
      if (!(error instanceof AdminApiFailure)) throw error;
      if (error.status === '') {
        route.response.writeHead(401);
        route.response.end();
        return;
      }
      sendJson(route.response, error.httpStatus, { status: error.status, message: error.message });
    }
  });
}
