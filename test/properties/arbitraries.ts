// AccessInterner: the sharing the engine's producers apply.
import {
  AccessInterner,
  type DesiredModelAccess,
  type DesiredState,
  type DesiredUser,
  type Finding,
  type ModelAccess,
  type ObservedModel,
  type ObservedState,
  type ObservedUser,
  type PlanPolicy,
} from '@anaplan-access/reconcile';
import fc from 'fast-check';

// Random desired and observed states over a small universe (8 people, 2 managed workspaces and 1 unmanaged, 2
// models with one selective-access list), so that random states collide often: the same person on both sides,
// in several workspaces, with access to change, protect, scope out or take away.

export const universe = {
  people: Array.from({ length: 8 }, (_, index) => `p${index}@corp.example`),
  integrationUser: 'integration@corp.example',
  finance: 'f0000000000000000000000000000001',
  sales: 'f0000000000000000000000000000002',
  other: 'f0000000000000000000000000000003',
  budget: 'B0000000000000000000000000000001',
  forecast: 'B0000000000000000000000000000002',
  roles: ['Full Access', 'No Access', 'Planner', 'Viewer'],
  items: ['EMEA', 'APAC', 'AMER'],
} as const;

const names = fc.constantFrom('Ada', 'Ben', 'Cleo');
const itemLevels = fc.array(fc.tuple(fc.constantFrom(...universe.items), fc.constantFrom('read', 'write')), {
  maxLength: 3,
});

/** Read/write items with each item at one level at most (as Anaplan holds them). */
function selectiveAccess(levels: [string, string][]): ModelAccess['selectiveAccess'] {
  const byItem = new Map(levels);
  if (byItem.size === 0) return {};
  const read = [...byItem].filter(([, level]) => level === 'read').map(([item]) => item);
  const write = [...byItem].filter(([, level]) => level === 'write').map(([item]) => item);
  return { Regions: { read: read.sort(), write: write.sort() } };
}

const modelAccess: fc.Arbitrary<DesiredModelAccess> = fc
  .record({
    role: fc.constantFrom(...universe.roles),
    sso: fc.boolean(),
    workspaceAdmin: fc.boolean(),
    levels: itemLevels,
  })
  .map(({ levels, ...access }) => ({
    ...access,
    selectiveAccess: access.role === 'No Access' ? {} : selectiveAccess(levels),
  }));

const workspaceSubset = fc.subarray([universe.finance, universe.sales, universe.other]);

/** An observed state: some people in SCIM, model access known or unknown, some administrators. */
export const observedState: fc.Arbitrary<ObservedState> = fc
  .record({
    users: fc.uniqueArray(
      fc.record({
        person: fc.nat({ max: universe.people.length - 1 }),
        givenName: names,
        familyName: names,
        active: fc.boolean(),
        externalId: fc.option(fc.nat({ max: 5 }), { nil: undefined }),
        workspaces: workspaceSubset,
      }),
      { selector: (user) => user.person, maxLength: universe.people.length },
    ),
    budgetKnown: fc.boolean(),
    forecastKnown: fc.boolean(),
    importsWorkspaceAdmin: fc.boolean(),
    budgetUsers: fc.dictionary(fc.constantFrom(...universe.people), modelAccess, { maxKeys: 5 }),
    forecastUsers: fc.dictionary(fc.constantFrom(...universe.people), modelAccess, { maxKeys: 5 }),
    administrators: fc.subarray([...universe.people]),
  })
  .map((drawn): ObservedState => {
    const users: ObservedUser[] = drawn.users.map((user) => ({
      id: `id-${user.person}`,
      userName: universe.people[user.person] as string,
      givenName: user.givenName,
      familyName: user.familyName,
      active: user.active,
      externalId: user.externalId === undefined ? undefined : `HR-${user.externalId}`,
      workspaces: user.workspaces,
    }));
    const model = (
      modelId: string,
      workspaceId: string,
      name: string,
      known: boolean,
      rows: typeof drawn.budgetUsers,
    ): ObservedModel => ({
      workspaceId,
      modelId,
      name,
      roles: [...universe.roles],
      lists: { Regions: [...universe.items] },
      access: known ? 'known' : 'unknown',
      users: new Map(known ? Object.entries(rows) : []),
      importsWorkspaceAdmin: drawn.importsWorkspaceAdmin,
    });
    return {
      observedAt: '2025-01-01T00:00:00.000Z',
      integrationUser: universe.integrationUser,
      workspaces: [
        { id: universe.finance, name: 'Finance', administrators: drawn.administrators },
        { id: universe.sales, name: 'Sales', administrators: [] },
      ],
      users,
      models: [
        model(universe.budget, universe.finance, 'Budget', drawn.budgetKnown, drawn.budgetUsers),
        model(universe.forecast, universe.sales, 'Forecast', drawn.forecastKnown, drawn.forecastUsers),
      ],
    };
  });

/** A desired state as a source would produce it: distinct people, references by id or by name, a few bad ones. */
export const desiredState: fc.Arbitrary<DesiredState> = fc
  .record({
    users: fc.uniqueArray(
      fc.record({
        person: fc.nat({ max: universe.people.length - 1 }),
        upperCase: fc.boolean(),
        givenName: names,
        familyName: names,
        active: fc.boolean(),
        externalId: fc.option(fc.nat({ max: 5 }), { nil: undefined }),
        workspaces: fc.subarray([universe.finance, 'Sales', 'Atlantis'], { maxLength: 2 }),
        budget: fc.option(modelAccess, { nil: undefined }),
        forecast: fc.option(modelAccess, { nil: undefined }),
        budgetByName: fc.boolean(),
        unknownRole: fc.boolean(),
      }),
      { selector: (user) => user.person, maxLength: universe.people.length },
    ),
    invalid: fc.subarray([...universe.people], { maxLength: 2 }),
  })
  .map((drawn): DesiredState => {
    const users: DesiredUser[] = [];
    const findings: Finding[] = [];
    for (const user of drawn.users) {
      const userName = universe.people[user.person] as string;
      if (drawn.invalid.includes(userName)) {
        // A row of this person failed validation: the source leaves them out and says so.
        findings.push({
          kind: 'invalid-row',
          severity: 'error',
          message: `${userName}: bad row`,
          userName,
          field: 'active',
        });
        continue;
      }
      const models: DesiredUser['models'] = {};
      if (user.budget) models[user.budgetByName ? 'Budget' : universe.budget] = user.budget;
      if (user.forecast)
        models['Forecast'] =
          user.unknownRole && user.forecast.role !== 'No Access'
            ? { ...user.forecast, role: 'Emperor' }
            : user.forecast;
      users.push({
        userName: user.upperCase ? userName.toUpperCase() : userName,
        givenName: user.givenName,
        familyName: user.familyName,
        active: user.active,
        externalId: user.externalId === undefined ? undefined : `HR-${user.externalId}`,
        workspaces: user.workspaces,
        models,
        refs: [{ source: 'property', row: user.person + 2 }],
      });
    }
    return { source: 'property', users, findings };
  });

/** The parts of a policy a property varies (the scope is given as the people it leaves out). */
export interface PolicyDraw {
  outOfScope: string[];
  protectedUsers: string[];
  deprovision: 'deactivate' | 'revoke-only';
  maxCount: number;
  maxPercent: number;
  allowDestructive: boolean;
  updateNames: boolean;
  manageWorkspaceAdministrators: boolean;
}

export const policyDraw: fc.Arbitrary<PolicyDraw> = fc.record({
  outOfScope: fc.subarray([...universe.people], { maxLength: 3 }),
  protectedUsers: fc.subarray([...universe.people], { maxLength: 2 }),
  deprovision: fc.constantFrom('deactivate', 'revoke-only'),
  maxCount: fc.nat({ max: 12 }),
  maxPercent: fc.nat({ max: 100 }),
  allowDestructive: fc.boolean(),
  updateNames: fc.boolean(),
  manageWorkspaceAdministrators: fc.boolean(),
});

/** The {@link PlanPolicy} a draw stands for. */
export function toPolicy(draw: PolicyDraw): PlanPolicy {
  const outOfScope = new Set(draw.outOfScope);
  return {
    scope: ({ userName }) => !outOfScope.has(userName.toLowerCase()),
    protectedUsers: draw.protectedUsers,
    deprovision: draw.deprovision,
    deletionGuard: { maxCount: draw.maxCount, maxPercent: draw.maxPercent },
    allowDestructive: draw.allowDestructive,
    updateNames: draw.updateNames,
    manageWorkspaceAdministrators: draw.manageWorkspaceAdministrators,
  };
}

/** The same elements in another order (the seed of the order comes from fast-check, so it shrinks and replays). */
export function reorder<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, index) => ({ item, key: keys[index % Math.max(1, keys.length)] ?? 0, index }))
    .sort((left, right) => left.key - right.key || right.index - left.index)
    .map((entry) => entry.item);
}

/**
 * The same states the way the engine's producers hand them over (`assembleDesiredState`, `anaplanTarget.observe()`):
 * users and each model's users sorted by userName, equal model access one shared frozen object. Planning must not
 * depend on it: these only take faster paths.
 */
export function asProduced(desired: DesiredState, observed: ObservedState): [DesiredState, ObservedState] {
  const byKey = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);
  const desiredInterner = new AccessInterner();
  const observedInterner = new AccessInterner();
  const users = desired.users
    .map((user) => ({
      ...user,
      models: Object.fromEntries(
        Object.entries(user.models).map(([model, access]) => [model, desiredInterner.access(access)]),
      ),
    }))
    .sort((left, right) => byKey(left.userName.toLowerCase(), right.userName.toLowerCase()));
  return [
    { ...desired, users },
    {
      ...observed,
      users: [...observed.users].sort(
        (left, right) =>
          byKey(left.userName.toLowerCase(), right.userName.toLowerCase()) || byKey(left.id, right.id),
      ),
      models: observed.models.map((model) => ({
        ...model,
        users: new Map(
          [...model.users]
            .sort((left, right) => byKey(left[0], right[0]))
            .map(([key, access]): [string, ModelAccess] => [key, observedInterner.access(access)]),
        ),
      })),
    },
  ];
}
