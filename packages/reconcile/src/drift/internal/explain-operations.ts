// Tests: test/e2e/drift.e2e.test.ts

import { userNameKey } from '@anaplan-access/core';
import { planDigest } from '../../plan/internal/plan-digest.js';
import type { Operation } from '../../plan/operations.js';
import type { Plan } from '../../plan/plan-types.js';
import type { DriftChange, DriftReport } from '../drift-report.js';
import { shortTime } from '../render-drift.js';

/** The event types each kind of operation can undo. */
const undoes: Readonly<Record<Operation['kind'], readonly string[]>> = {
  'user.create': [],
  'user.update': ['USR-26', 'USR-27', 'USR-28', 'USR-5'],
  'user.reactivate': ['USR-2', 'USR-3', 'USR-4'],
  'user.deactivate': ['USR-2', 'USR-3', 'USR-4'],
  'workspace.grant': ['USR-21', 'USR-22'],
  'workspace.revoke': ['USR-21', 'USR-22'],
  'model.access.set': ['USR-23', 'USR-24', 'USR-50'],
  'model.access.revoke': ['USR-23', 'USR-24', 'USR-50'],
  'sso.exception.assign': ['USR-57', 'USR-58'],
  'sso.exception.unassign': ['USR-57', 'USR-58'],
  manual: [],
};

/** What the operation does, as the start of its drift explanation. */
function verb(operation: Operation): string {
  switch (operation.kind) {
    case 'model.access.set':
      return `re-asserts ${operation.after.role} in "${operation.modelName}"`;
    case 'model.access.revoke':
      return `revokes access to "${operation.modelName}"`;
    case 'workspace.grant':
      return `re-adds to workspace "${operation.workspaceName}"`;
    case 'workspace.revoke':
      return `removes from workspace "${operation.workspaceName}"`;
    case 'sso.exception.assign':
      return `re-assigns the SSO exception in "${operation.workspaceName}"`;
    case 'sso.exception.unassign':
      return `removes the SSO exception in "${operation.workspaceName}"`;
    case 'user.update':
      return 're-asserts the user details';
    case 'user.reactivate':
      return 'reactivates the user';
    case 'user.deactivate':
      return 'deactivates the user';
    default:
      return 'changes the user';
  }
}

/** Whether a change happened where the operation acts (its model, or its workspace). */
function samePlace(operation: Operation, change: DriftChange): boolean {
  if ('modelId' in operation)
    return (
      change.modelId === operation.modelId ||
      (change.modelId === undefined && change.workspaceId === operation.workspaceId)
    );
  if ('workspaceId' in operation) return change.workspaceId === operation.workspaceId;
  return true;
}

/**
 * The operations with a `drift` explanation where the report has an out-of-band change they undo (the latest
 * such change of the user, where the operation acts). Operations without one are returned as they are.
 */
export function explainOperations(operations: readonly Operation[], report: DriftReport): Operation[] {
  const byId = new Map(report.users.map((user) => [user.userId, user]));
  const byName = new Map(report.users.map((user) => [userNameKey(user.userName), user]));
  return operations.map((operation) => {
    const user =
      (operation.userId === undefined ? undefined : byId.get(operation.userId)) ??
      byName.get(userNameKey(operation.userName));
    const change = user?.changes.findLast(
      (candidate) =>
        undoes[operation.kind].includes(candidate.eventTypeId) && samePlace(operation, candidate),
    );
    if (!change) return operation;
    return {
      ...operation,
      drift: `${verb(operation)}, changed by ${change.actor} at ${shortTime(change.time)} UTC (${change.eventTypeId}: ${change.description})`,
    };
  });
}

/** The plan with its operations explained by the report, and its digest made again over the new content. */
export function explainPlan(plan: Plan, report: DriftReport): Plan {
  const { digest: _old, ...content } = plan;
  const explained = { ...content, operations: explainOperations(plan.operations, report) };
  return { ...explained, digest: planDigest(explained) };
}
