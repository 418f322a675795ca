import { describe, expect, it } from 'vitest';
import type { DesiredState } from '../../desired/desired-state.js';
import type { ObservedState } from '../../target/observed-state.js';
import { fingerprintDesired, fingerprintObserved } from './fingerprints.js';

const planner = (read: string[] = ['EMEA']) => ({
  role: 'Planner',
  sso: false,
  workspaceAdmin: false,
  selectiveAccess: { Regions: { read, write: [] } },
});

function observed(): ObservedState {
  return {
    observedAt: '2026-01-01T00:00:00.000Z',
    integrationUser: 'integration@example.com',
    workspaces: [{ id: 'w1', name: 'Finance', administrators: ['integration@example.com'] }],
    users: [
      {
        id: 'u1',
        userName: 'ada@example.com',
        givenName: 'Ada',
        familyName: 'L',
        active: true,
        workspaces: ['w1', 'w2'],
      },
      {
        id: 'u2',
        userName: 'bob@example.com',
        givenName: 'Bob',
        familyName: 'M',
        active: true,
        workspaces: ['w1'],
      },
    ],
    models: [
      {
        workspaceId: 'w1',
        modelId: 'M1',
        name: 'Budget',
        access: 'known',
        users: new Map([
          ['ada@example.com', planner()],
          ['bob@example.com', planner(['APAC'])],
        ]),
        importsWorkspaceAdmin: false,
        roles: ['Planner'],
        lists: { Regions: ['EMEA', 'APAC'] },
      },
    ],
  };
}

function desired(): DesiredState {
  return {
    source: 'test',
    findings: [],
    users: [
      {
        userName: 'ada@example.com',
        givenName: 'Ada',
        familyName: 'L',
        active: true,
        workspaces: ['w1'],
        models: { M1: planner(), M2: planner(['APAC']) },
        refs: [{ source: 'test', row: 2 }],
      },
    ],
  };
}

describe('fingerprintObserved', () => {
  it('ignores when the observation was taken and the order of users and of their workspaces', () => {
    const base = fingerprintObserved(observed());
    const shuffled = observed();
    shuffled.observedAt = '2026-02-02T00:00:00.000Z';
    shuffled.users.reverse();
    shuffled.users[1]?.workspaces.reverse();
    const models = shuffled.models[0] as ObservedState['models'][number];
    models.users = new Map([
      ['bob@example.com', planner(['APAC'])],
      ['ada@example.com', planner()],
    ]);
    expect(fingerprintObserved(shuffled)).toBe(base);
    expect(base).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it.each<[string, (state: ObservedState) => void]>([
    ['a name', (state) => void Object.assign(state.users[0] as object, { givenName: 'Eve' })],
    ['the active flag', (state) => void Object.assign(state.users[0] as object, { active: false })],
    ['an externalId', (state) => void Object.assign(state.users[0] as object, { externalId: 'E1' })],
    ['a workspace', (state) => void state.users[1]?.workspaces.push('w3')],
    [
      'an administrator',
      (state) => void (state.workspaces[0]?.administrators as string[] | undefined)?.push('bob@example.com'),
    ],
    [
      'administrators that became unreadable',
      (state) =>
        void Object.assign(state.workspaces[0] as object, {
          administrators: 'unknown',
          administratorsUnknownReason: 'administrators unreadable (HTTP 500)',
        }),
    ],
    [
      'a role',
      (state) =>
        void Object.assign(state.models[0]?.users.get('bob@example.com') as object, { role: 'Viewer' }),
    ],
    [
      'an item',
      (state) =>
        void state.models[0]?.users.get('bob@example.com')?.selectiveAccess['Regions']?.write.push('EMEA'),
    ],
    ['a list of the catalog', (state) => void Object.assign(state.models[0] as object, { lists: {} })],
    ['the integration user', (state) => void Object.assign(state, { integrationUser: 'other@example.com' })],
  ])('changes with %s', (_what, change) => {
    const state = observed();
    change(state);
    expect(fingerprintObserved(state)).not.toBe(fingerprintObserved(observed()));
  });

  it('ignores fields the state types do not declare (the planner never reads them)', () => {
    const state = observed();
    Object.assign(state.users[0] as object, { title: 'CFO' });
    expect(fingerprintObserved(state)).toBe(fingerprintObserved(observed()));
  });

  it('cannot be fooled by moving text between neighbouring values', () => {
    const split = (first: string, second: string) => {
      const state = observed();
      Object.assign(state.users[0] as object, { givenName: first, familyName: second });
      return fingerprintObserved(state);
    };
    expect(split('Ad', 'aL')).not.toBe(split('Ada', 'L'));
    expect(split('A\u0000"B', 'C')).not.toBe(split('A', '"BC'));
    expect(split('~', 'L')).not.toBe(split('', '~L'));
  });
});

describe('fingerprintDesired', () => {
  it('ignores source rows and the order of models and lists, but not the order of users', () => {
    const base = fingerprintDesired(desired());
    const moved = desired();
    const user = moved.users[0] as DesiredState['users'][number];
    user.refs = [{ source: 'other', row: 9 }];
    user.models = { M2: planner(['APAC']), M1: planner() };
    expect(fingerprintDesired(moved)).toBe(base);
    user.active = false;
    expect(fingerprintDesired(moved)).not.toBe(base);
  });
});
