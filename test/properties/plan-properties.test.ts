import {
  type AccessTarget,
  apply,
  isPlanRefusedError,
  type Operation,
  type Plan,
  parsePlan,
  planFrom,
  renderPlan,
} from '@anaplan-access/reconcile';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { full } from '../faults/suite-settings.js';
import {
  asProduced,
  desiredState,
  observedState,
  policyDraw,
  reorder,
  toPolicy,
  universe,
} from './arbitraries.js';

const runs = Number(process.env['PROPERTY_RUNS'] ?? (full ? 3000 : 300));
const now = () => new Date('2025-01-01T00:00:00.000Z');
const destructive = new Set([
  'user.deactivate',
  'workspace.revoke',
  'model.access.revoke',
  'sso.exception.unassign',
]);
const phaseOf: Record<Operation['kind'], number> = {
  'user.create': 0,
  'user.update': 1,
  'user.reactivate': 1,
  'workspace.grant': 2,
  'model.access.set': 3,
  'model.access.revoke': 3,
  'sso.exception.assign': 4,
  'sso.exception.unassign': 4,
  'user.deactivate': 4,
  'workspace.revoke': 5,
  manual: 6,
};
const state = fc.record({ desired: desiredState, observed: observedState, policy: policyDraw });

/**
 * The removals of access an operation makes, as the guard must count them: one per deactivation or revocation, and
 * one per selective-access item a model.access.set takes away from known access (an item neither read nor written
 * any more).
 */
function removals(operation: Operation): number {
  if (destructive.has(operation.kind)) return 1;
  if (operation.kind !== 'model.access.set' || operation.before === null || operation.before === 'unknown')
    return 0;
  if (operation.after.role.toLowerCase() === 'no access') return 0;
  let count = 0;
  for (const [list, { read, write }] of Object.entries(operation.before.selectiveAccess)) {
    const kept = operation.after.selectiveAccess[list];
    const keep = new Set([...(kept?.read ?? []), ...(kept?.write ?? [])]);
    count += [...read, ...write].filter((item) => !keep.has(item)).length;
  }
  return count;
}

/**
 * The plan without what legitimately depends on the input's order (the desired fingerprint and the clock, and so
 * the digest over them).
 */
function comparable(plan: Plan) {
  const { createdAt: _createdAt, fingerprints, digest: _digest, ...rest } = plan;
  return { ...rest, observedFingerprint: fingerprints.observed };
}

describe('plan: properties over random desired and observed states', () => {
  it('is deterministic, whatever order the users come in', () => {
    fc.assert(
      fc.property(
        state,
        fc.array(fc.nat(), { minLength: 1, maxLength: 16 }),
        ({ desired, observed, policy }, keys) => {
          const first = planFrom(desired, observed, toPolicy(policy), now);
          expect(planFrom(desired, observed, toPolicy(policy), now)).toEqual(first);
          const shuffled = planFrom(
            { ...desired, users: reorder(desired.users, keys), findings: reorder(desired.findings, keys) },
            { ...observed, users: reorder(observed.users, keys) },
            toPolicy(policy),
            now,
          );
          expect(comparable(shuffled)).toEqual(comparable(first));
        },
      ),
      { numRuns: runs },
    );
  });

  it('is the same whether the states come sorted with shared access (as produced) or in any order, unshared', () => {
    fc.assert(
      fc.property(
        state,
        fc.array(fc.nat(), { minLength: 1, maxLength: 16 }),
        ({ desired, observed, policy }, keys) => {
          const [producedDesired, producedObserved] = asProduced(desired, observed);
          const produced = planFrom(producedDesired, producedObserved, toPolicy(policy), now);
          const shuffled = planFrom(
            { ...desired, users: reorder(desired.users, keys) },
            { ...observed, users: reorder(observed.users, keys) },
            toPolicy(policy),
            now,
          );
          expect(comparable(produced)).toEqual(comparable(shuffled));
          expect(produced.fingerprints.observed).toBe(shuffled.fingerprints.observed);
        },
      ),
      { numRuns: runs },
    );
  });

  it('round-trips through its JSON rendering, and every rendering is stable', () => {
    fc.assert(
      fc.property(state, ({ desired, observed, policy }) => {
        const plan = planFrom(desired, observed, toPolicy(policy), now);
        const json = renderPlan(plan, { format: 'json' });
        expect(parsePlan(json)).toEqual(plan);
        expect(renderPlan(parsePlan(json), { format: 'json' })).toBe(json);
        for (const format of ['text', 'markdown'] as const)
          expect(renderPlan(parsePlan(json), { format })).toBe(renderPlan(plan, { format }));
      }),
      { numRuns: runs },
    );
  });

  it('counts destructive operations in the deletion guard and blocks every plan above its limits', () => {
    fc.assert(
      fc.property(state, ({ desired, observed, policy }) => {
        const plan = planFrom(desired, observed, toPolicy(policy), now);
        const count = plan.operations.reduce((sum, operation) => sum + removals(operation), 0);
        expect(plan.guard.destructive).toBe(count);
        const over = count > policy.maxCount || plan.guard.percent > policy.maxPercent;
        expect(plan.guard.exceeded).toBe(over);
        if (over && !policy.allowDestructive) expect(plan.blocked).toBe(true);
        if (!over) expect(plan.guard.overridden).toBe(false);
        if (plan.guard.existing > 0)
          expect(plan.guard.percent).toBeCloseTo((count / plan.guard.existing) * 100, 1);
      }),
      { numRuns: runs },
    );
  });

  it('never plans anything for users out of scope, protected, administrators or outside the managed workspaces', () => {
    fc.assert(
      fc.property(state, ({ desired, observed, policy }) => {
        const plan = planFrom(desired, observed, toPolicy(policy), now);
        const untouchable = new Set([
          ...policy.outOfScope,
          ...policy.protectedUsers,
          universe.integrationUser,
          ...(policy.manageWorkspaceAdministrators ? [] : (observed.workspaces[0]?.administrators ?? [])),
        ]);
        const desiredKeys = new Set(desired.users.map((user) => user.userName.toLowerCase()));
        const managed = new Set<string>([universe.finance, universe.sales]);
        for (const user of observed.users) {
          const key = user.userName.toLowerCase();
          if (!desiredKeys.has(key) && !user.workspaces.some((id) => managed.has(id))) untouchable.add(key);
        }
        for (const finding of desired.findings)
          if (finding.userName) untouchable.add(finding.userName.toLowerCase());
        for (const operation of plan.operations) {
          expect(untouchable.has(operation.userName.toLowerCase()), `${operation.id} is planned`).toBe(false);
          if ('workspaceId' in operation) expect(managed.has(operation.workspaceId)).toBe(true);
        }
      }),
      { numRuns: runs },
    );
  });

  it('has unique operation ids, and every dependency is in the plan and runs in an earlier phase', () => {
    fc.assert(
      fc.property(state, ({ desired, observed, policy }) => {
        const plan = planFrom(desired, observed, toPolicy(policy), now);
        const byId = new Map(plan.operations.map((operation) => [operation.id, operation]));
        expect(byId.size).toBe(plan.operations.length);
        for (const operation of plan.operations) {
          for (const dependency of operation.dependsOn) {
            const before = byId.get(dependency);
            expect(before, `${operation.id} depends on the missing ${dependency}`).toBeDefined();
            expect(phaseOf[before?.kind ?? 'manual']).toBeLessThan(phaseOf[operation.kind]);
          }
        }
      }),
      { numRuns: runs },
    );
  });

  it('refuses a blocked plan before touching the target', async () => {
    const calls: string[] = [];
    const refuse = (name: string) => async () => {
      calls.push(name);
      throw new Error(`${name} must not be called`);
    };
    const target: AccessTarget = {
      observe: refuse('observe'),
      findUser: refuse('findUser'),
      createUser: refuse('createUser'),
      updateUser: refuse('updateUser'),
      setActive: refuse('setActive'),
      grantWorkspaces: refuse('grantWorkspaces'),
      revokeWorkspaces: refuse('revokeWorkspaces'),
      importModelAccess: refuse('importModelAccess'),
    };
    let blocked = 0;
    await fc.assert(
      fc.asyncProperty(state, async ({ desired, observed, policy }) => {
        const plan = planFrom(desired, observed, toPolicy(policy), now);
        if (!plan.blocked) return;
        blocked += 1;
        await expect(apply(plan, { target })).rejects.toSatisfy(isPlanRefusedError);
      }),
      { numRuns: Math.ceil(runs / 3) },
    );
    expect(calls).toEqual([]);
    expect(blocked).toBeGreaterThan(0);
  });
});
