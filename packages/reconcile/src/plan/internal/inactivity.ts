// Tests: ./inactivity.test.ts

import { userNameKey } from '@anaplan-access/core';
import type { Finding } from '../../findings.js';
import { isNoAccess, noAccess } from '../../internal/model-access.js';
import type { ObservedState } from '../../target/observed-state.js';
import type { Operation } from '../operations.js';
import type { ResolvedPolicy } from '../policy.js';
import type { ObservedEntry, ObservedIndex } from './observed-index.js';
import type { TargetIndex } from './resolve-desired.js';
import { operationId } from './user-operations.js';

const dayMs = 86_400_000;

/** Kinds that give or keep access, which a dormant user's deactivation makes moot. */
const givingKinds = new Set<Operation['kind']>(['user.reactivate', 'workspace.grant', 'model.access.set']);

/** What the inactivity rule needs from the planner. */
export interface InactivityContext {
  policy: ResolvedPolicy;
  index: TargetIndex;
  observed: ObservedIndex;
  /** Identity keys of the users the plan may not change. */
  protectedUsers: ReadonlySet<string>;
  state: ObservedState;
  /** The plan's time: days since the last login are counted to it. */
  now: Date;
}

/**
 * Applies the policy's inactivity rule to the planned `operations`: each active user in scope (a member of a
 * managed workspace, not protected, not excluded) whose last login (or, never having logged in, whose creation) is
 * `afterDays` or more before `now` is deactivated, or loses their model access, instead of anything the plan gave
 * them; a user within `noticeDays` of it is named in `notes`. Users whose last login is unknown are never judged.
 */
export function planInactivity(
  context: InactivityContext,
  operations: Operation[],
  notes: string[],
  findings: Finding[],
): void {
  const rule = context.policy.inactivity;
  if (!rule) return;
  if (context.state.lastLoginsUnknownReason !== undefined) {
    findings.push({
      kind: 'last-logins-unknown',
      severity: 'warning',
      message: `The inactivity rule was not applied: ${context.state.lastLoginsUnknownReason}.`,
      field: 'policy.inactivity',
    });
    return;
  }
  const byUser = new Map<string, Operation[]>();
  for (const operation of operations) {
    const key = userNameKey(operation.userName);
    const list = byUser.get(key);
    if (list) list.push(operation);
    else byUser.set(key, [operation]);
  }
  const unknown: string[] = [];
  const removed = new Set<Operation>();
  for (const entry of context.observed.entries) {
    const { user } = entry;
    if (!user.active || context.protectedUsers.has(entry.key) || rule.exclude.has(entry.key)) continue;
    if (!user.workspaces.some((id) => context.index.workspacesById.has(id)) || !context.policy.scope(user))
      continue;
    const since = user.lastLogin ?? user.created;
    if (user.lastLogin === undefined || since === undefined || Number.isNaN(Date.parse(since))) {
      unknown.push(user.userName);
      continue;
    }
    const days = Math.floor((context.now.getTime() - Date.parse(since)) / dayMs);
    const last =
      user.lastLogin === null
        ? `never logged in (created ${since.slice(0, 10)}, ${days} days ago)`
        : `last login ${since.slice(0, 10)} (${days} days ago)`;
    if (days < rule.afterDays) {
      if (days >= rule.afterDays - rule.noticeDays)
        notes.push(
          `${user.userName}: inactive in ${rule.afterDays - days} day${rule.afterDays - days === 1 ? '' : 's'} (${last}; policy.inactivity.afterDays ${rule.afterDays}); not changed yet.`,
        );
      continue;
    }
    const reason = `dormant: ${last}, policy.inactivity.afterDays ${rule.afterDays}`;
    const own = byUser.get(entry.key) ?? [];
    if (rule.action === 'deactivate') {
      for (const operation of own) if (givingKinds.has(operation.kind)) removed.add(operation);
      if (!own.some((operation) => operation.kind === 'user.deactivate'))
        operations.push({
          kind: 'user.deactivate',
          id: operationId('user.deactivate', entry.key),
          userName: user.userName,
          userId: user.id,
          dependsOn: [],
          reason,
          before: { active: true },
          after: { active: false },
        });
    } else {
      for (const operation of own) if (operation.kind === 'model.access.set') removed.add(operation);
      revokeModels(context, entry, own, reason, operations);
    }
  }
  if (removed.size > 0) {
    const gone = new Set([...removed].map((operation) => operation.id));
    const kept = operations.filter((operation) => !removed.has(operation));
    for (const operation of kept)
      if (operation.dependsOn.some((id) => gone.has(id)))
        operation.dependsOn = operation.dependsOn.filter((id) => !gone.has(id));
    operations.splice(0, operations.length, ...kept);
  }
  if (unknown.length > 0)
    findings.push({
      kind: 'last-logins-unknown',
      severity: 'warning',
      message: `The inactivity rule skipped ${unknown.length} user${unknown.length === 1 ? '' : 's'} whose last login or creation date is unknown: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}.`,
      field: 'policy.inactivity',
    });
}

/** A `model.access.revoke` for each known model where the dormant user has a role other than `No Access`. */
function revokeModels(
  context: InactivityContext,
  entry: ObservedEntry,
  own: readonly Operation[],
  reason: string,
  operations: Operation[],
): void {
  context.observed.models.forEach((model, position) => {
    const had = context.observed.accessOf(entry, position);
    if (model.access !== 'known' || !had || isNoAccess(had.role)) return;
    const id = operationId('model.access.revoke', entry.key, model.modelId);
    if (own.some((operation) => operation.id === id)) return;
    operations.push({
      kind: 'model.access.revoke',
      id,
      userName: entry.user.userName,
      userId: entry.user.id,
      dependsOn: [],
      reason,
      workspaceId: model.workspaceId,
      modelId: model.modelId,
      modelName: model.name,
      givenName: entry.user.givenName,
      familyName: entry.user.familyName,
      before: had,
      after: noAccess(),
    });
  });
}
