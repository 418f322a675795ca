import type { ListAccess } from '../desired/desired-state.js';
import type { ModelAccess } from '../target/observed-state.js';
import { normalizeAccess } from './model-access.js';

/**
 * Where a shared access (see `AccessInterner`) keeps its key: a hidden property (not enumerable, so JSON,
 * copies and comparisons never see it) of an object that is frozen and so cannot change.
 */
const keyProperty = Symbol('anaplan-access.accessKey');
type Shared = ModelAccess & { [keyProperty]?: string };

/**
 * The canonical text of an access: role, SSO, Workspace Administrator, then each non-empty list with its sorted
 * items (every string length-prefixed, so the text is unambiguous). Two accesses have the same key exactly when
 * their normalized forms are equal. Computed once for a shared access, and with one template for the usual access
 * without selective access.
 */
export function accessKey(access: ModelAccess): string {
  const shared = (access as Shared)[keyProperty];
  if (shared !== undefined) return shared;
  const normal = normalizeAccess(access);
  let key = `${normal.role.length}"${normal.role}${normal.sso ? 'T' : 'F'}${normal.workspaceAdmin ? 'T' : 'F'}`;
  for (const list in normal.selectiveAccess) {
    const { read, write } = normal.selectiveAccess[list] as ListAccess;
    key += `${list.length}"${list}[${read.length};`;
    for (const item of read) key += `${item.length}"${item}`;
    key += `[${write.length};`;
    for (const item of write) key += `${item.length}"${item}`;
  }
  return key;
}

/** The key of an access when it is a shared one (found without computing anything), otherwise undefined. */
export function sharedAccessKey(access: ModelAccess): string | undefined {
  return (access as Shared)[keyProperty];
}

/**
 * The shared form of an access whose key is `key`: normalized, frozen at every level, carrying its key out of sight
 * (see `AccessInterner`).
 */
export function shareAccess(access: ModelAccess, key: string): ModelAccess {
  return freeze(normalizeAccess(access), key);
}

function freeze(access: ModelAccess, key: string): ModelAccess {
  const selectiveAccess: Record<string, ListAccess> = {};
  for (const list in access.selectiveAccess) {
    const { read, write } = access.selectiveAccess[list] as ListAccess;
    selectiveAccess[list] = Object.freeze({
      read: Object.freeze([...read]),
      write: Object.freeze([...write]),
    }) as ListAccess;
  }
  const shared = {
    role: access.role,
    sso: access.sso,
    workspaceAdmin: access.workspaceAdmin,
    selectiveAccess: Object.freeze(selectiveAccess),
  };
  Object.defineProperty(shared, keyProperty, { value: key });
  return Object.freeze(shared);
}
