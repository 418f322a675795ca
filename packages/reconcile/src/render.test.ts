import { describe, expect, it } from 'vitest';
import type { DesiredState, DesiredUser } from './desired-state.js';
import { isPlanRefusedError } from './errors.js';
import type { Finding } from './findings.js';
import { planDigest } from './internal/plan-digest.js';
import type { ObservedState, ObservedUser } from './observed-state.js';
import { planFrom } from './plan.js';
import type { Plan } from './plan-types.js';
import { parsePlan, renderPlan, summaryLine } from './render.js';
import { desiredState, desiredUser, observedState, observedUser } from './test-support/states.js';

const wanted = (userName: string): DesiredUser =>
  desiredUser(userName, { refs: [{ source: 'access.csv', row: 2 }] });
const observed = (users: ObservedUser[]): ObservedState => observedState({ users });
const desired = (users: DesiredUser[], findings: Finding[] = []): DesiredState =>
  desiredState(users, { source: 'access.csv', findings });
const names = Array.from({ length: 30 }, (_, index) => `u${index}@example.com`);

/** A plan blocked by the deletion guard: 30 leavers out of 30 users in scope. */
function blockedPlan(): Plan {
  return planFrom(desired([]), observed(names.map((name) => observedUser(name))), { allowEmptySource: true });
}

/** The refusal `parsePlan(text)` throws, or fails. */
function refusal(text: string): { reason: string; message: string } {
  try {
    parsePlan(text);
  } catch (error) {
    if (isPlanRefusedError(error)) return error;
    throw error;
  }
  throw new Error('parsePlan accepted the text');
}

describe('parsePlan', () => {
  it('reads back the JSON rendering of a plan', () => {
    const p = blockedPlan();
    expect(parsePlan(renderPlan(p, { format: 'json' }))).toEqual(p);
  });

  it('refuses a saved plan whose blocked flag was flipped to false (tampered)', () => {
    const edited = { ...blockedPlan(), blocked: false, blockedReasons: [] };
    expect(refusal(JSON.stringify(edited)).reason).toBe('tampered');
  });

  it('refuses an edit even when the digest was recomputed: the guard is weighed again from the operations', () => {
    const { digest: _digest, ...content } = { ...blockedPlan(), blocked: false, blockedReasons: [] };
    const resealed = { ...content, digest: planDigest(content) };
    expect(refusal(JSON.stringify(resealed)).reason).toBe('tampered');
    const p = planFrom(desired([wanted('new@example.com')]), observed([]));
    const { digest: _other, ...rest } = p;
    const lower = { ...rest, guard: { ...rest.guard, maxCount: 1000 } };
    expect(refusal(JSON.stringify({ ...lower, digest: planDigest(lower) })).reason).toBe('tampered');
  });

  it('refuses a saved plan with an operation added, or its counts edited', () => {
    const p = planFrom(desired([wanted('new@example.com')]), observed([]));
    const added = {
      ...p,
      operations: [
        ...p.operations,
        {
          kind: 'user.deactivate',
          id: 'user.deactivate:ceo@example.com',
          userName: 'ceo@example.com',
          userId: 'ceo',
          dependsOn: [],
          reason: 'no longer in the source',
          before: { active: true },
          after: { active: false },
        },
      ],
    };
    expect(refusal(JSON.stringify(added)).reason).toBe('tampered');
    const counts = { ...p, summary: { ...p.summary, create: 0 } };
    expect(refusal(JSON.stringify(counts)).reason).toBe('tampered');
    const guard = blockedPlan();
    const fewer = { ...guard, guard: { ...guard.guard, destructive: 3, percent: 5, exceeded: false } };
    expect(refusal(JSON.stringify(fewer)).reason).toBe('tampered');
    const message = refusal(JSON.stringify(counts)).message;
    expect(message).toMatch(/changed after it was made/);
    expect(message).toMatch(/make a new plan/);
  });

  it('refuses a plan of format 1.0, an unknown version and text that is not JSON, naming the format', () => {
    const old = { ...blockedPlan(), formatVersion: '1.0' };
    const refused = refusal(JSON.stringify(old));
    expect(refused.reason).toBe('format');
    expect(refused.message).toContain('format version 1.0; this release reads 2.0');
    expect(refusal(JSON.stringify({ ...blockedPlan(), formatVersion: '3.0' })).reason).toBe('format');
    expect(refusal(JSON.stringify({ ...blockedPlan(), formatVersion: '2.9' })).reason).toBe('format');
    expect(refusal('{"formatVersion":').reason).toBe('format');
    expect(refusal('[]').reason).toBe('format');
  });
});

describe('summaryLine', () => {
  const invalid: Finding = {
    kind: 'invalid-row',
    severity: 'error',
    message: 'access.csv row 3: invalid e-mail',
    userName: 'bad@example',
  };
  const unknownRole: Finding = {
    kind: 'unknown-role',
    severity: 'error',
    message: 'role "Plannr" does not exist',
    userName: 'typo@example.com',
  };

  it('says "No changes" only when no error finding left anyone out', () => {
    const clean = planFrom(
      desired([wanted('same@example.com')]),
      observed([observedUser('same@example.com')]),
    );
    expect(summaryLine(clean)).toBe('No changes. Anaplan matches the desired state.');
    const leftOut = planFrom(
      desired([wanted('same@example.com')], [invalid, unknownRole]),
      observed([observedUser('same@example.com')]),
    );
    expect(leftOut.operations).toEqual([]);
    expect(leftOut.summary.leftOut).toBe(2);
    expect(renderPlan(leftOut)).not.toContain('No changes.');
    expect(summaryLine(leftOut)).toBe(
      'No changes planned, but Anaplan may not match the desired state: 2 users left out by error findings (invalid-row 1, unknown-role 1).',
    );
    expect(renderPlan(leftOut, { format: 'markdown' })).toContain('2 users left out by error findings');
  });

  it('adds who was left out to a plan with changes, and names an unreadable source', () => {
    const withChanges = planFrom(desired([wanted('new@example.com')], [unknownRole]), observed([]));
    expect(summaryLine(withChanges)).toBe(
      'Plan: 1 to create, 0 to update, 0 to revoke/deactivate. Not planned: 1 user left out by error findings (unknown-role 1).',
    );
    const unreadable = planFrom(
      desired([], [{ kind: 'source-error', severity: 'error', message: 'access.csv: not found' }]),
      observed([]),
    );
    expect(summaryLine(unreadable)).toBe(
      'No changes planned, but Anaplan may not match the desired state: the source could not be read in full (source-error).',
    );
  });
});
