import { userNameKey } from '@anaplan-access/core';
import { isNoAccess } from '../../internal/model-access.js';
import type { ModelAccess, ObservedModel } from '../../target/observed-state.js';
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

/** A workspace of the plan's models whose administrators are known. */
interface AdministeredWorkspace {
  workspaceId: string;
  /** Positions of its models in `models`, in order. */
  positions: number[];
  /** Identity keys of its administrators. */
  administrators: ReadonlySet<string>;
}

/** Per plan (its target index), built once: the models' workspaces whose administrators are known. */
const workspacesOfPlan = new WeakMap<TargetIndex, AdministeredWorkspace[]>();

function administeredWorkspaces(index: TargetIndex): AdministeredWorkspace[] {
  let workspaces = workspacesOfPlan.get(index);
  if (workspaces) return workspaces;
  const byId = new Map<string, AdministeredWorkspace>();
  for (let position = 0; position < index.models.length; position += 1) {
    const { workspaceId } = index.models[position] as ObservedModel;
    const known = byId.get(workspaceId);
    if (known) {
      known.positions.push(position);
      continue;
    }
    const administrators = index.workspacesById.get(workspaceId)?.administrators;
    if (administrators === undefined || administrators === 'unknown') continue;
    byId.set(workspaceId, {
      workspaceId,
      positions: [position],
      administrators: new Set(administrators.map((userName) => userNameKey(userName))),
    });
  }
  workspaces = [...byId.values()];
  workspacesOfPlan.set(index, workspaces);
  return workspaces;
}

/**
 * The Workspace Administrator flags of `desired` that differ from Anaplan's and that no import of the plan sets,
 * one per workspace (in model order). Only the models the source gives the user access to (a role other than
 * `No Access`) count, and the flag a workspace should have is `true` when any of them says so. A workspace is left
 * out when one of those models' imports sets the flag (the import then carries it) or when its administrators are
 * unknown (nothing can be compared). Undefined when there is none, so the usual user costs no allocation.
 */
export function workspaceAdminChanges(
  index: TargetIndex,
  desired: ResolvedUser,
): WorkspaceAdminChange[] | undefined {
  let changes: WorkspaceAdminChange[] | undefined;
  for (const workspace of administeredWorkspaces(index)) {
    let position = -1;
    let after = false;
    let imported = false;
    for (const at of workspace.positions) {
      const wanted = desired.access[at];
      if (wanted === undefined || isNoAccess(wanted.role)) continue;
      if (position < 0) position = at;
      after ||= wanted.workspaceAdmin;
      imported ||= (index.models[at] as ObservedModel).importsWorkspaceAdmin;
    }
    if (position < 0 || imported) continue;
    const before = workspace.administrators.has(desired.key);
    if (before === after) continue;
    const change = { workspaceId: workspace.workspaceId, position, before, after };
    if (changes) changes.push(change);
    else changes = [change];
  }
  return changes;
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
