// Tests: ./audit-recording.test.ts

import type { SimulatorContext } from '../internal/context.js';
import type { SimUser } from '../state.js';
import type { SimAuditRecord } from './audit-log.js';

/** What the audit trail compares of a tenant user before and after a change. */
export interface UserSnapshot {
  readonly userName: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly active: boolean;
  readonly externalId: string | undefined;
  readonly workspaces: readonly string[];
}

/** The user as it is now, for {@link recordUserChanges}. */
export function snapshotUser(user: SimUser): UserSnapshot {
  const { userName, givenName, familyName, active, externalId } = user;
  return { userName, givenName, familyName, active, externalId, workspaces: [...user.workspaces] };
}

/** The attributes every user event carries: who was changed. */
export function targetOf(user: Pick<SimUser, 'id' | 'userName'>): Record<string, unknown> {
  return { targetUserId: user.id, targetUserName: user.userName };
}

/**
 * Records what changed about a tenant user, as `actorId`: `USR-1` for a new user (`before` undefined), `USR-3`/`USR-4`
 * when enabled/disabled, `USR-26`/`27`/`28` for e-mail, first and last name, `USR-5` once when any of these or the
 * externalId changed, and `USR-21`/`USR-22` per workspace joined or left.
 */
export function recordUserChanges(
  context: SimulatorContext,
  actorId: string,
  before: UserSnapshot | undefined,
  user: SimUser,
  userAgent?: string,
): void {
  const target = targetOf(user);
  const record = (eventTypeId: SimAuditRecord['eventTypeId'], attributes: Record<string, unknown> = {}) =>
    context.audit.record({
      eventTypeId,
      actorId,
      objectId: user.id,
      additionalAttributes: { ...target, ...attributes },
      userAgent,
    });
  const after = snapshotUser(user);
  if (before === undefined) record('USR-1');
  else {
    if (before.active !== after.active) record(after.active ? 'USR-3' : 'USR-4');
    const renamed = [
      ['USR-26', 'userName'],
      ['USR-27', 'givenName'],
      ['USR-28', 'familyName'],
    ] as const;
    for (const [eventTypeId, key] of renamed)
      if (before[key] !== after[key])
        record(eventTypeId, { previousValue: before[key], newValue: after[key] });
    const keys = ['userName', 'givenName', 'familyName', 'active', 'externalId'] as const;
    if (keys.some((key) => before[key] !== after[key])) record('USR-5');
  }
  const workspace = (id: string) => ({
    workspaceId: id,
    workspaceName: context.state.workspaces.get(id)?.name,
  });
  for (const id of after.workspaces) if (!before?.workspaces.includes(id)) record('USR-21', workspace(id));
  for (const id of before?.workspaces ?? [])
    if (!after.workspaces.includes(id)) record('USR-22', workspace(id));
}
