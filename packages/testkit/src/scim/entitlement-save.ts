// Tests: ./partial-entitlements.test.ts, ./user-writes.test.ts

import type { SimUser } from '../state.js';
import { foldCase } from './filter-evaluation.js';

/** One workspace membership change a write asked for, and whether it was saved. */
export interface WorkspaceChange {
  workspaceId: string;
  operation: 'add' | 'remove';
  saved: boolean;
}

/**
 * Moves a user's workspaces to `desired`. Anaplan stores entitlements apart from the user data and does not write
 * them atomically (Apiary "Differences to the SCIM Standard"): a change to a workspace listed in `failing` is not
 * saved (an add does not happen, a removal leaves the membership in place) while every other change is.
 * Memberships kept keep their order; new ones are appended in request order.
 *
 * @returns every change attempted, saved or not (empty when `desired` equals the current set).
 */
export function saveWorkspaces(
  user: SimUser,
  desired: readonly string[],
  failing: readonly string[],
): WorkspaceChange[] {
  const failingIds = new Set(failing.map(foldCase));
  const desiredIds = new Set(desired);
  const currentIds = new Set(user.workspaces);
  const changes: WorkspaceChange[] = [];
  const result: string[] = [];
  for (const workspaceId of user.workspaces) {
    if (desiredIds.has(workspaceId)) {
      result.push(workspaceId);
      continue;
    }
    const saved = !failingIds.has(foldCase(workspaceId));
    changes.push({ workspaceId, operation: 'remove', saved });
    if (!saved) result.push(workspaceId);
  }
  for (const workspaceId of desired) {
    if (currentIds.has(workspaceId)) continue;
    const saved = !failingIds.has(foldCase(workspaceId));
    changes.push({ workspaceId, operation: 'add', saved });
    if (saved) result.push(workspaceId);
  }
  user.workspaces = result;
  return changes;
}
