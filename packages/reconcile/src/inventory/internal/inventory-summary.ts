// Tests: ../render-inventory.test.ts

import { compareText } from '../../internal/compare-text.js';
import type { Inventory, InventoryUser } from '../inventory-types.js';

const dayMs = 86_400_000;

/** The numbers at the top of an access review. */
export interface InventorySummary {
  users: number;
  active: number;
  /** Active users whose last login (or creation, never having logged in) is `dormantAfterDays` old or more. */
  dormant: number;
  /** Users who never logged in. */
  neverLoggedIn: number;
  /** Users who administer at least one managed workspace. */
  workspaceAdministrators: number;
  /** Users without single sign-on in at least one model (SSO exception users where the workspace enforces SSO). */
  ssoExceptions: number;
  /** Users in none of the managed models. */
  inNoModel: number;
  /** Per model (name), users per role, most frequent first. */
  rolesPerModel: { model: string; roles: { role: string; users: number }[] }[];
  dormantAfterDays: number;
  /** Active users who become dormant within `noticeDays`, soonest first. */
  dormantSoon: { userName: string; inDays: number }[];
}

/** Whether a user is dormant at `now`: `unknown` when their last login (or creation date) is not known. */
export function dormancy(user: InventoryUser, now: Date, afterDays: number): boolean | 'unknown' {
  const since = user.lastLogin === 'never' ? user.created : user.lastLogin;
  if (since === 'unknown' || Number.isNaN(Date.parse(since))) return 'unknown';
  return now.getTime() - Date.parse(since) >= afterDays * dayMs;
}

/** Counts an inventory for the report's summary. */
export function summarizeInventory(
  inventory: Inventory,
  now: Date,
  dormantAfterDays: number,
  noticeDays = 0,
): InventorySummary {
  const inModel = new Set(inventory.access.map((access) => access.userName.toLowerCase()));
  const noSso = new Set(inventory.access.filter((access) => !access.sso).map((access) => access.userName));
  const perModel = new Map<string, Map<string, number>>();
  for (const model of inventory.models) perModel.set(model.modelId, new Map());
  for (const access of inventory.access) {
    const roles = perModel.get(access.modelId) ?? new Map<string, number>();
    roles.set(access.role, (roles.get(access.role) ?? 0) + 1);
    perModel.set(access.modelId, roles);
  }
  const names = new Map(inventory.models.map((model) => [model.modelId, model.name]));
  return {
    users: inventory.users.length,
    active: inventory.users.filter((user) => user.active).length,
    dormant: inventory.users.filter((user) => user.active && dormancy(user, now, dormantAfterDays) === true)
      .length,
    neverLoggedIn: inventory.users.filter((user) => user.lastLogin === 'never').length,
    workspaceAdministrators: inventory.users.filter((user) => user.administers.length > 0).length,
    ssoExceptions: noSso.size,
    inNoModel: inventory.users.filter((user) => !inModel.has(user.userName.toLowerCase())).length,
    rolesPerModel: [...perModel].map(([modelId, roles]) => ({
      model: names.get(modelId) ?? modelId,
      roles: [...roles]
        .map(([role, users]) => ({ role, users }))
        .sort((left, right) => right.users - left.users || compareText(left.role, right.role)),
    })),
    dormantAfterDays,
    dormantSoon: inventory.users
      .filter((user) => user.active && dormancy(user, now, dormantAfterDays) === false)
      .map((user) => ({ userName: user.userName, inDays: dormantAfterDays - daysSince(user, now) }))
      .filter((user) => user.inDays <= noticeDays)
      .sort((left, right) => left.inDays - right.inDays || compareText(left.userName, right.userName)),
  };
}

/** Whole days since the user's last login (or creation, never having logged in); the user's dates are known. */
function daysSince(user: InventoryUser, now: Date): number {
  const since = user.lastLogin === 'never' ? user.created : user.lastLogin;
  return Math.floor((now.getTime() - Date.parse(since)) / dayMs);
}
