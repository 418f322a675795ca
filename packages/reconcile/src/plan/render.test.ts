import { describe, expect, it } from 'vitest';
import type { DesiredState, DesiredUser } from '../desired/desired-state.js';
import type { Finding } from '../findings.js';
import type { ObservedState, ObservedUser } from '../target/observed-state.js';
import { desiredState, desiredUser, observedState, observedUser } from '../test-support/states.js';
import { planFrom } from './plan.js';
import { renderPlan, summaryLine } from './render.js';

const wanted = (userName: string): DesiredUser =>
  desiredUser(userName, { refs: [{ source: 'access.csv', row: 2 }] });
const observed = (users: ObservedUser[]): ObservedState => observedState({ users });
const desired = (users: DesiredUser[], findings: Finding[] = []): DesiredState =>
  desiredState(users, { source: 'access.csv', findings });
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
