import { adoptCurrentAccess, csvSource, inventory, plan, summaryLine } from '@anaplan-access/reconcile';
import type { ModelUserSeed, UserSeed } from '@anaplan-access/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { full } from '../faults/suite-settings.js';
import { ids, regions, startAccessTenant, tenantSeed } from '../helpers/access-tenant.js';

// adoptCurrentAccess(inventory(tenant)) planned against the same tenant gives "No changes", for random tenants:
// the adopted rows say exactly what Anaplan has (memberships, roles, SSO, selective access, inactive users, users in
// an unmanaged workspace too). Each run is a real tenant over HTTP, so the run count stays small.

const people = Array.from({ length: 6 }, (_, index) => `a${index}@corp.example`);
const runs = Number(process.env['PROPERTY_HTTP_RUNS'] ?? (full ? 60 : 12));

const items = fc.array(fc.tuple(fc.constantFrom(...regions), fc.constantFrom('read', 'write')), {
  maxLength: 3,
});
const access = (roles: string[]) => fc.record({ role: fc.constantFrom(...roles), sso: fc.boolean(), items });
const tenantUser = fc.record({
  workspaces: fc.subarray([ids.finance, ids.sales, ids.other]),
  active: fc.boolean(),
  givenName: fc.constantFrom('Ada', 'Ben', "O'Neil"),
  externalId: fc.option(fc.constantFrom('E-1', 'E-2', 'E-3'), { nil: undefined }),
  budget: fc.option(access(['Planner', 'Viewer', 'Full Access', 'No Access']), { nil: undefined }),
  forecast: fc.option(access(['Sales Rep', 'Viewer']), { nil: undefined }),
});
const tenants = fc.dictionary(fc.constantFrom(...people), tenantUser, { maxKeys: people.length });

function seedOf(drawn: Record<string, typeof tenantUser extends fc.Arbitrary<infer T> ? T : never>) {
  const users: UserSeed[] = [];
  const budget: ModelUserSeed[] = [];
  const forecast: ModelUserSeed[] = [];
  const usedExternalIds = new Set<string>();
  for (const [userName, user] of Object.entries(drawn)) {
    // External ids are unique in a tenant.
    const externalId = user.externalId && !usedExternalIds.has(user.externalId) ? user.externalId : undefined;
    if (externalId) usedExternalIds.add(externalId);
    users.push({
      userName,
      givenName: user.givenName,
      familyName: 'Person',
      active: user.active,
      workspaces: user.workspaces,
      ...(externalId ? { externalId } : {}),
    });
    const row = (drawnAccess: NonNullable<typeof user.budget>): ModelUserSeed => {
      const byItem = new Map(drawnAccess.items);
      const pick = (level: string) =>
        [...byItem].filter(([, value]) => value === level).map(([item]) => item);
      return {
        email: userName,
        role: drawnAccess.role,
        sso: drawnAccess.sso,
        selectiveAccess:
          drawnAccess.role === 'No Access' ? {} : { Regions: { read: pick('read'), write: pick('write') } },
      };
    };
    if (user.budget && user.workspaces.includes(ids.finance)) budget.push(row(user.budget));
    if (user.forecast && user.workspaces.includes(ids.sales)) forecast.push(row(user.forecast));
  }
  return tenantSeed(users, { budget, forecast });
}

describe('adoptCurrentAccess: properties over random tenants', () => {
  it('adopting a tenant and planning against it gives "No changes"', async () => {
    await fc.assert(
      fc.asyncProperty(tenants, fc.constantFrom('id' as const, 'name' as const), async (drawn, reference) => {
        const tenant = await startAccessTenant(seedOf(drawn));
        try {
          const adopted = adoptCurrentAccess(await inventory(tenant.target), { reference });
          const desired = await csvSource({ text: adopted.csv, name: 'adopted.csv' }).load();
          const made = await plan({ desired, target: tenant.target, policy: { allowEmptySource: true } });
          expect(made.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
          expect(made.operations).toEqual([]);
          expect(summaryLine(made)).toBe('No changes. Anaplan matches the desired state.');
        } finally {
          await tenant.close();
        }
      }),
      { numRuns: runs },
    );
  }, 120_000);
});
