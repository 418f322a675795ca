// Tests: ./user-writes.test.ts, test/contract/scim-simulator.contract.test.ts

import type { SimUser, TenantState } from '../state.js';
import { scimUrns } from './urns.js';

/** One item of a SCIM User's `entitlements`, in any of Anaplan's three forms. */
export interface ScimEntitlement {
  value: string;
  display?: string;
  type: 'WORKSPACE' | 'WORKSPACE_IDS' | 'WORKSPACE_NAMES';
  primary?: boolean;
}

/** The SCIM User resource as the simulator answers it (shape of the live `/Schemas`). */
export interface ScimUserResource {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  name: { givenName: string; familyName: string; formatted: string };
  displayName: string;
  active: boolean;
  emails: { value: string; type: 'work'; primary: boolean }[];
  entitlements?: ScimEntitlement[];
  meta: { resourceType: 'User'; created: string; lastModified: string; location: string; version: string };
}

/** The URL of a user resource. */
export function userLocation(scimBase: string, userId: string): string {
  return `${scimBase}/Users/${userId}`;
}

/** Quotes a workspace name for a `WORKSPACE_NAMES` value (`"Finance","Sales"`); inner quotes are `\"`-escaped. */
export function quoteWorkspaceName(name: string): string {
  return `"${name.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * The three entitlement forms Anaplan returns "if the user has access to workspaces, even if the type is not
 * included in the request" (Apiary; POST/PUT examples): one `WORKSPACE` item per workspace (the first `primary`),
 * one `WORKSPACE_IDS` item (comma-separated ids) and one `WORKSPACE_NAMES` item (comma-separated quoted names).
 */
export function workspaceEntitlements(
  workspaceIds: readonly string[],
  state: TenantState,
): ScimEntitlement[] {
  if (workspaceIds.length === 0) return [];
  const names = workspaceIds.map((id) => state.workspaces.get(id)?.name ?? id);
  const items: ScimEntitlement[] = workspaceIds.map((id, index) => ({
    value: id,
    display: names[index] as string,
    type: 'WORKSPACE',
    ...(index === 0 ? { primary: true } : {}),
  }));
  items.push({ value: workspaceIds.join(','), type: 'WORKSPACE_IDS' });
  items.push({ value: names.map(quoteWorkspaceName).join(','), type: 'WORKSPACE_NAMES' });
  return items;
}

/**
 * Renders a stored user as a SCIM User resource. `displayName` and `name.formatted` are generated from the name
 * parts; `emails` holds the userName as the one `work` address; `meta.version` is a weak ETag of the write counter.
 */
export function toScimUser(user: SimUser, state: TenantState, scimBase: string): ScimUserResource {
  const formatted = `${user.givenName} ${user.familyName}`;
  const entitlements = workspaceEntitlements(user.workspaces, state);
  return {
    schemas: [scimUrns.user],
    id: user.id,
    ...(user.externalId !== undefined ? { externalId: user.externalId } : {}),
    userName: user.userName,
    name: { givenName: user.givenName, familyName: user.familyName, formatted },
    displayName: formatted,
    active: user.active,
    emails: [{ value: user.userName, type: 'work', primary: true }],
    ...(entitlements.length > 0 ? { entitlements } : {}),
    meta: {
      resourceType: 'User',
      created: user.created,
      lastModified: user.lastModified,
      location: userLocation(scimBase, user.id),
      version: `W/"${user.version}"`,
    },
  };
}
