// Tests: test/cloudworks/cloudworks-client.test.ts

import { authenticate, isWorkspaceMember } from '../integration/access.js';
import { ApiFailure } from '../integration/envelope.js';
import type { SimulatorContext } from '../internal/context.js';
import { parseJsonBody } from '../internal/respond.js';
import type { RouteContext } from '../internal/router.js';
import type { SimUser } from '../state.js';

/** The tenant roles that may call CloudWorks: the whole tenant, or the workspaces assigned to the user. */
export const cloudWorksRoles = {
  admin: 'INTEGRATION_ADMIN',
  restricted: 'RESTRICTED_INTEGRATION_USER',
} as const;

/** The caller of a CloudWorks request: 401 without a valid token, 403 "Not Permitted" without a CloudWorks role. */
export function cloudWorksCaller(route: RouteContext, context: SimulatorContext): SimUser {
  const user = authenticate(route, context);
  if (!user.roles.includes(cloudWorksRoles.admin) && !user.roles.includes(cloudWorksRoles.restricted))
    throw new ApiFailure(403, 'Not Permitted');
  return user;
}

/**
 * Whether the caller sees an object: an Integration Admin sees the tenant's; a Restricted Integration User those of
 * the workspaces assigned to them, and what they created themselves.
 */
export function sees(
  context: SimulatorContext,
  user: SimUser,
  workspaceId: string | undefined,
  createdBy: string,
): boolean {
  if (user.roles.includes(cloudWorksRoles.admin) || createdBy === user.id) return true;
  return workspaceId !== undefined && isWorkspaceMember(context.state, user, workspaceId);
}

/** The JSON object body of a request; 400 "Invalid request body" otherwise. */
export function objectBody(route: RouteContext): Record<string, unknown> {
  const body = parseJsonBody(route.body);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiFailure(400, 'Invalid request body');
  return body as Record<string, unknown>;
}

/** A non-empty string field of a body; 400 naming it otherwise. */
export function textField(body: Record<string, unknown>, name: string, where = ''): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new ApiFailure(400, `Invalid value for ${where}${name}`);
  return value;
}

/** `offset` and `limit` of a list; `required` ones missing are a 400. */
export function pageParams(
  url: URL,
  fallbackLimit: number,
  required = false,
): { offset: number; limit: number } {
  const read = (name: string, fallback: number) => {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === '') {
      if (required) throw new ApiFailure(400, `Missing query parameter '${name}'`);
      return fallback;
    }
    if (!/^\d+$/.test(raw)) throw new ApiFailure(400, `Invalid value '${raw}' for query parameter '${name}'`);
    return Number(raw);
  };
  return { offset: read('offset', 0), limit: Math.max(1, read('limit', fallbackLimit)) };
}

/** One page of `items` and its `meta.paging`. */
export function pageOfItems<T>(items: readonly T[], page: { offset: number; limit: number }) {
  const slice = items.slice(page.offset, page.offset + page.limit);
  return { slice, paging: { currentPageSize: slice.length, totalSize: items.length, offset: page.offset } };
}
