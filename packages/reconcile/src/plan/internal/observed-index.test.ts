import { describe, expect, it } from 'vitest';
import type { ModelAccess, ObservedModel, ObservedUser } from '../../target/observed-state.js';
import { modelAccess, observedUser } from '../../test-support/states.js';
import { ObservedIndex } from './observed-index.js';

const user = (userName: string, id = userName, externalId?: string): ObservedUser =>
  observedUser(userName, { id, givenName: 'G', familyName: 'F', externalId, workspaces: ['w1'] });
const role = (name: string): ModelAccess => modelAccess(name);
const model = (users: [string, ModelAccess][]): ObservedModel => ({
  workspaceId: 'w1',
  modelId: 'M1',
  name: 'Budget',
  access: 'known',
  users: new Map(users),
  importsWorkspaceAdmin: false,
});

describe('ObservedIndex', () => {
  const users = [user('b@x.com'), user('A@x.com'), user('c@x.com')];
  const listing: [string, ModelAccess][] = [
    ['c@x.com', role('Viewer')],
    ['a@x.com', role('Planner')],
    ['zz@x.com', role('Planner')],
  ];

  it.each([
    ['sorted (walked side by side)', [...listing].sort((left, right) => (left[0] < right[0] ? -1 : 1))],
    ['in any order (looked up)', listing],
  ])(
    "finds each user's access when the model's users come %s, and counts the ones no user matches",
    (_how, rows) => {
      const index = new ObservedIndex(users, [model(rows)]);
      expect(index.entries.map((entry) => entry.key)).toEqual(['a@x.com', 'b@x.com', 'c@x.com']);
      expect(index.entries.map((entry) => index.accessOf(entry, 0)?.role)).toEqual([
        'Planner',
        undefined,
        'Viewer',
      ]);
      expect(index.unmatched).toEqual([1]);
    },
  );

  it('claims users in any order of lookups, and marks every user with the name as handled', () => {
    const twice = [user('a@x.com', 'u2'), user('b@x.com'), user('a@x.com', 'u1')];
    const index = new ObservedIndex(twice, []);
    expect(index.claim('b@x.com')?.user.id).toBe('b@x.com');
    expect(index.claim('a@x.com')?.user.id).toBe('u2');
    expect(index.claim('nobody@x.com')).toBeUndefined();
    expect(index.entries.map((entry) => index.isHandled(entry))).toEqual([true, true, true]);
    index.markHandled('x@x.com');
    expect(
      index.isHandled({ ...(index.entries[0] as (typeof index.entries)[0]), handled: false, key: 'x@x.com' }),
    ).toBe(true);
  });

  it('finds users by externalId, any case, but not an externalId two users share', () => {
    const index = new ObservedIndex(
      [user('a@x.com', 'a', 'E1'), user('b@x.com', 'b', 'E2'), user('c@x.com', 'c', 'e2')],
      [],
    );
    const found = index.withExternalIds(['e1', 'E2', 'E9']);
    expect(found.get('e1')?.user.id).toBe('a');
    expect(found.has('e2')).toBe(false);
    expect(found.has('e9')).toBe(false);
  });
});
