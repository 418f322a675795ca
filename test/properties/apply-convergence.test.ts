import { apply, type DesiredModelAccess, type DesiredUser, plan } from '@anaplan-access/reconcile';
import type { ModelUserSeed, UserSeed } from '@anaplan-access/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { full } from '../faults/suite-settings.js';
import {
  ids,
  desiredState as inCode,
  regions,
  startAccessTenant,
  tenantSeed,
} from '../helpers/access-tenant.js';

// apply(plan(desired, observed)) against a fault-free simulator, for random tenants and random desired states: the
// next plan is empty. Each run is a real tenant over HTTP, so the run count stays small.

const people = Array.from({ length: 6 }, (_, index) => `q${index}@corp.example`);
const runs = Number(process.env['PROPERTY_HTTP_RUNS'] ?? (full ? 60 : 15));

const items = fc.array(fc.tuple(fc.constantFrom(...regions), fc.constantFrom('read', 'write')), {
  maxLength: 3,
});
const levels = (drawn: [string, string][]) => {
  const byItem = new Map(drawn);
  const pick = (level: string) => [...byItem].filter(([, value]) => value === level).map(([item]) => item);
  return { read: pick('read').sort(), write: pick('write').sort() };
};
const access = (roles: string[]) => fc.record({ role: fc.constantFrom(...roles), sso: fc.boolean(), items });

const tenantUser = fc.record({
  workspaces: fc.subarray([ids.finance, ids.sales, ids.other]),
  active: fc.boolean(),
  familyName: fc.constantFrom('Old', 'Person'),
  budget: fc.option(access(['Planner', 'Viewer', 'Full Access']), { nil: undefined }),
  forecast: fc.option(access(['Sales Rep', 'Viewer']), { nil: undefined }),
});

const wantedUser = fc.record({
  workspaces: fc.subarray([ids.finance, ids.sales]),
  active: fc.boolean(),
  familyName: fc.constantFrom('New', 'Person'),
  budget: fc.option(access(['Planner', 'Viewer', 'Full Access', 'No Access']), { nil: undefined }),
  forecast: fc.option(access(['Sales Rep', 'Viewer', 'No Access']), { nil: undefined }),
});

const world = fc.record({
  tenant: fc.dictionary(fc.constantFrom(...people), tenantUser, { maxKeys: people.length }),
  desired: fc.dictionary(fc.constantFrom(...people), wantedUser, { maxKeys: people.length }),
  protectedUsers: fc.subarray(people, { maxLength: 1 }),
  outOfScope: fc.subarray(people, { maxLength: 1 }),
  deprovision: fc.constantFrom('deactivate' as const, 'revoke-only' as const),
});

type Drawn = typeof world extends fc.Arbitrary<infer T> ? T : never;

function seedOf(drawn: Drawn) {
  const users: UserSeed[] = [];
  const budget: ModelUserSeed[] = [];
  const forecast: ModelUserSeed[] = [];
  for (const [userName, user] of Object.entries(drawn.tenant)) {
    users.push({
      userName,
      givenName: 'Q',
      familyName: user.familyName,
      active: user.active,
      workspaces: user.workspaces,
    });
    // A model's users are members of its workspace.
    if (user.budget && user.workspaces.includes(ids.finance))
      budget.push({
        email: userName,
        role: user.budget.role,
        sso: user.budget.sso,
        selectiveAccess: { Regions: levels(user.budget.items) },
      });
    if (user.forecast && user.workspaces.includes(ids.sales))
      forecast.push({
        email: userName,
        role: user.forecast.role,
        sso: user.forecast.sso,
        selectiveAccess: { Regions: levels(user.forecast.items) },
      });
  }
  return tenantSeed(users, { budget, forecast });
}

function desiredOf(drawn: Drawn) {
  const model = (value: { role: string; sso: boolean; items: [string, string][] }): DesiredModelAccess => {
    const { read, write } = levels(value.items);
    return {
      role: value.role,
      sso: value.sso,
      workspaceAdmin: false,
      selectiveAccess: read.length || write.length ? { Regions: { read, write } } : {},
    };
  };
  const users: DesiredUser[] = Object.entries(drawn.desired).map(([userName, user], index) => ({
    userName,
    givenName: 'Q',
    familyName: user.familyName,
    active: user.active,
    workspaces: user.workspaces,
    models: {
      ...(user.budget ? { Budget: model(user.budget) } : {}),
      ...(user.forecast ? { Forecast: model(user.forecast) } : {}),
    },
    refs: [{ source: 'property', row: index + 2 }],
  }));
  return inCode(users);
}

describe('apply: properties over random tenants, against a fault-free simulator', () => {
  it('apply(plan(desired, observed)) leaves a tenant whose next plan is empty', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (drawn) => {
        const tenant = await startAccessTenant(seedOf(drawn));
        try {
          const outOfScope = new Set(drawn.outOfScope);
          const policy = {
            protectedUsers: drawn.protectedUsers,
            scope: ({ userName }: { userName: string }) => !outOfScope.has(userName.toLowerCase()),
            deprovision: drawn.deprovision,
            allowDestructive: true,
            allowEmptySource: true,
          };
          const desired = desiredOf(drawn);
          const first = await plan({ desired, target: tenant.target, policy });
          const result = await apply(first, { target: tenant.target });
          expect(
            result.results.filter((entry) => entry.status !== 'succeeded' && entry.status !== 'manual'),
          ).toEqual([]);
          const next = await plan({ desired, target: tenant.target, policy });
          expect(next.operations.filter((operation) => operation.kind !== 'manual')).toEqual([]);
        } finally {
          await tenant.close();
        }
      }),
      { numRuns: runs },
    );
  }, 120_000);
});
