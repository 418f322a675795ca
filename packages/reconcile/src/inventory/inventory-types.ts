// Tests: ./inventory.test.ts

import type { ListAccess } from '../desired/desired-state.js';

/**
 * The format version of an {@link Inventory}: a reader refuses another major version.
 *
 * @example
 * ```ts
 * if (saved.formatVersion.split('.')[0] !== inventoryFormatVersion.split('.')[0]) throw new Error('take a new inventory');
 * ```
 */
export const inventoryFormatVersion = '1.0';

/**
 * Whether a column of the inventory could be read, and why not.
 *
 * @example
 * ```ts
 * if (!taken.licences.known) console.warn(`Licences unknown: ${taken.licences.reason}`);
 * ```
 */
export interface InventoryColumnStatus {
  known: boolean;
  /** Why the column is unknown (the account lacks a role, the target cannot read it, it was not asked for). */
  reason?: string | undefined;
}

/**
 * A tenant user in an {@link Inventory}.
 *
 * @example
 * ```ts
 * const neverLoggedIn = taken.users.filter((user) => user.active && user.lastLogin === 'never');
 * ```
 */
export interface InventoryUser {
  userName: string;
  /** The SCIM id. */
  id: string;
  givenName: string;
  familyName: string;
  active: boolean;
  externalId?: string | undefined;
  /** When the user was created (SCIM `meta.created`), or `unknown`. */
  created: string | 'unknown';
  /** The last login (ISO), `never`, or `unknown` (see {@link Inventory.lastLogins}). */
  lastLogin: string | 'never' | 'unknown';
  /** Licences from the Administration API's user export, or `unknown` (see {@link Inventory.licences}). */
  licences: string[] | 'unknown';
  /** Ids of the workspaces the user is a member of (managed or not). */
  workspaces: string[];
  /** Ids of the managed workspaces the user administers (from `GET /workspaces/{id}/admins`). */
  administers: string[];
}

/**
 * A user's access in one model, as the model's Users export has it.
 *
 * @example
 * ```ts
 * const fullAccess = taken.access.filter((access) => access.role === 'Full Access');
 * ```
 */
export interface InventoryAccess {
  userName: string;
  workspaceId: string;
  modelId: string;
  role: string;
  sso: boolean;
  /** The Workspace Administrator flag of the export, or the workspace's administrators when known. */
  workspaceAdministrator: boolean;
  /** SA-enabled list → the items the user reads and writes. */
  selectiveAccess: Record<string, ListAccess>;
}

/**
 * A managed workspace in an {@link Inventory}.
 *
 * @example
 * ```ts
 * for (const workspace of taken.workspaces) console.log(workspace.name, workspace.administrators);
 * ```
 */
export interface InventoryWorkspace {
  id: string;
  name: string;
  /** userNames of its Workspace Administrators, or `unknown` (with `administratorsUnknownReason`). */
  administrators: string[] | 'unknown';
  administratorsUnknownReason?: string | undefined;
}

/**
 * A managed model in an {@link Inventory}.
 *
 * @example
 * ```ts
 * const unread = taken.models.filter((model) => model.access === 'unknown').map((model) => model.unknownReason);
 * ```
 */
export interface InventoryModel {
  workspaceId: string;
  modelId: string;
  name: string;
  /** `known` when its Users export was read; `unknown` (with `unknownReason`) otherwise. */
  access: 'known' | 'unknown';
  unknownReason?: string | undefined;
}

/**
 * Who has what in a tenant at one moment: users (SCIM, last logins, licences), the managed workspaces and their
 * administrators, the managed models, and every user's access in each model. Plain JSON: save it with
 * `JSON.stringify` and compare it with a later one (`compareInventories`).
 *
 * @example
 * ```ts
 * const taken: Inventory = await inventory(target);
 * await writeFile('inventory.json', JSON.stringify(taken));
 * ```
 */
export interface Inventory {
  formatVersion: typeof inventoryFormatVersion;
  /** ISO time the inventory was taken. */
  takenAt: string;
  /** The account the inventory was read with. */
  integrationUser?: string | undefined;
  workspaces: InventoryWorkspace[];
  models: InventoryModel[];
  /** Sorted by userName. */
  users: InventoryUser[];
  /** One entry per user and model with known access, sorted by userName, then model name. */
  access: InventoryAccess[];
  lastLogins: InventoryColumnStatus;
  licences: InventoryColumnStatus;
}

/**
 * One row of an access review: a user and one model they are in, or the user alone (`modelId` null) when they are
 * in none of the managed models. `inventoryRows` gives them.
 *
 * @example
 * ```ts
 * const row: InventoryRow | undefined = inventoryRows(taken).find((candidate) => candidate.modelId === null);
 * ```
 */
export interface InventoryRow {
  userName: string;
  givenName: string;
  familyName: string;
  active: boolean;
  created: string | 'unknown';
  lastLogin: string | 'never' | 'unknown';
  licences: string[] | 'unknown';
  /** Names of the workspaces the user is a member of (ids where the name is not known). */
  workspaces: string[];
  workspaceId: string | null;
  workspaceName: string | null;
  modelId: string | null;
  modelName: string | null;
  role: string | null;
  sso: boolean | null;
  workspaceAdministrator: boolean | null;
  selectiveAccess: Record<string, ListAccess>;
}
