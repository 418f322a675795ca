import { userNameKey } from '@anaplan-access/core';
import { keyedByUserName } from '../../internal/in-order.js';
import type { ModelAccess, ObservedModel, ObservedUser } from '../../target/observed-state.js';

/** One observed user and their access in every model, looked up once per plan. */
export interface ObservedEntry {
  user: ObservedUser;
  /** The userName's identity key ({@link userNameKey}: NFC, case folded). */
  key: string;
  /** The entry's position in {@link ObservedIndex.entries}. */
  at: number;
  /** Whether the source accounts for this user (listed, in error, or an e-mail change): never deprovisioned. */
  handled: boolean;
}

/**
 * The observed users by userName and by externalId, each with their model access. States come sorted by userName
 * from the engine's own producers (sources and `anaplanTarget`), and then users are matched by walking both sides
 * in step, many times faster on large states than hashing every name; any other order works through maps, built
 * only when needed.
 */
export class ObservedIndex {
  /** In order of userName, then id. */
  readonly entries: readonly ObservedEntry[];
  /** Per model position: how many of the model's users are none of `entries` (a listing may lack someone). */
  readonly unmatched: number[];
  readonly models: readonly ObservedModel[];
  /** Access of entry `at` in the model at `position`, at `at × models + position` (one array for everyone). */
  readonly #access: (ModelAccess | undefined)[];
  /** Identity key → position of the first entry with it; built only for out-of-order lookups. */
  #byKey: Map<string, number> | undefined;
  /** userNames accounted for without a lookup (findings, e-mail changes). */
  readonly #handledKeys = new Set<string>();
  /** In-order lookups: every entry before `#cursor` has a key below `#lastKey`. */
  #cursor = 0;
  #lastKey: string | undefined;

  constructor(users: readonly ObservedUser[], models: readonly ObservedModel[]) {
    this.models = models;
    this.entries = keyedByUserName(
      users.map((user): ObservedEntry => ({ user, key: userNameKey(user.userName), at: 0, handled: false })),
    );
    this.entries.forEach((entry, at) => {
      entry.at = at;
    });
    this.#access = new Array(this.entries.length * models.length).fill(undefined);
    this.unmatched = models.map((model, position) => {
      const set = this.#setter(position);
      const matched =
        mergeAccess(this.entries, model.users, set) ?? lookUpAccess(this.entries, model.users, set);
      return model.users.size - matched;
    });
  }

  /**
   * The user with this identity key (the last by id, should two share it), marking every user with it as accounted
   * for by the source. Lookups in ascending order walk the entries; others use a map.
   */
  claim(key: string): ObservedEntry | undefined {
    const { entries } = this;
    let index: number;
    if (this.#lastKey === undefined || key >= this.#lastKey) {
      index = this.#cursor;
      while (index < entries.length && (entries[index] as ObservedEntry).key < key) index += 1;
      this.#cursor = index;
      this.#lastKey = key;
    } else {
      if (!this.#byKey) {
        this.#byKey = new Map();
        for (let at = entries.length - 1; at >= 0; at -= 1)
          this.#byKey.set((entries[at] as ObservedEntry).key, at);
      }
      index = this.#byKey.get(key) ?? entries.length;
    }
    let found: ObservedEntry | undefined;
    for (; index < entries.length && (entries[index] as ObservedEntry).key === key; index += 1) {
      found = entries[index] as ObservedEntry;
      found.handled = true;
    }
    return found;
  }

  /**
   * The users with this identity key, without marking them as accounted for (a binary search: the entries are in
   * order of key).
   */
  withKey(key: string): ObservedEntry[] {
    const { entries } = this;
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((entries[middle] as ObservedEntry).key < key) low = middle + 1;
      else high = middle;
    }
    const found: ObservedEntry[] = [];
    for (let index = low; index < entries.length && entries[index]?.key === key; index += 1)
      found.push(entries[index] as ObservedEntry);
    return found;
  }

  /**
   * The users holding these externalIds, by externalId key (compared as userNames are, with {@link userNameKey}):
   * one pass over the users, keeping only an externalId exactly one user has (one two accounts share says nothing
   * about which one was renamed).
   */
  withExternalIds(externalIds: readonly string[]): Map<string, ObservedEntry> {
    const found = new Map<string, ObservedEntry>();
    if (externalIds.length === 0) return found;
    const wanted = new Set(externalIds.map(userNameKey));
    const shared = new Set<string>();
    for (const entry of this.entries) {
      if (!entry.user.externalId) continue;
      const id = userNameKey(String(entry.user.externalId));
      if (!wanted.has(id)) continue;
      if (found.has(id)) shared.add(id);
      found.set(id, entry);
    }
    for (const id of shared) found.delete(id);
    return found;
  }

  /** Marks every user with this identity key as accounted for by the source, without looking them up. */
  markHandled(key: string): void {
    this.#handledKeys.add(key);
  }

  /** Whether the source accounts for this user, so they are not deprovisioned. */
  isHandled(entry: ObservedEntry): boolean {
    return entry.handled || (this.#handledKeys.size > 0 && this.#handledKeys.has(entry.key));
  }

  /** The user's access in the model at `position`; undefined when there is none or the model's access is unknown. */
  accessOf(entry: ObservedEntry, position: number): ModelAccess | undefined {
    return this.#access[entry.at * this.models.length + position];
  }

  #setter(position: number): (entry: ObservedEntry, access: ModelAccess | undefined) => void {
    const models = this.models.length;
    return (entry, access) => {
      this.#access[entry.at * models + position] = access;
    };
  }

  /** The access of someone Anaplan has no user for, in the model at `position` (an export may still list them). */
  accessOfUnknownUser(key: string, position: number): ModelAccess | undefined {
    return this.models[position]?.users.get(key);
  }
}

/**
 * Fills in one model's access by walking the users and the model's users side by side, both sorted by userName (as
 * `anaplanTarget` observes them), and returns how many of the model's users matched; undefined (and nothing filled
 * in) when the model's users are not in order.
 */
function mergeAccess(
  entries: readonly ObservedEntry[],
  users: ReadonlyMap<string, ModelAccess>,
  set: (entry: ObservedEntry, access: ModelAccess) => void,
): number | undefined {
  let previous: string | undefined;
  for (const key of users.keys()) {
    if (previous !== undefined && previous > key) return undefined;
    previous = key;
  }
  let index = 0;
  let matched = 0;
  users.forEach((access, key) => {
    let entry = entries[index];
    // Usually the next user is the one: a single comparison.
    if (entry?.key !== key) {
      while (entry !== undefined && entry.key < key) entry = entries[++index];
      if (entry?.key !== key) return;
    }
    matched += 1;
    for (let same = index; entry?.key === key; entry = entries[++same]) set(entry, access);
  });
  return matched;
}

/** Fills in one model's access by looking each user up; returns how many of the model's users matched. */
function lookUpAccess(
  entries: readonly ObservedEntry[],
  users: ReadonlyMap<string, ModelAccess>,
  set: (entry: ObservedEntry, access: ModelAccess | undefined) => void,
): number {
  let matched = 0;
  let previous: string | undefined;
  for (const entry of entries) {
    const access = users.get(entry.key);
    set(entry, access);
    // Users with the same name are neighbours: count each of the model's users once.
    if (access !== undefined && entry.key !== previous) matched += 1;
    previous = entry.key;
  }
  return matched;
}
