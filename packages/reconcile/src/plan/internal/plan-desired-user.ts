// Tests: ../plan.test.ts, ./user-decision.test.ts

import { userNameKey } from '@anaplan-access/core';
import type { Operation } from '../operations.js';
import type { ObservedEntry } from './observed-index.js';
import type { ResolvedUser } from './resolve-desired.js';
import { decideUser } from './user-decision.js';
import { userOperations } from './user-operations.js';
import type { UserPlanContext } from './user-plan-context.js';

/**
 * Appends the operations for one usable desired user to `out`: `entry` is the observed user with their userName,
 * `renamed` the one with their externalId when no user has their userName. The user's changes (see `decideUser`)
 * when they are in scope, or, when their externalId belongs to another userName in Anaplan, a manual e-mail change (SCIM cannot
 * rename) and a warning; the other account is then marked as handled, so it is not deprovisioned.
 */
export function planDesiredUser(
  context: UserPlanContext,
  resolved: ResolvedUser,
  entry: ObservedEntry | undefined,
  out: Operation[],
  renamed?: ObservedEntry,
): void {
  const { policy, protectedUsers, observed } = context;
  const { user, key } = resolved;
  const current = entry?.user;
  if (!entry && renamed && renamed.key !== key) {
    const renamedFrom = renamed.user;
    observed.markHandled(renamed.key);
    // Not even manual work is planned for an account the plan may not touch (out of scope or protected).
    const untouchable = [
      { userName: user.userName, externalId: user.externalId },
      { userName: renamedFrom.userName, externalId: renamedFrom.externalId },
    ].some((account) => protectedUsers.has(userNameKey(account.userName)) || !policy.scope(account));
    if (!untouchable)
      out.push({
        kind: 'manual',
        id: `manual:${key}:email-change`,
        userName: user.userName,
        userId: renamedFrom.id,
        dependsOn: [],
        action: `Change the e-mail of ${renamedFrom.userName} to ${user.userName} in Anaplan Administration (SCIM userName is read-only), or create the new user and retire the old one`,
        reason: `externalId ${user.externalId} belongs to ${renamedFrom.userName} in Anaplan`,
        before: { userName: renamedFrom.userName },
        after: { userName: user.userName },
      });
    context.findings.push({
      kind: 'unsupported-change',
      severity: 'warning',
      message: `${user.userName}: e-mail changes cannot be made through the API; ${renamedFrom.userName} and ${user.userName} are left as they are`,
      userName: user.userName,
      field: 'email',
      refs: user.refs,
    });
    return;
  }
  const decision = decideUser(context, resolved, entry);
  if (!decision) return;
  // An existing user is shown to `scope` as Anaplan spells them, as when the walk over Anaplan's users asks about
  // them: one person, one answer, whatever the source's spelling (case, Unicode form).
  const userName = current?.userName ?? user.userName;
  if (!policy.scope({ userName, externalId: current?.externalId ?? user.externalId })) return;
  userOperations(context, decision, out);
}
