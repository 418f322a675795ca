import { accessKey, shareAccess } from './internal/access-key.js';
import type { ModelAccess } from './target/observed-state.js';

/**
 * Hands out one shared, frozen, normalized object per distinct access, and one copy of each repeated string.
 * Sources and observations hold the access of hundreds of thousands of users, most of them alike: sharing stores
 * each distinct access once, and lets the planner compare and fingerprint an access by a key computed once.
 *
 * Public for your own `DesiredStateSource` or `AccessTarget`: the built-in sources and `anaplanTarget` hand their
 * states over this way, and a state built with one interner per side plans exactly the same as any other, only
 * faster (see "Your own source" in docs/reconcile.md). A shared access is frozen: copy it before changing it.
 *
 * @example
 * ```ts
 * const interner = new AccessInterner();
 * const users: DesiredUser[] = people.map((person) => ({
 *   userName: person.email,
 *   givenName: person.firstName,
 *   familyName: person.lastName,
 *   active: true,
 *   workspaces: [interner.string(person.workspaceId)],
 *   models: { [modelId]: interner.access({ role: person.role, sso: true, workspaceAdmin: false, selectiveAccess: {} }) },
 *   refs: [],
 * }));
 * ```
 */
export class AccessInterner {
  readonly #accesses = new Map<string, ModelAccess>();
  readonly #strings = new Map<string, string>();

  /**
   * The shared access equal to `access`: normalized (empty lists dropped, items sorted), frozen, and the
   * same object for every equal access this interner was given.
   */
  access(access: ModelAccess): ModelAccess {
    const key = accessKey(access);
    const known = this.#accesses.get(key);
    if (known) return known;
    const shared = shareAccess(access, key);
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
