// Tests: ../inventory.test.ts

import { userNameKey } from '@anaplan-access/core';
import { compareText } from '../../internal/compare-text.js';
import type { ObservedState } from '../../target/observed-state.js';
import {
  type Inventory,
  type InventoryAccess,
  type InventoryColumnStatus,
  type InventoryUser,
  inventoryFormatVersion,
} from '../inventory-types.js';

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
