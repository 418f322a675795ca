import { describe, expect, it } from 'vitest';
import { desiredState, desiredUser, observedState, observedUser } from '../test-support/states.js';
import { planDigest } from './internal/plan-digest.js';
import { parsePlan } from './parse-plan.js';
import { planFrom } from './plan.js';
import { isPlanRefusedError } from './plan-refused-error.js';
import type { Plan } from './plan-types.js';
import { renderPlan } from './render.js';

const names = Array.from({ length: 30 }, (_, index) => `u${index}@example.com`);

/** A plan that creates one user. */
const creating = (): Plan => planFrom(desiredState([desiredUser('new@example.com')]), observedState());

/** A plan blocked by the deletion guard: 30 leavers out of 30 users in scope. */
function blockedPlan(): Plan {
  return planFrom(desiredState([]), observedState({ users: names.map((name) => observedUser(name)) }), {
    allowEmptySource: true,
  });
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
    const p = creating();
    const { digest: _other, ...rest } = p;
    const lower = { ...rest, guard: { ...rest.guard, maxCount: 1000 } };
    expect(refusal(JSON.stringify({ ...lower, digest: planDigest(lower) })).reason).toBe('tampered');
  });

  it('refuses a saved plan with an operation added, or its counts edited', () => {
    const p = creating();
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
