import { describe, expect, it } from 'vitest';
import type { ModelAccess, ObservedState, ObservedUser } from '../target/observed-state.js';
import {
  desiredState as desired,
  desiredUser,
  finance,
  observedModel,
  observedState,
  observedUser as observedUserOf,
  sales,
} from '../test-support/states.js';
import { parsePlan } from './parse-plan.js';
import { planFrom } from './plan.js';
import { renderPlan } from './render.js';

const other = 'c'.repeat(32);

/** An observed user whose id is the login without punctuation. */
const observedUser = (userName: string, overrides: Partial<ObservedUser> = {}): ObservedUser =>
  observedUserOf(userName, { id: userName.replace(/\W/g, ''), ...overrides });

function observed(users: ObservedUser[], modelUsers: Record<string, ModelAccess> = {}): ObservedState {
  return observedState({
    workspaces: [
      { id: finance, name: 'Finance', administrators: ['admin@example.com'] },
      { id: sales, name: 'Sales', administrators: [] },
    ],
    users,
    models: [
      observedModel({ users: new Map(Object.entries(modelUsers)), lists: { Region: ['EMEA', 'APAC'] } }),
    ],
  });
}

describe('planFrom', () => {
  it('creates a new user with workspaces and model access, depending on the create', () => {
    const p = planFrom(
      desired([
        desiredUser('new@example.com', {
          models: {
            Planning: {
              role: 'planner',
              sso: true,
              workspaceAdmin: false,
              selectiveAccess: { Region: { read: ['EMEA'], write: [] } },
            },
          },
        }),
      ]),
      observed([]),
    );
    expect(p.operations.map((operation) => operation.kind)).toEqual(['user.create', 'model.access.set']);
    expect(p.operations[1]?.dependsOn).toEqual(['user.create:new@example.com']);
    expect(p.operations[1]).toMatchObject({ after: { role: 'Planner', sso: true } });
    expect(p.summary).toMatchObject({ create: 2, update: 0, revoke: 0 });
  });

  it('is empty when Anaplan matches, comparing e-mails case-insensitively', () => {
    const p = planFrom(
      desired([desiredUser('Jane@Example.com')]),
      observed([observedUser('jane@example.com')]),
    );
    expect(p.operations).toEqual([]);
    expect(renderPlan(p)).toContain('No changes.');
  });

  it('deprovisions a leaver: model access, deactivation, then managed workspaces', () => {
    const p = planFrom(
      desired([]),
      observed([observedUser('leaver@example.com', { workspaces: [finance, sales] })], {
        'leaver@example.com': { role: 'Planner', sso: false, workspaceAdmin: false, selectiveAccess: {} },
      }),
      { deletionGuard: { maxPercent: 100 } },
    );
    expect(p.operations.map((operation) => operation.kind)).toEqual([
      'model.access.revoke',
      'user.deactivate',
      'workspace.revoke',
      'workspace.revoke',
    ]);
  });

  it('does not deactivate a leaver who keeps an unmanaged workspace, nor with revoke-only', () => {
    const users = [observedUser('x@example.com', { workspaces: [finance, other] })];
    expect(
      planFrom(desired([]), observed(users), { deletionGuard: { maxPercent: 100 } }).operations.map(
        (o) => o.kind,
      ),
    ).toEqual(['workspace.revoke']);
    const revokeOnly = planFrom(desired([]), observed([observedUser('y@example.com')]), {
      deprovision: 'revoke-only',
      deletionGuard: { maxPercent: 100 },
    });
    expect(revokeOnly.operations.map((o) => o.kind)).toEqual(['workspace.revoke']);
  });

  it('never touches protected users, the integration account or workspace administrators', () => {
    const p = planFrom(
      desired([]),
      observed([
        observedUser('integration@example.com'),
        observedUser('admin@example.com'),
        observedUser('glass@example.com'),
      ]),
      { protectedUsers: ['Glass@example.com'] },
    );
    expect(p.operations).toEqual([]);
    expect(p.findings.filter((finding) => finding.kind === 'protected-user')).toHaveLength(3);
  });

  it('blocks a plan over the deletion guard unless allowDestructive, and an empty source unless allowEmptySource', () => {
    const users = Array.from({ length: 30 }, (_, index) => observedUser(`u${index}@example.com`));
    const codes = (p: { blockedReasons: { code: string }[] }) => p.blockedReasons.map(({ code }) => code);
    const blocked = planFrom(desired([]), observed(users));
    expect(blocked.blocked).toBe(true);
    expect(codes(blocked)).toEqual(['empty-source', 'guard']);
    expect(renderPlan(blocked)).toContain('Deletion guard');
    const destructive = planFrom(desired([]), observed(users), { allowDestructive: true });
    expect(codes(destructive)).toEqual(['empty-source']);
    expect(destructive.guard.overridden).toBe(true);
    const allowed = planFrom(desired([]), observed(users), {
      allowDestructive: true,
      allowEmptySource: true,
    });
    expect(allowed.blocked).toBe(false);
  });

  it('turns unknown workspaces, models, roles, lists and items into findings and leaves the user out', () => {
    const p = planFrom(
      desired([
        desiredUser('a@example.com', { workspaces: ['Nowhere'] }),
        desiredUser('b@example.com', {
          models: { Missing: { role: 'Planner', sso: false, workspaceAdmin: false, selectiveAccess: {} } },
        }),
        desiredUser('c@example.com', {
          models: { Planning: { role: 'Boss', sso: false, workspaceAdmin: false, selectiveAccess: {} } },
        }),
        desiredUser('d@example.com', {
          models: {
            Planning: {
              role: 'Planner',
              sso: false,
              workspaceAdmin: false,
              selectiveAccess: { Colour: { read: ['x'], write: [] } },
            },
          },
        }),
        desiredUser('e@example.com', {
          models: {
            Planning: {
              role: 'Planner',
              sso: false,
              workspaceAdmin: false,
              selectiveAccess: { Region: { read: ['Mars'], write: [] } },
            },
          },
        }),
      ]),
      observed([]),
    );
    expect(p.findings.map((finding) => finding.kind)).toEqual([
      'unknown-workspace',
      'unknown-model',
      'unknown-role',
      'unknown-list',
      'unknown-item',
    ]);
    expect(p.findings.every((finding) => finding.refs?.[0]?.row === 2)).toBe(true);
    expect(p.operations).toEqual([]);
  });

  it('plans an e-mail change (same externalId) as manual work, not a create and a deactivation', () => {
    const p = planFrom(
      desired([desiredUser('new.name@example.com', { externalId: 'E1' })]),
      observed([observedUser('old.name@example.com', { externalId: 'E1' })]),
    );
    expect(p.operations.map((operation) => operation.kind)).toEqual(['manual']);
  });

  it('round-trips through JSON and renders deterministically', () => {
    const input = desired([
      desiredUser('n@example.com'),
      desiredUser('m@example.com', { familyName: 'New' }),
    ]);
    const state = observed([
      observedUser('m@example.com'),
      observedUser('gone@example.com', { workspaces: [sales] }),
    ]);
    const first = planFrom(input, state, { deletionGuard: { maxPercent: 100 } }, () => new Date(0));
    const second = planFrom(input, state, { deletionGuard: { maxPercent: 100 } }, () => new Date(0));
    expect(renderPlan(first)).toBe(renderPlan(second));
    expect(parsePlan(renderPlan(first, { format: 'json' }))).toEqual(first);
    expect(renderPlan(first)).toMatch(/Plan: 1 to create, 1 to update, 2 to revoke\/deactivate\./);
    expect(renderPlan(first, { format: 'markdown' })).toContain('| `~` | m@example.com |');
  });
});

describe('planFrom: the deletion guard', () => {
  const planner = (read: string[] = []): ModelAccess => ({
    role: 'Planner',
    sso: false,
    workspaceAdmin: false,
    selectiveAccess: read.length ? { Region: { read, write: [] } } : {},
  });
  const many = (count: number) => Array.from({ length: count }, (_, index) => `u${index}@example.com`);

  it('counts every selective-access item a model.access.set removes: 100 users losing theirs blocks the plan', () => {
    const names = many(100);
    const p = planFrom(
      desired(names.map((name) => desiredUser(name, { models: { Planning: planner() } }))),
      observed(
        names.map((name) => observedUser(name)),
        Object.fromEntries(names.map((name) => [name, planner(['EMEA'])])),
      ),
    );
    expect(p.operations.every((operation) => operation.kind === 'model.access.set')).toBe(true);
    expect(p.guard.counted.selectiveAccessItems).toBe(100);
    expect(p.guard.destructive).toBe(100);
    expect(p.blockedReasons.map(({ code }) => code)).toEqual(['guard']);
  });

  it('blocks a source that no longer lists more than maxPercent of the users in scope, even with allowDestructive', () => {
    const names = many(20);
    const state = observed(names.map((name) => observedUser(name)));
    const kept = desired(names.slice(3).map((name) => desiredUser(name)));
    const shrank = planFrom(kept, state, { allowDestructive: true });
    expect(shrank.guard.users).toEqual({ inScope: 20, unlisted: 3, percent: 15, listed: 17 });
    expect(shrank.blockedReasons.map(({ code }) => code)).toEqual(['source-shrank']);
    expect(planFrom(kept, state, { allowDestructive: true, allowEmptySource: true }).blocked).toBe(false);
  });

  it('weighs the removals applied in the window (from the audit entries) with the plan’s own', () => {
    const names = many(30);
    const state = observed(names.map((name) => observedUser(name)));
    const leavers = desired(names.slice(2).map((name) => desiredUser(name)));
    const policy = { deletionGuard: { maxCount: 5, maxPercent: 100, window: { hours: 24 } } };
    const now = () => new Date('2026-01-02T12:00:00.000Z');
    expect(() => planFrom(leavers, state, policy, now)).toThrow(
      expect.objectContaining({ name: 'ConfigurationError', key: 'policy.deletionGuard.window' }),
    );
    const first = planFrom(leavers, state, policy, now, []);
    expect(first.guard.destructive).toBe(4);
    expect(first.blocked).toBe(false);
    const applied = first.operations.map((operation) => ({
      time: '2026-01-02T11:00:00.000Z',
      actor: 'integration@example.com',
      planFingerprint: first.fingerprints.observed,
      operationId: operation.id,
      kind: operation.kind,
      userName: operation.userName,
      before: operation.before,
      after: operation.after,
      outcome: 'succeeded' as const,
    }));
    const second = planFrom(leavers, state, policy, now, applied);
    expect(second.guard.window).toEqual({ hours: 24, since: '2026-01-01T12:00:00.000Z', applied: 4 });
    expect(second.blockedReasons.map(({ code }) => code)).toEqual(['guard']);
    const older = applied.map((entry) => ({ ...entry, time: '2026-01-01T11:00:00.000Z' }));
    expect(planFrom(leavers, state, policy, now, older).blocked).toBe(false);
  });

  it('records its policy and a digest of its content', () => {
    const p = planFrom(desired([desiredUser('n@example.com')]), observed([]), {
      allowEmptySource: true,
      deletionGuard: { countDowngrades: true },
      scope: () => true,
    });
    expect(p.formatVersion).toBe('2.0');
    expect(p.policy).toEqual({
      scope: 'custom',
      manageWorkspaceAdministrators: false,
      deprovision: 'deactivate',
      deletionGuard: { maxCount: 25, maxPercent: 10, countDowngrades: true },
      allowDestructive: false,
      allowEmptySource: true,
      updateNames: true,
    });
    expect(p.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
