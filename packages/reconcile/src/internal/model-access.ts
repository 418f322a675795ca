import type { ListAccess } from '../desired/desired-state.js';
import type { ModelAccess } from '../target/observed-state.js';
import { compareText } from './compare-text.js';

export const noAccessRole = 'No Access';
const noAccessLower = noAccessRole.toLowerCase();

/** Whether a role means "not in the model". */
export function isNoAccess(role: string | undefined): boolean {
  return (
    role === undefined ||
    role === noAccessRole ||
    (role.length === noAccessRole.length && role.toLowerCase() === noAccessLower)
  );
}

/** The access a user has when they are not in the model at all. */
export function noAccess(): ModelAccess {
  return { role: noAccessRole, sso: false, workspaceAdmin: false, selectiveAccess: {} };
}

/**
 * Drops empty lists and sorts items, so two accesses that mean the same compare equal. Access that is normal
 * already is returned as it is (not copied).
 */
export function normalizeAccess(access: ModelAccess): ModelAccess {
  if (isNormal(access)) return access;
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

/**
 * Whether two accesses are the same, ignoring the Workspace Administrator flag when the import cannot set it.
 * Compares as if both were normalized ({@link normalizeAccess}), without copying them.
 */
export function sameAccess(left: ModelAccess, right: ModelAccess, compareWorkspaceAdmin: boolean): boolean {
  if (isNoAccess(left.role) && isNoAccess(right.role)) return true;
  if (!sameRole(left.role, right.role) || left.sso !== right.sso) return false;
  if (compareWorkspaceAdmin && left.workspaceAdmin !== right.workspaceAdmin) return false;
  const a = left.selectiveAccess;
  const b = right.selectiveAccess;
  let listsInA = 0;
  for (const list in a) {
    if (!Object.hasOwn(a, list)) continue;
    const mine = a[list] as ListAccess;
    if (mine.read.length === 0 && mine.write.length === 0) continue;
    listsInA += 1;
    const other = Object.hasOwn(b, list) ? b[list] : undefined;
    if (other === undefined || !sameItems(mine.read, other.read) || !sameItems(mine.write, other.write))
      return false;
  }
  let listsInB = 0;
  for (const list in b) {
    if (!Object.hasOwn(b, list)) continue;
    const other = b[list] as ListAccess;
    if (other.read.length > 0 || other.write.length > 0) listsInB += 1;
  }
  return listsInA === listsInB;
}

function isNormal(access: ModelAccess): boolean {
  const lists = access.selectiveAccess;
  const noAccess = isNoAccess(access.role);
  let previous: string | undefined;
  for (const list in lists) {
    if (noAccess || !Object.hasOwn(lists, list)) return false;
    if (previous !== undefined && previous > list) return false;
    previous = list;
    const { read, write } = lists[list] as ListAccess;
    if ((read.length === 0 && write.length === 0) || !isSorted(read) || !isSorted(write)) return false;
  }
  return true;
}

function sameRole(left: string, right: string): boolean {
  return left === right || left.toLowerCase() === right.toLowerCase();
}

/** Whether two item lists hold the same items, in any order. */
function sameItems(left: readonly string[], right: readonly string[]): boolean {
  if (left.length !== right.length) return false;
  if (!isSorted(left) || !isSorted(right)) {
    left = [...left].sort(compareText);
    right = [...right].sort(compareText);
  }
  for (let index = 0; index < left.length; index += 1) if (left[index] !== right[index]) return false;
  return true;
}

function isSorted(items: readonly string[]): boolean {
  for (let index = 1; index < items.length; index += 1)
    if ((items[index - 1] as string) > (items[index] as string)) return false;
  return true;
}
