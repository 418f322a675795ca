import { userNameKey } from '@anaplan-access/core';
import type { ModelAccess, ObservedModel } from '../observed-state.js';
import { isNoAccess } from './model-access.js';
import type { ResolvedUser, TargetIndex } from './resolve-desired.js';

// The Workspace Administrator flag belongs to the workspace, and Anaplan's help says a USERS import cannot set it
// (users import as non-admins; an administrator ticks the checkbox in the model's Users pane). Unless a model's
// import is declared to set it (`usersImport.setsWorkspaceAdmin`), the flag is read-only for the engine: it is read
// from the workspace's administrators (`GET /workspaces/{id}/admins`), and a flag the source wants otherwise is left
// to a person, as a `manual` operation, never imported.

/** A Workspace Administrator flag the source wants set otherwise than Anaplan has it, which no import can set. */
export interface WorkspaceAdminChange {
  workspaceId: string;
  /** The position of the first model of the workspace the source gives the user access to (named in the action). */
  position: number;
  /** Whether the user is an administrator of the workspace now. */
  before: boolean;
  /** Whether the source makes them one. */
  after: boolean;
}

/** Per plan (its target index): workspace id → the identity keys of its administrators. */
const administratorKeys = new WeakMap<TargetIndex, Map<string, ReadonlySet<string>>>();

/** Whether the user is an administrator of the workspace, or `undefined` when its administrators are unknown. */
function isAdministrator(index: TargetIndex, workspaceId: string, key: string): boolean | undefined {
  const workspace = index.workspacesById.get(workspaceId);
  if (!workspace || workspace.administrators === 'unknown') return undefined;
  let byWorkspace = administratorKeys.get(index);
  if (!byWorkspace) {
    byWorkspace = new Map();
    administratorKeys.set(index, byWorkspace);
  }
  let keys = byWorkspace.get(workspaceId);
  if (!keys) {
    keys = new Set(workspace.administrators.map((userName) => userNameKey(userName)));
    byWorkspace.set(workspaceId, keys);
  }
  return keys.has(key);
}

/** Whether the source gives the user access to the model at `position` (a role other than `No Access`). */
function gives(desired: ResolvedUser, position: number): boolean {
  const wanted = desired.access[position];
  return wanted !== undefined && !isNoAccess(wanted.role);
}

/**
 * The Workspace Administrator flags of `desired` that differ from Anaplan's and that no import of the plan sets,
 * one per workspace (in model order). The flag a workspace should have is `true` when any model of that workspace the
 * source gives the user access to says so. A workspace is left out when one of those models' imports sets the flag
 * (the import then carries it) or when its administrators are unknown (nothing can be compared). Calls `found` for
 * each; returns whether there was any, so the usual user costs no allocation.
 */
export function workspaceAdminChanges(
  index: TargetIndex,
  desired: ResolvedUser,
  found?: (change: WorkspaceAdminChange) => void,
): boolean {
  const { models } = index;
  let any = false;
  for (let position = 0; position < models.length; position += 1) {
    if (!gives(desired, position)) continue;
    const { workspaceId } = models[position] as ObservedModel;
    let first = true;
    for (let earlier = 0; earlier < position && first; earlier += 1)
      if (gives(desired, earlier) && (models[earlier] as ObservedModel).workspaceId === workspaceId)
        first = false;
    if (!first) continue;
    let after = false;
    let imported = false;
    for (let other = position; other < models.length; other += 1) {
      const model = models[other] as ObservedModel;
      if (model.workspaceId !== workspaceId || !gives(desired, other)) continue;
      after ||= desired.access[other]?.workspaceAdmin === true;
      imported ||= model.importsWorkspaceAdmin;
    }
    if (imported) continue;
    const before = isAdministrator(index, workspaceId, desired.key);
    if (before === undefined || before === after) continue;
    any = true;
    if (!found) return true;
    found({ workspaceId, position, before, after });
  }
  return any;
}

/**
 * The access a `model.access.set` imports: the desired access, except that where the import does not set the
 * Workspace Administrator flag the flag stays as it was (the import leaves it; a `manual` operation changes it).
 */
export function importedAccess(
  model: ObservedModel,
  wanted: ModelAccess,
  had: ModelAccess | undefined,
): ModelAccess {
  const kept = had?.workspaceAdmin ?? false;
  if (model.importsWorkspaceAdmin || wanted.workspaceAdmin === kept) return wanted;
  return { ...wanted, workspaceAdmin: kept };
}
