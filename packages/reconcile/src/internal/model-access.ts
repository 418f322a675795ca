import type { ListAccess } from '../desired-state.js';
import type { ModelAccess } from '../observed-state.js';
import { compareText } from './assemble.js';

export const noAccessRole = 'No Access';

/** Whether a role means "not in the model". */
export function isNoAccess(role: string | undefined): boolean {
  return role === undefined || role.toLowerCase() === noAccessRole.toLowerCase();
}

/** The access a user has when they are not in the model at all. */
export function noAccess(): ModelAccess {
  return { role: noAccessRole, sso: false, workspaceAdmin: false, selectiveAccess: {} };
}

/** Drops empty lists and sorts items, so two accesses that mean the same compare equal. */
export function normaliseAccess(access: ModelAccess): ModelAccess {
  const selectiveAccess: Record<string, ListAccess> = {};
  if (!isNoAccess(access.role)) {
    for (const list of Object.keys(access.selectiveAccess).sort(compareText)) {
      const { read, write } = access.selectiveAccess[list] as ListAccess;
      if (read.length === 0 && write.length === 0) continue;
      selectiveAccess[list] = { read: [...read].sort(compareText), write: [...write].sort(compareText) };
    }
  }
  return { role: access.role, sso: access.sso, workspaceAdmin: access.workspaceAdmin, selectiveAccess };
}

/** Whether two accesses are the same, ignoring the Workspace Administrator flag when the import cannot set it. */
export function sameAccess(left: ModelAccess, right: ModelAccess, compareWorkspaceAdmin: boolean): boolean {
  if (isNoAccess(left.role) && isNoAccess(right.role)) return true;
  if (left.role.toLowerCase() !== right.role.toLowerCase() || left.sso !== right.sso) return false;
  if (compareWorkspaceAdmin && left.workspaceAdmin !== right.workspaceAdmin) return false;
  const a = normaliseAccess(left).selectiveAccess;
  const b = normaliseAccess(right).selectiveAccess;
  const lists = Object.keys(a);
  if (lists.length !== Object.keys(b).length) return false;
  return lists.every((list) => {
    const other = b[list];
    const mine = a[list] as ListAccess;
    return other !== undefined && sameItems(mine.read, other.read) && sameItems(mine.write, other.write);
  });
}

function sameItems(left: string[], right: string[]): boolean {
  return left.length === right.length && left.every((item, index) => item === right[index]);
}
