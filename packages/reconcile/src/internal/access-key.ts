import type { ListAccess } from '../desired-state.js';
import type { ModelAccess } from '../observed-state.js';
import { normaliseAccess } from './model-access.js';

/** Keys of shared accesses (see {@link AccessInterner}), which are frozen and so cannot change. */
const sharedKeys = new WeakMap<ModelAccess, string>();

/**
 * The canonical text of an access: role, SSO, Workspace Administrator, then each non-empty list with its sorted
 * items (every string length-prefixed, so the text is unambiguous). Two accesses have the same key exactly when
 * their normalised forms are equal. Computed once for a shared access, and with one template for the usual access
 * without selective access.
 */
export function accessKey(access: ModelAccess): string {
  const shared = Object.isFrozen(access) ? sharedKeys.get(access) : undefined;
  if (shared !== undefined) return shared;
  const normal = normaliseAccess(access);
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
  return Object.isFrozen(access) ? sharedKeys.get(access) : undefined;
}

/**
 * Hands out one shared, frozen, normalised object per distinct access. Sources and observations hold the access of
 * hundreds of thousands of users, most of them alike: sharing stores each distinct access once, and lets the
 * planner compare and fingerprint an access by its key, computed once. Also shares repeated strings (workspace
 * ids, names).
 */
export class AccessInterner {
  readonly #accesses = new Map<string, ModelAccess>();
  readonly #strings = new Map<string, string>();

  /** The shared access equal to `access` (normalised). */
  access(access: ModelAccess): ModelAccess {
    const key = accessKey(access);
    const known = this.#accesses.get(key);
    if (known) return known;
    const shared = freeze(normaliseAccess(access));
    sharedKeys.set(shared, key);
    this.#accesses.set(key, shared);
    return shared;
  }

  /** The shared copy of a string that repeats (ids, names, roles). */
  string(value: string): string {
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    this.#strings.set(value, value);
    return value;
  }
}

function freeze(access: ModelAccess): ModelAccess {
  const selectiveAccess: Record<string, ListAccess> = {};
  for (const list in access.selectiveAccess) {
    const { read, write } = access.selectiveAccess[list] as ListAccess;
    selectiveAccess[list] = Object.freeze({
      read: Object.freeze([...read]),
      write: Object.freeze([...write]),
    }) as ListAccess;
  }
  return Object.freeze({
    role: access.role,
    sso: access.sso,
    workspaceAdmin: access.workspaceAdmin,
    selectiveAccess: Object.freeze(selectiveAccess),
  });
}
