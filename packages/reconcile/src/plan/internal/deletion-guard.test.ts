import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../apply/audit-entry.js';
import type { ModelAccess } from '../../target/observed-state.js';
import type { Operation } from '../operations.js';
import type { RecordedPolicy } from '../plan-types.js';
import { appliedRemovals, checkDeletionGuard, type GuardInput } from './deletion-guard.js';

const policy = (
  overrides: Partial<RecordedPolicy['deletionGuard']> = {},
  more: Partial<RecordedPolicy> = {},
) =>
  ({
    scope: 'all',
    manageWorkspaceAdministrators: false,
    deprovision: 'deactivate',
    deletionGuard: { maxCount: 25, maxPercent: 10, countDowngrades: false, ...overrides },
    allowDestructive: false,
    allowEmptySource: false,
    updateNames: true,
    ...more,
  }) satisfies RecordedPolicy;

const access = (role: string, read: string[] = [], write: string[] = []): ModelAccess => ({
  role,
  sso: false,
  workspaceAdmin: false,
  selectiveAccess: read.length || write.length ? { Region: { read, write } } : {},
});

const set = (before: ModelAccess | 'unknown' | null, after: ModelAccess) =>
  ({ kind: 'model.access.set', before, after }) as Pick<Operation, 'kind' | 'before' | 'after'>;

const input = (overrides: Partial<GuardInput>): GuardInput => ({
  operations: [],
  existing: 10_000,
  users: { inScope: 1000, unlisted: 0, listed: 1000 },
  sourceError: false,
  targetError: false,
  policy: policy(),
  ...overrides,
});

describe('checkDeletionGuard', () => {
  it('counts each selective-access item a model.access.set takes away: 100 users losing theirs is 100, not 0', () => {
    const operations = Array.from({ length: 100 }, () => set(access('Planner', ['EMEA']), access('Planner')));
    const { guard, blockedReasons } = checkDeletionGuard(input({ operations }));
    expect(guard.counted.selectiveAccessItems).toBe(100);
    expect(guard.destructive).toBe(100);
    expect(guard.exceeded).toBe(true);
    expect(blockedReasons.map(({ code }) => code)).toEqual(['guard']);
    expect(blockedReasons[0]?.message).toContain('100 selective-access items');
  });

  it('counts nothing for access added, or for an import over an unknown current access', () => {
    const operations = [
      set(null, access('Planner', ['EMEA'])),
      set(access('Planner', ['EMEA']), access('Planner', ['EMEA', 'APAC'])),
      set('unknown', access('Planner')),
    ];
    expect(checkDeletionGuard(input({ operations })).guard.destructive).toBe(0);
  });

  it('counts role changes and write → read demotions only with countDowngrades', () => {
    const operations = [
      set(access('Planner'), access('Viewer')),
      set(access('Planner', [], ['EMEA']), access('Planner', ['EMEA'])),
    ];
    expect(checkDeletionGuard(input({ operations })).guard.destructive).toBe(0);
    const counted = checkDeletionGuard(input({ operations, policy: policy({ countDowngrades: true }) }));
    expect(counted.guard.counted.downgrades).toBe(2);
    expect(counted.guard.destructive).toBe(2);
  });

  it('blocks an empty source with its own reason, which allowDestructive does not lift and allowEmptySource does', () => {
    const users = { inScope: 40, unlisted: 40, listed: 0 };
    const codes = (more: Partial<RecordedPolicy>) =>
      checkDeletionGuard(input({ users, policy: policy({}, more) })).blockedReasons.map(({ code }) => code);
    expect(codes({})).toEqual(['empty-source']);
    expect(codes({ allowDestructive: true })).toEqual(['empty-source']);
    expect(codes({ allowEmptySource: true })).toEqual([]);
  });

  it('blocks a source that no longer lists more than maxPercent of the users in scope (source-shrank)', () => {
    const shrank = checkDeletionGuard(input({ users: { inScope: 100, unlisted: 11, listed: 89 } }));
    expect(shrank.guard.users.percent).toBe(11);
    expect(shrank.blockedReasons.map(({ code }) => code)).toEqual(['source-shrank']);
    expect(
      checkDeletionGuard(input({ users: { inScope: 100, unlisted: 10, listed: 90 } })).blockedReasons,
    ).toEqual([]);
    expect(
      checkDeletionGuard(
        input({
          users: { inScope: 100, unlisted: 11, listed: 89 },
          policy: policy({}, { allowDestructive: true }),
        }),
      ).blockedReasons.map(({ code }) => code),
    ).toEqual(['source-shrank']);
  });

  it('blocks an unreadable source on its own account, without advising allowDestructive as the remedy', () => {
    const { blockedReasons } = checkDeletionGuard(
      input({ sourceError: true, users: { inScope: 5, unlisted: 5, listed: 0 } }),
    );
    expect(blockedReasons.map(({ code }) => code)).toEqual(['source-error']);
    expect(blockedReasons[0]?.message).toMatch(/allowDestructive and allowEmptySource do not lift this/);
  });

  it('adds the removals already applied in the window to the plan’s against maxCount', () => {
    const operations = Array.from(
      { length: 24 },
      () => ({ kind: 'user.deactivate', before: { active: true }, after: { active: false } }) as const,
    );
    const alone = checkDeletionGuard(input({ operations, policy: policy({ window: { hours: 24 } }) }));
    expect(alone.guard.exceeded).toBe(false);
    const second = checkDeletionGuard(
      input({
        operations,
        policy: policy({ window: { hours: 24 } }),
        window: { since: '2026-01-01T00:00:00.000Z', applied: 24 },
      }),
    );
    expect(second.guard.window).toEqual({ hours: 24, since: '2026-01-01T00:00:00.000Z', applied: 24 });
    expect(second.blockedReasons.map(({ code }) => code)).toEqual(['guard']);
    expect(second.blockedReasons[0]?.message).toContain('24 already applied in the last 24 h');
  });
});

describe('appliedRemovals', () => {
  const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
    time: '2026-01-02T00:00:00.000Z',
    actor: 'integration@example.com',
    planFingerprint: 'sha256:a',
    operationId: 'user.deactivate:a@example.com',
    kind: 'user.deactivate',
    userName: 'a@example.com',
    before: { active: true },
    after: { active: false },
    outcome: 'succeeded',
    ...overrides,
  });
  const since = new Date('2026-01-01T00:00:00.000Z');

  it('counts what succeeded, and what started with no outcome; not what failed, was skipped or is older', () => {
    const entries = [
      entry({ operationId: 'one', outcome: 'started' }),
      entry({ operationId: 'one', outcome: 'succeeded' }),
      entry({ operationId: 'two', outcome: 'started' }),
      entry({ operationId: 'three', outcome: 'started' }),
      entry({ operationId: 'three', outcome: 'failed' }),
      entry({ operationId: 'four', outcome: 'skipped' }),
      entry({ operationId: 'old', time: '2025-12-31T23:59:59.000Z' }),
      entry({ operationId: 'grant', kind: 'workspace.grant' }),
      entry({
        operationId: 'sa',
        kind: 'model.access.set',
        before: access('Planner', ['EMEA', 'APAC']),
        after: access('Planner'),
      }),
    ];
    expect(appliedRemovals(entries, since, { countDowngrades: false })).toBe(1 + 1 + 2);
  });

  it('ignores a model.access.set entry whose before/after are not model access', () => {
    const odd = entry({ kind: 'model.access.set', before: 'x', after: { role: 1 } });
    expect(appliedRemovals([odd], since, { countDowngrades: true })).toBe(0);
  });
});
