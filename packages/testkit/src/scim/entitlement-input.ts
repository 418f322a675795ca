// Tests: ./user-writes.test.ts

import type { SimWorkspace, TenantState } from '../state.js';
import { foldCase } from './filter-evaluation.js';
import { badRequest } from './scim-response.js';

/** "Limit: 50 workspaces per call" (help.anaplan.com "Add a user", "Design considerations"). */
export const maxWorkspacesPerCall = 50;

/** Splits a `WORKSPACE_IDS` value (`id1,id2`) into ids; blanks are skipped. */
export function splitWorkspaceIds(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * Splits a `WORKSPACE_NAMES` value. Anaplan documents each name wrapped in double quotes (`"Finance","Sales"`), which
 * lets a name hold a comma; `\"` and `\\` escape inside quotes. Unquoted names (as shown in one response example) are
 * accepted too and end at the next comma.
 */
export function splitWorkspaceNames(value: string): string[] {
  const names: string[] = [];
  let index = 0;
  while (index < value.length) {
    while (index < value.length && /[\s,]/.test(value[index] as string)) index += 1;
    if (index >= value.length) break;
    if (value[index] === '"') {
      let name = '';
      index += 1;
      while (index < value.length && value[index] !== '"') {
        if (value[index] === '\\' && index + 1 < value.length) index += 1;
        name += value[index];
        index += 1;
      }
      if (index >= value.length)
        throw badRequest('invalidValue', 'WORKSPACE_NAMES value has an unterminated quote');
      index += 1;
      names.push(name);
    } else {
      const end = value.indexOf(',', index);
      names.push(value.slice(index, end < 0 ? value.length : end).trim());
      index = end < 0 ? value.length : end;
    }
  }
  return names;
}

function workspaceById(state: TenantState, id: string): SimWorkspace | undefined {
  const exact = state.workspaces.get(id);
  if (exact) return exact;
  const folded = foldCase(id);
  return [...state.workspaces.values()].find((workspace) => foldCase(workspace.id) === folded);
}

function workspaceByName(state: TenantState, name: string): SimWorkspace | undefined {
  const folded = foldCase(name);
  return [...state.workspaces.values()].find((workspace) => foldCase(workspace.name) === folded);
}

function resolveId(state: TenantState, id: string): string {
  const workspace = workspaceById(state, id);
  if (!workspace) throw badRequest('invalidValue', `Workspace ${id} not found`);
  return workspace.id;
}

function resolveName(state: TenantState, name: string): string {
  const workspace = workspaceByName(state, name);
  if (!workspace) throw badRequest('invalidValue', `Workspace named ${JSON.stringify(name)} not found`);
  return workspace.id;
}

/** Resolves one entitlement item (any of the three forms) to workspace ids. */
export function resolveEntitlementItem(item: unknown, state: TenantState, where: string): string[] {
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    throw badRequest('invalidValue', `${where} must be an object with value and type`);
  const { value, type } = item as { value?: unknown; type?: unknown };
  if (typeof type !== 'string')
    throw badRequest(
      'invalidValue',
      `${where}.type is required: WORKSPACE, WORKSPACE_IDS or WORKSPACE_NAMES`,
    );
  if (typeof value !== 'string' || value.trim() === '')
    throw badRequest('invalidValue', `${where}.value is required (the display field is ignored)`);
  switch (type.toUpperCase()) {
    case 'WORKSPACE':
      return [resolveId(state, value.trim())];
    case 'WORKSPACE_IDS':
      return splitWorkspaceIds(value).map((id) => resolveId(state, id));
    case 'WORKSPACE_NAMES':
      return splitWorkspaceNames(value).map((name) => resolveName(state, name));
    default:
      throw badRequest('invalidValue', `${where}.type ${JSON.stringify(type)} is not an entitlement type`);
  }
}

/**
 * Resolves an `entitlements` value (an array, or one item as some PATCH clients send) to distinct workspace ids in
 * first-seen order. The three forms may be mixed; a GET body sent back as-is (all three forms) resolves to its set.
 *
 * @throws {ScimRequestError} 400 `invalidValue` for a malformed item or an unknown workspace.
 */
export function resolveEntitlements(value: unknown, state: TenantState, where = 'entitlements'): string[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  const ids: string[] = [];
  items.forEach((item, index) => {
    for (const id of resolveEntitlementItem(item, state, `${where}[${index}]`))
      if (!ids.includes(id)) ids.push(id);
  });
  return ids;
}

/**
 * Enforces the 50-workspaces-per-call limit over the distinct workspaces a request names.
 *
 * @throws {ScimRequestError} 400 `invalidValue` above the limit.
 */
export function checkWorkspaceLimit(workspaceIds: Iterable<string>): void {
  const count = new Set(workspaceIds).size;
  if (count > maxWorkspacesPerCall)
    throw badRequest(
      'invalidValue',
      `A request may assign at most ${maxWorkspacesPerCall} workspaces; this one names ${count}. Split it into several requests.`,
    );
}
