import type { DesiredState } from '../desired-state.js';
import type { ObservedState } from '../observed-state.js';
import { fingerprint } from './fingerprint.js';

/** Fingerprint of an observation, ignoring when it was taken and the order users came in. */
export function fingerprintObserved(observed: ObservedState): string {
  const { observedAt: _observedAt, ...rest } = observed;
  return fingerprint({
    ...rest,
    users: [...observed.users]
      .map((user) => ({ ...user, workspaces: [...user.workspaces].sort() }))
      .sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0)),
  });
}

/** Fingerprint of the desired users, ignoring which source rows they came from. */
export function fingerprintDesired(desired: DesiredState): string {
  return fingerprint(desired.users.map(({ refs: _refs, ...user }) => user));
}
