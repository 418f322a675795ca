// Tests: test/e2e/state-shape.e2e.test.ts, ../anaplan-target.test.ts

import { type ScimUser, workspaceIdsOf as workspacesOf } from '@anaplan-access/scim';
import type { ObservedUser } from '../observed-state.js';

/** A SCIM user as the engine sees it. */
export function toObservedUser(user: ScimUser): ObservedUser {
  return {
    id: user.id,
    userName: user.userName,
    givenName: user.name?.givenName ?? '',
    familyName: user.name?.familyName ?? '',
    active: user.active !== false,
    externalId: user.externalId || undefined,
    workspaces: workspacesOf(user),
    ...(typeof user.meta?.created === 'string' ? { created: user.meta.created } : {}),
  };
}
