import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply } from '../../apply/apply.js';
import type { DesiredState } from '../../desired/desired-state.js';
import { csvSource } from '../../desired/sources/csv-source.js';
import { adoptCurrentAccess } from '../../inventory/adopt-current-access.js';
import { inventory } from '../../inventory/inventory.js';
import { reconcile } from '../../reconcile.js';
import { type InventoryTenant, startInventoryTenant } from '../../test-support/inventory-tenant.js';
import { plan, planFrom } from '../plan.js';
import type { PlanPolicy } from '../policy.js';

let tenant: InventoryTenant;
let desired: DesiredState;
const now = Date.now();
const today = () => new Date(now);
const day = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString().slice(0, 10);
const breakGlass = 'breakglass@example.com';

// Ana logged in 3 days ago, Chen 80, Bruno 100; Dana never (created 200 days ago), the break-glass account never
// (created 10 days ago). The source lists everyone as Anaplan has them: only the inactivity rule changes anything.
beforeAll(async () => {
  tenant = await startInventoryTenant(now);
  desired = await csvSource({
    text: adoptCurrentAccess(await inventory(tenant.target)).csv,
    name: 'adopted.csv',
  }).load();
});
afterAll(() => tenant.close());

const planWith = (inactivity: NonNullable<PlanPolicy['inactivity']>, policy: PlanPolicy = {}) =>
  plan({
    desired,
    target: tenant.target,
    now: today,
    policy: { protectedUsers: [breakGlass], inactivity, ...policy },
  });

describe('the inactivity policy', () => {
  it('deactivates users past afterDays, judging users who never logged in by their creation date', async () => {
    const made = await planWith({ afterDays: 90, noticeDays: 14 });
    expect(
      made.operations.map((operation) => [operation.kind, operation.userName, operation.reason]),
    ).toEqual([
      [
        'user.deactivate',
        'bruno.costa@example.com',
        `dormant: last login ${day(100)} (100 days ago), policy.inactivity.afterDays 90`,
      ],
      [
        'user.deactivate',
        'dana.novak@example.com',
        `dormant: never logged in (created ${day(200)}, 200 days ago), policy.inactivity.afterDays 90`,
      ],
    ]);
    expect(made.notes).toContain(
      `chen.wei@example.com: inactive in 10 days (last login ${day(80)} (80 days ago); policy.inactivity.afterDays 90); not changed yet.`,
    );
    expect(made.guard.counted.deactivations).toBe(2);
    expect(made.policy.inactivity).toEqual({
      afterDays: 90,
      action: 'deactivate',
      noticeDays: 14,
      excluded: 0,
    });
  });

  it('leaves excluded and protected users alone', async () => {
    const made = await planWith({ afterDays: 5, exclude: [' Bruno.Costa@example.com '] });
    expect(made.operations.map((operation) => operation.userName)).toEqual([
      'chen.wei@example.com',
      'dana.novak@example.com',
    ]); // not Bruno (excluded), not the break-glass account (protected), not the integration account
  });

  it('revokes model access instead with revoke-models, and the deletion guard counts it', async () => {
    const made = await planWith(
      { afterDays: 90, action: 'revoke-models' },
      { deletionGuard: { maxCount: 1 } },
    );
    expect(made.operations.map((operation) => [operation.kind, operation.userName])).toEqual([
      ['model.access.revoke', 'bruno.costa@example.com'],
      ['model.access.revoke', 'dana.novak@example.com'],
    ]);
    expect(made.guard.counted.modelRevocations).toBe(2);
    expect(made.blocked).toBe(true);
  });

  it('is applied like any other plan', async () => {
    const made = await planWith({ afterDays: 150 });
    expect(made.operations.map((operation) => operation.userName)).toEqual(['dana.novak@example.com']);
    const result = await apply(made, { target: tenant.target });
    expect(result.outcome).toBe('succeeded');
    const dana = tenant.sim.state.findUserByName('dana.novak@example.com');
    expect(dana?.active).toBe(false);
    if (dana) dana.active = true;
  });

  it('works through reconcile(), which asks the target for last logins too', async () => {
    const { plan: made, result } = await reconcile({
      desired,
      target: tenant.target,
      policy: { protectedUsers: [breakGlass], inactivity: { afterDays: 90 } },
      dryRun: true,
    });
    expect(result).toBeUndefined();
    expect(made.operations.map((operation) => [operation.kind, operation.userName])).toEqual([
      ['user.deactivate', 'bruno.costa@example.com'],
      ['user.deactivate', 'dana.novak@example.com'],
    ]);
  });

  it('changes nothing, with a warning, when last logins were not read', async () => {
    const observed = await tenant.target.observe();
    const made = planFrom(desired, observed, { inactivity: { afterDays: 1 } }, today);
    expect(made.operations).toEqual([]);
    expect(made.findings).toContainEqual(
      expect.objectContaining({ kind: 'last-logins-unknown', severity: 'warning' }),
    );
  });
});
