// Tests: ./inventory.test.ts

import { userNameKey } from '@anaplan-access/core';
import type { Inventory, InventoryAccess, InventoryRow } from './inventory-types.js';

/**
 * The access review's rows: one per user and model they are in, and one per user in none of the managed models
 * (model fields `null`), in userName order.
 *
 * @example
 * ```ts
 * const planners = inventoryRows(taken).filter((row) => row.role === 'Planner');
 * ```
 */
export function inventoryRows(inventory: Inventory): InventoryRow[] {
  const workspaceNames = new Map(inventory.workspaces.map((workspace) => [workspace.id, workspace.name]));
  const models = new Map(inventory.models.map((model) => [model.modelId, model]));
  const accessByUser = new Map<string, InventoryAccess[]>();
  for (const access of inventory.access) {
    const key = userNameKey(access.userName);
    const list = accessByUser.get(key);
    if (list) list.push(access);
    else accessByUser.set(key, [access]);
  }
  const rows: InventoryRow[] = [];
  for (const user of inventory.users) {
    const person = {
      userName: user.userName,
      givenName: user.givenName,
      familyName: user.familyName,
      active: user.active,
      created: user.created,
      lastLogin: user.lastLogin,
      licences: user.licences,
      workspaces: user.workspaces.map((id) => workspaceNames.get(id) ?? id),
    };
    const granted = accessByUser.get(userNameKey(user.userName)) ?? [];
    if (granted.length === 0)
      rows.push({
        ...person,
        workspaceId: null,
        workspaceName: null,
        modelId: null,
        modelName: null,
        role: null,
        sso: null,
        workspaceAdministrator: user.administers.length > 0 ? true : null,
        selectiveAccess: {},
      });
    for (const access of granted)
      rows.push({
        ...person,
        workspaceId: access.workspaceId,
        workspaceName: workspaceNames.get(access.workspaceId) ?? access.workspaceId,
        modelId: access.modelId,
        modelName: models.get(access.modelId)?.name ?? access.modelId,
        role: access.role,
        sso: access.sso,
        workspaceAdministrator: access.workspaceAdministrator,
        selectiveAccess: access.selectiveAccess,
      });
  }
  return rows;
}
