// Tests: ./oauth-routes.test.ts

import { randomBytes, randomInt } from 'node:crypto';
import type { SimulatorContext } from '../internal/context.js';
import type { SimDeviceAuthorization, TenantState } from '../state.js';

/** What a person decides on the verification page. */
export type DeviceDecision = 'approve' | 'deny';

/** RFC 8628 §6.1: consonants only, so no words are spelled and nothing is mistaken for a digit. */
const userCodeAlphabet = 'BCDFGHJKLMNPQRSTVWXZ';

/** Starts a device authorization for `clientId` and stores it in `state.deviceAuthorizations`. */
export function startDeviceAuthorization(
  context: SimulatorContext,
  clientId: string,
  scope: string,
): SimDeviceAuthorization {
  const { deviceCodeIntervalSeconds, deviceCodeExpiresInSeconds } = context.state.switches;
  const authorization: SimDeviceAuthorization = {
    deviceCode: randomBytes(24).toString('base64url'),
    userCode: newUserCode(context.state),
    clientId,
    scope,
    expiresAt: context.now() + deviceCodeExpiresInSeconds * 1000,
    intervalMs: deviceCodeIntervalSeconds * 1000,
    lastPolledAt: undefined,
    status: 'pending',
  };
  context.state.deviceAuthorizations.set(authorization.deviceCode, authorization);
  return authorization;
}

/**
 * Approves or denies pending device authorizations, as the person at the verification page would. `userCode` is
 * compared without case and dashes; `'all'` decides every pending one.
 *
 * @returns how many authorizations were decided
 * @throws Error when a specific `userCode` names no pending authorization
 */
export function decideDeviceAuthorizations(
  state: TenantState,
  userCode: string,
  decision: DeviceDecision,
): number {
  const wanted = normalize(userCode);
  let decided = 0;
  for (const authorization of state.deviceAuthorizations.values()) {
    if (authorization.status !== 'pending') continue;
    if (userCode !== 'all' && normalize(authorization.userCode) !== wanted) continue;
    authorization.status = decision === 'approve' ? 'approved' : 'denied';
    decided += 1;
  }
  if (decided === 0 && userCode !== 'all') {
    throw new Error(`No pending device authorization has the user code ${userCode}`);
  }
  return decided;
}

function normalize(userCode: string): string {
  return userCode.replace(/-/g, '').toUpperCase();
}

function newUserCode(state: TenantState): string {
  for (;;) {
    let code = '';
    for (let index = 0; index < 8; index += 1) code += userCodeAlphabet[randomInt(userCodeAlphabet.length)];
    const formatted = `${code.slice(0, 4)}-${code.slice(4)}`;
    const taken = [...state.deviceAuthorizations.values()].some(
      (authorization) => authorization.userCode === formatted,
    );
    if (!taken) return formatted;
  }
}
