// Tests: ../plan.test.ts

import { userNameKey } from '@anaplan-access/core';
import type { Finding } from '../../findings.js';
import type { ObservedState } from '../../target/observed-state.js';
import type { Operation } from '../operations.js';
import type { ResolvedPolicy } from '../policy.js';
import { takesAccessAway } from './deletion-guard.js';

// Workspace Administrators are never changed by a plan unless the policy manages them: those Anaplan names are
// protected, and where they cannot be read, whoever the policy lists is, or else every member keeps their access.

/**
 * The administrators to protect, and the workspaces whose members keep everything because their administrators
 * could not be read and the policy does not list them. Each such workspace gets a warning finding.
 */
export function administratorsOf(
  observed: ObservedState,
  policy: ResolvedPolicy,
  findings: Finding[],
): { protected: Set<string>; holdBack: Set<string> } {
  const result = { protected: new Set<string>(), holdBack: new Set<string>() };
  if (policy.manageWorkspaceAdministrators) return result;
  for (const workspace of observed.workspaces) {
    if (workspace.administrators !== 'unknown') {
      for (const admin of workspace.administrators) result.protected.add(userNameKey(admin));
      continue;
    }
    const listed = policy.workspaceAdministrators;
    for (const admin of listed ?? []) result.protected.add(admin);
    if (!listed) result.holdBack.add(workspace.id);
    findings.push({
      kind: 'administrators-unknown',
      severity: 'warning',
      field: 'workspaceAdministrators',
      message:
        `Workspace "${workspace.name}": ${workspace.administratorsUnknownReason ?? 'administrators unknown'}. ` +
        (listed
          ? 'The administrators listed in policy.workspaceAdministrators are protected.'
          : 'No access is taken from anyone in it (any member could be an administrator); give the User Admin role, or list the administrators in policy.workspaceAdministrators.'),
    });
  }
  return result;
}

/** Drops the operations that take access from a user in `keys`; returns how many were dropped. */
export function holdBack(operations: Operation[], keys: ReadonlySet<string>): number {
  if (keys.size === 0) return 0;
  let kept = 0;
  for (const operation of operations)
    if (!(keys.has(userNameKey(operation.userName)) && takesAccessAway(operation)))
      operations[kept++] = operation;
  const held = operations.length - kept;
  operations.length = kept;
  return held;
}
