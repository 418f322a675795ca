import { isConfigurationError } from '@anaplan-access/core';
import { describe, expect, it } from 'vitest';
import { desiredState, observedState, observedUser } from '../test-support/states.js';
import { plan, planFrom } from './plan.js';
import type { PlanPolicy } from './policy.js';

const observed = observedState({
  users: [observedUser('leaver@example.com', { id: 'u1', givenName: 'Lee', familyName: 'Ver' })],
});
const desired = desiredState([]);

/** The ConfigurationError `run` throws, or fails. */
function configurationError(run: () => unknown): { key: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isConfigurationError(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('plan policy validation', () => {
  it('refuses a scope that returns a Promise, naming policy.scope and the user (a Promise is never "in scope")', () => {
    const scope = (async () => false) as unknown as PlanPolicy['scope'];
    const error = configurationError(() => planFrom(desired, observed, { scope }));
    expect(error.key).toBe('policy.scope');
    expect(error.message).toContain('a Promise');
    expect(error.message).toContain('leaver@example.com');
  });

  it('refuses a scope that returns a string', () => {
    const scope = (() => 'no') as unknown as PlanPolicy['scope'];
    const error = configurationError(() => planFrom(desired, observed, { scope }));
    expect(error.key).toBe('policy.scope');
    expect(error.message).toContain('string "no"');
  });

  it('names the invalid field of the policy', () => {
    expect(
      configurationError(() => planFrom(desired, observed, { deletionGuard: { maxPercent: 101 } })).key,
    ).toBe('policy.deletionGuard.maxPercent');
    expect(
      configurationError(() => planFrom(desired, observed, { allowDestuctive: true } as PlanPolicy)).key,
    ).toBe('policy.allowDestuctive');
    expect(
      configurationError(() =>
        planFrom(desired, observed, { deletionGuard: { window: { hours: 0 } } }, undefined, []),
      ).key,
    ).toBe('policy.deletionGuard.window.hours');
  });

  it('plan() names a missing target, and a window without an audit log it can read', async () => {
    await expect(plan({ desired })).rejects.toMatchObject({ name: 'ConfigurationError', key: 'target' });
    await expect(
      plan({ desired, observed, policy: { deletionGuard: { window: { hours: 24 } } } }),
    ).rejects.toMatchObject({ name: 'ConfigurationError', key: 'audit' });
  });
});
