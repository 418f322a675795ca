import { type ClientOptions, ConfigurationError, userNameKey } from '@anaplan-access/core';
import { z } from 'zod';
import { compareText } from '../internal/compare-text.js';
import type { ObserveOptions } from '../target/access-target.js';
import type { ObservedState } from '../target/observed-state.js';
import { readLicences } from './internal/read-licences.js';
import {
  type Inventory,
  type InventoryAccess,
  type InventoryColumnStatus,
  type InventoryUser,
  inventoryFormatVersion,
} from './inventory-types.js';

/** What {@link inventory} reads from: `anaplanTarget` is one. */
export interface InventoryTarget {
  /** Reads users, workspaces and model access; asked for last logins too (`lastLogins: true`). */
  observe(options?: ObserveOptions): Promise<ObservedState>;
}

/** Options of {@link inventory}. */
export interface InventoryOptions {
  /**
   * Client options for the Administration API (its `baseUrl`, e.g. a simulator's `adminUrl`, or `region`), to read
   * licences from its user export. The account needs the Tenant Administrator role; without it, or without these
   * options, the licence column is `unknown` and {@link Inventory.licences} says why. @default licences not read
   */
  administration?: ClientOptions | undefined;
  /**
   * Which users: every tenant user SCIM lists (`tenant`), or only members of the target's managed workspaces
   * (`managed`). @default 'tenant'
   */
  users?: 'tenant' | 'managed' | undefined;
  signal?: AbortSignal | undefined;
  /** The inventory's `takenAt` clock. @default () => new Date() */
  now?: (() => Date) | undefined;
}

const OptionsSchema = z.strictObject({
  administration: z
    .custom<ClientOptions>((value) => typeof value === 'object' && value !== null, 'client options')
    .optional(),
  users: z.enum(['tenant', 'managed']).optional(),
  signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal, 'an AbortSignal').optional(),
  now: z.custom<() => Date>((value) => typeof value === 'function', 'a function').optional(),
});

/**
 * Takes an inventory of who has what: every user (SCIM's active flag and creation date, the Integration API's last
 * login, licences from the Administration API when the account may read them), the managed workspaces with their
 * Workspace Administrators, and each managed model's access (role, selective access, SSO) from its Users export,
 * through the target's own observation (models read concurrently under the clients' limits). It changes nothing.
 * What cannot be read is marked `unknown` with the reason, never guessed.
 *
 * @example
 * ```ts
 * const target = anaplanTarget({ scim, integration, workspaces, models });
 * const taken = await inventory(target, { administration: { auth, baseUrl: simulator.adminUrl } });
 * await writeFile('access-review.html', renderInventory(taken, { format: 'html' }));
 * ```
 * @throws {ConfigurationError} for unknown or invalid options (`key` names the option).
 * @throws whatever `target.observe()` throws (see `plan`), and core's request errors from the Administration API
 *   other than a refusal of the role (401, 403, 500), which leaves the licences unknown.
 * @group Inventory
 */
export async function inventory(target: InventoryTarget, options: InventoryOptions = {}): Promise<Inventory> {
  const checked = OptionsSchema.safeParse(options);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const key =
      issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue?.path.join('.') || 'options';
    throw new ConfigurationError(key, `inventory: ${key}: ${issue?.message ?? 'invalid'}`);
  }
  if (typeof target?.observe !== 'function')
    throw new ConfigurationError('target', 'inventory: target must have observe() (anaplanTarget gives one)');
  const { signal } = options;
  const [observed, licences] = await Promise.all([
    target.observe({ signal, lastLogins: true }),
    options.administration
      ? readLicences(options.administration, signal)
      : 'not read (inventory was given no `administration` options)',
  ]);
  return inventoryFrom(observed, licences, {
    managedOnly: options.users === 'managed',
    takenAt: (options.now ?? (() => new Date()))(),
  });
}

/** Builds an inventory from an observation and the licences read (or why they were not). */
export function inventoryFrom(
  observed: ObservedState,
  licences: Map<string, string[]> | string,
  { managedOnly, takenAt }: { managedOnly: boolean; takenAt: Date },
): Inventory {
  const managed = new Set(observed.workspaces.map((workspace) => workspace.id));
  const administers = new Map<string, string[]>();
  for (const workspace of observed.workspaces)
    if (Array.isArray(workspace.administrators))
      for (const admin of workspace.administrators) {
        const key = userNameKey(admin);
        administers.set(key, [...(administers.get(key) ?? []), workspace.id]);
      }
  const scimUsers = managedOnly
    ? observed.users.filter((user) => user.workspaces.some((id) => managed.has(id)))
    : observed.users;
  const users: InventoryUser[] = scimUsers.map((user) => {
    const key = userNameKey(user.userName);
    return {
      userName: user.userName,
      id: user.id,
      givenName: user.givenName,
      familyName: user.familyName,
      active: user.active,
      ...(user.externalId !== undefined ? { externalId: user.externalId } : {}),
      created: user.created ?? 'unknown',
      lastLogin: user.lastLogin === undefined ? 'unknown' : (user.lastLogin ?? 'never'),
      licences: typeof licences === 'string' ? 'unknown' : (licences.get(key) ?? []),
      workspaces: [...user.workspaces],
      administers: administers.get(key) ?? [],
    };
  });
  users.sort((left, right) => compareText(userNameKey(left.userName), userNameKey(right.userName)));
  const byKey = new Map(users.map((user) => [userNameKey(user.userName), user]));
  const access: InventoryAccess[] = [];
  for (const model of observed.models) {
    if (model.access !== 'known') continue;
    for (const [key, granted] of model.users) {
      const user = byKey.get(key);
      if (managedOnly && !user) continue;
      access.push({
        userName: user?.userName ?? key,
        workspaceId: model.workspaceId,
        modelId: model.modelId,
        role: granted.role,
        sso: granted.sso,
        workspaceAdministrator:
          granted.workspaceAdmin || (user?.administers.includes(model.workspaceId) ?? false),
        selectiveAccess: Object.fromEntries(
          Object.entries(granted.selectiveAccess).map(([list, items]) => [
            list,
            { read: [...items.read], write: [...items.write] },
          ]),
        ),
      });
    }
  }
  const modelNames = new Map(observed.models.map((model) => [model.modelId, model.name]));
  access.sort(
    (left, right) =>
      compareText(userNameKey(left.userName), userNameKey(right.userName)) ||
      compareText(modelNames.get(left.modelId) ?? '', modelNames.get(right.modelId) ?? ''),
  );
  return {
    formatVersion: inventoryFormatVersion,
    takenAt: takenAt.toISOString(),
    ...(observed.integrationUser !== undefined ? { integrationUser: observed.integrationUser } : {}),
    workspaces: observed.workspaces.map((workspace) => ({
      id: workspace.id,
      name: workspace.name,
      administrators: Array.isArray(workspace.administrators)
        ? [...workspace.administrators]
        : workspace.administrators,
      ...(workspace.administratorsUnknownReason !== undefined
        ? { administratorsUnknownReason: workspace.administratorsUnknownReason }
        : {}),
    })),
    models: observed.models.map((model) => ({
      workspaceId: model.workspaceId,
      modelId: model.modelId,
      name: model.name,
      access: model.access,
      ...(model.unknownReason !== undefined ? { unknownReason: model.unknownReason } : {}),
    })),
    users,
    access,
    lastLogins: lastLoginStatus(observed),
    licences: typeof licences === 'string' ? { known: false, reason: licences } : { known: true },
  };
}

function lastLoginStatus(observed: ObservedState): InventoryColumnStatus {
  if (observed.lastLoginsUnknownReason !== undefined)
    return { known: false, reason: observed.lastLoginsUnknownReason };
  if (observed.users.length > 0 && observed.users.every((user) => user.lastLogin === undefined))
    return { known: false, reason: 'the target reports no last logins' };
  return { known: true };
}
