// Tests: ./users-import.test.ts, ./users-import-workspace-admin.test.ts

import type { SimList, SimModel, SimModelUser, TenantState } from '../state.js';

/** A selective-access change of one row: grant read, grant write, or remove ("None"). */
export interface AccessChange {
  list: string;
  item: string;
  level: 'read' | 'write' | 'none';
}

/** The model's role of that name (case-insensitive), in its canonical spelling. */
export function resolveRole(model: SimModel, value: string): string | undefined {
  return model.roles.find((role) => role === value) ?? model.roles.find((role) => sameText(role, value));
}

/** The list of that name (case-insensitive). */
export function resolveList(model: SimModel, value: string): SimList | undefined {
  return (
    model.lists.find((list) => list.name === value) ?? model.lists.find((list) => sameText(list.name, value))
  );
}

/** The list item of that name (case-insensitive); numbered-list items may be given as `#Name`. */
export function resolveItem(list: SimList, value: string): string | undefined {
  const exact = list.items.find((item) => item === value) ?? list.items.find((item) => sameText(item, value));
  if (exact !== undefined || !value.startsWith('#')) return exact;
  return resolveItem(list, value.slice(1));
}

/** `true`/`false` in any case (also `yes`/`no`, `1`/`0`); `undefined` for anything else. */
export function parseBoolean(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'yes' || lower === '1') return true;
  if (lower === 'false' || lower === 'no' || lower === '0') return false;
  return undefined;
}

/** Whether the text looks like an e-mail address. */
export function isEmail(value: string): boolean {
  return /^[^\s@",;]+@[^\s@",;]+\.[^\s@",;]+$/.test(value);
}

/** Applies selective-access changes: an item holds one level, so write replaces read and the other way round. */
export function applyAccess(user: SimModelUser, changes: readonly AccessChange[]): void {
  for (const change of changes) {
    const access = user.selectiveAccess[change.list] ?? { read: [], write: [] };
    access.read = access.read.filter((item) => item !== change.item);
    access.write = access.write.filter((item) => item !== change.item);
    if (change.level === 'read') access.read.push(change.item);
    if (change.level === 'write') access.write.push(change.item);
    if (access.read.length === 0 && access.write.length === 0) delete user.selectiveAccess[change.list];
    else user.selectiveAccess[change.list] = access;
  }
}

/**
 * Sets the Workspace Administrator flag. The flag belongs to the workspace, so the workspace's admin list and the
 * user's row in every model of that workspace change together.
 */
export function setWorkspaceAdmin(
  state: TenantState,
  model: SimModel,
  user: SimModelUser,
  value: boolean,
): void {
  const key = user.email.toLowerCase();
  for (const other of state.models.values()) {
    if (other.workspaceId !== model.workspaceId) continue;
    const row = other.users.get(key);
    if (row) row.workspaceAdmin = value;
  }
  user.workspaceAdmin = value;
  const workspace = state.workspaces.get(model.workspaceId);
  const tenantUser = state.findUserByName(user.email);
  if (!workspace || !tenantUser) return;
  const isAdmin = workspace.admins.includes(tenantUser.id);
  if (value && !isAdmin) workspace.admins.push(tenantUser.id);
  if (!value && isAdmin) workspace.admins = workspace.admins.filter((id) => id !== tenantUser.id);
}

function sameText(left: string, right: string): boolean {
  return left.localeCompare(right, 'en', { sensitivity: 'accent' }) === 0;
}
