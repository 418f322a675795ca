// Tests: ./inventory.test.ts

import { userNameKey } from '@anaplan-access/core';
import { compareText } from '../internal/compare-text.js';
import type { Inventory, InventoryAccess, InventoryUser } from './inventory-types.js';

/**
 * What changed for one user between two inventories (names, active flag, licences).
 *
 * @example
 * ```ts
 * for (const user of changes.usersChanged) console.log(user.userName, user.changes.join('; '));
 * ```
 */
export interface InventoryUserChange {
  userName: string;
  /** Each change in words, e.g. `active: true → false`. */
  changes: string[];
}

/**
 * A user's access in one model that changed between two inventories.
 *
 * @example
 * ```ts
 * for (const { before, after } of changes.accessChanged) console.log(after.userName, before.role, '→', after.role);
 * ```
 */
export interface InventoryAccessChange {
  before: InventoryAccess;
  after: InventoryAccess;
}

/**
 * What changed between two inventories, see {@link compareInventories}.
 *
 * @example
 * ```ts
 * if (!compareInventories(lastMonth, taken).unchanged) console.log('access changed');
 * ```
 */
export interface InventoryChanges {
  /** `takenAt` of the earlier and the later inventory. */
  from: string;
  to: string;
  usersAdded: string[];
  usersRemoved: string[];
  usersChanged: InventoryUserChange[];
  accessAdded: InventoryAccess[];
  accessRemoved: InventoryAccess[];
  accessChanged: InventoryAccessChange[];
  /** Whether nothing changed. */
  unchanged: boolean;
}

/**
 * What changed from `before` to `after`: users who appeared or left, changes of their names, active flag and
 * licences, and access added, removed or changed per model (role, SSO, Workspace Administrator, selective access).
 * Last logins are not compared (they change with every login). Users are matched as userNames are (`userNameKey`).
 *
 * @example
 * ```ts
 * const changes = compareInventories(JSON.parse(await readFile('last-month.json', 'utf8')), taken);
 * for (const access of changes.accessAdded) console.log(`${access.userName} now has ${access.role}`);
 * ```
 */
export function compareInventories(before: Inventory, after: Inventory): InventoryChanges {
  const beforeUsers = byUser(before.users);
  const afterUsers = byUser(after.users);
  const usersAdded: string[] = [];
  const usersChanged: InventoryUserChange[] = [];
  for (const [key, user] of afterUsers) {
    const was = beforeUsers.get(key);
    if (!was) {
      usersAdded.push(user.userName);
      continue;
    }
    const changes = userChanges(was, user);
    if (changes.length > 0) usersChanged.push({ userName: user.userName, changes });
  }
  const usersRemoved = [...beforeUsers]
    .filter(([key]) => !afterUsers.has(key))
    .map(([, user]) => user.userName);
  const beforeAccess = byAccess(before.access);
  const afterAccess = byAccess(after.access);
  const accessAdded: InventoryAccess[] = [];
  const accessChanged: InventoryAccessChange[] = [];
  for (const [key, access] of afterAccess) {
    const was = beforeAccess.get(key);
    if (!was) accessAdded.push(access);
    else if (accessText(was) !== accessText(access)) accessChanged.push({ before: was, after: access });
  }
  const accessRemoved = [...beforeAccess]
    .filter(([key]) => !afterAccess.has(key))
    .map(([, access]) => access);
  return {
    from: before.takenAt,
    to: after.takenAt,
    usersAdded,
    usersRemoved,
    usersChanged,
    accessAdded,
    accessRemoved,
    accessChanged,
    unchanged:
      usersAdded.length +
        usersRemoved.length +
        usersChanged.length +
        accessAdded.length +
        accessRemoved.length +
        accessChanged.length ===
      0,
  };
}

function byUser(users: readonly InventoryUser[]): Map<string, InventoryUser> {
  return new Map(users.map((user) => [userNameKey(user.userName), user]));
}

function byAccess(access: readonly InventoryAccess[]): Map<string, InventoryAccess> {
  return new Map(access.map((entry) => [`${userNameKey(entry.userName)}\u0000${entry.modelId}`, entry]));
}

/** The compared part of an access, in a canonical text (lists and items sorted). */
function accessText(access: InventoryAccess): string {
  const lists = Object.keys(access.selectiveAccess)
    .sort(compareText)
    .map((list) => {
      const items = access.selectiveAccess[list] ?? { read: [], write: [] };
      return [list, [...items.read].sort(compareText), [...items.write].sort(compareText)];
    });
  return JSON.stringify([access.role, access.sso, access.workspaceAdministrator, lists]);
}

function userChanges(before: InventoryUser, after: InventoryUser): string[] {
  const changes: string[] = [];
  const fields = ['givenName', 'familyName', 'active'] as const;
  for (const field of fields)
    if (before[field] !== after[field])
      changes.push(`${field}: ${String(before[field])} → ${String(after[field])}`);
  const licences = (user: InventoryUser) =>
    user.licences === 'unknown' ? 'unknown' : [...user.licences].sort(compareText).join(', ') || '(none)';
  if (before.licences !== 'unknown' && after.licences !== 'unknown' && licences(before) !== licences(after))
    changes.push(`licences: ${licences(before)} → ${licences(after)}`);
  return changes;
}
