import { userNameKey } from '@anaplan-access/core';
import { describe, expect, it } from 'vitest';
import type { DesiredUser } from '../../desired/desired-state.js';
import type { ObservedState } from '../../target/observed-state.js';
import {
  desiredUser,
  finance,
  modelAccess,
  observedModel,
  observedState,
  observedUser,
  sales,
} from '../../test-support/states.js';
import { resolvePolicy } from '../policy.js';
import { ObservedIndex } from './observed-index.js';
import { resolveDesiredUser, TargetIndex } from './resolve-desired.js';
import { decideUser } from './user-decision.js';
import type { UserPlanContext } from './user-plan-context.js';

const planner = modelAccess('Planner');
const ann = 'ann@example.com';

/** Finance and Sales managed, the Planning model in Finance, and Ann as Anaplan has her: a Planner in Finance. */
function tenant(overrides: Partial<ObservedState> = {}): ObservedState {
  return observedState({
    workspaces: [
      { id: finance, name: 'Finance', administrators: [] },
      { id: sales, name: 'Sales', administrators: [] },
    ],
    users: [observedUser(ann)],
    models: [observedModel({ users: new Map([[ann, planner]]) })],
    ...overrides,
  });
}

/** Asks `decideUser` about `userName`: as `desired` wants them (undefined: not in the source) and as `observed` has them. */
function decide(userName: string, desired: DesiredUser | undefined, observed = tenant()) {
  const index = new TargetIndex(observed);
  const context: UserPlanContext = {
    policy: resolvePolicy(),
    index,
    observed: new ObservedIndex(observed.users, observed.models),
    protectedUsers: new Set(),
    findings: [],
  };
  const key = userNameKey(userName);
  const resolved = desired && resolveDesiredUser(desired, key, index, context.findings);
  if (desired && !resolved) throw new Error(`not resolved: ${JSON.stringify(context.findings)}`);
  return decideUser(context, resolved, context.observed.withKey(key)[0]);
}

describe('decideUser', () => {
  it('answers undefined for a user whose access is as the source wants it', () => {
    expect(decide(ann, desiredUser(ann, { models: { Planning: planner } }))).toBeUndefined();
  });

  it('lists every change a user who stays needs, grants and revocations in order', () => {
    const decision = decide(
      ann,
      desiredUser(ann, {
        familyName: 'Renamed',
        workspaces: [sales],
        models: { Planning: modelAccess('Viewer') },
      }),
      tenant({
        models: [observedModel({ roles: ['Planner', 'Viewer'], users: new Map([[ann, planner]]) })],
      }),
    );
    expect(decision).toMatchObject({
      key: ann,
      updateFields: true,
      reactivate: false,
      grants: [sales],
      models: [{ position: 0, change: 'set', had: planner }],
      workspaceAdmin: [],
      deactivate: false,
      revokes: [],
    });
  });

  it('takes from a user the source no longer lists their model access, then deactivates and removes them', () => {
    expect(decide(ann, undefined)).toMatchObject({
      desired: undefined,
      models: [{ position: 0, change: 'revoke', had: planner }],
      deactivate: true,
      revokes: [finance],
    });
  });

  it('creates a user Anaplan does not have, with their model access', () => {
    const bob = 'bob@example.com';
    expect(decide(bob, desiredUser(bob, { models: { Planning: planner } }))).toMatchObject({
      entry: undefined,
      grants: [],
      models: [{ position: 0, change: 'set', had: undefined }],
      revokes: [],
    });
  });

  it('reactivates a user the source lists as active, and deactivates one it lists as inactive', () => {
    const inactive = tenant({ users: [observedUser(ann, { active: false })] });
    expect(decide(ann, desiredUser(ann, { models: { Planning: planner } }), inactive)).toMatchObject({
      reactivate: true,
      deactivate: false,
    });
    expect(decide(ann, desiredUser(ann, { active: false, models: { Planning: planner } }))).toMatchObject({
      reactivate: false,
      deactivate: true,
      revokes: [],
    });
  });
});
