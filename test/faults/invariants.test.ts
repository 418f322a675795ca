import { reconcile } from '@anaplan-access/reconcile';
import { type SimUser, type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../helpers/access-tenant.js';
import { checkAuditAccountsForWrites, readAudit } from './audit-check.js';
import {
  connectTarget,
  faultDesired,
  faultPolicy,
  faultSeed,
  outsideUser,
  protectedUser,
} from './fault-tenant.js';
import {
  checkMatchesDesired,
  checkNeverOverGranted,
  checkNoDuplicateUsers,
  checkUntouched,
  snapshotTenant,
} from './invariants.js';
import { auditFile } from './run-scenario.js';

// The fault suite is only as good as its checks: each one must report a broken tenant.

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('the fault suite’s invariants catch what they guard against', () => {
  it('a changed protected user, an unmanaged workspace granted, access granted beyond the source, a duplicate', async () => {
    sim = await startSimulator({ seed: faultSeed() });
    const before = snapshotTenant(sim.state);
    const glass = sim.state.findUserByName(protectedUser);
    if (glass) glass.familyName = 'Tampered';
    sim.state.findUserByName(outsideUser)?.workspaces.push(ids.finance);
    sim.state.findUserByName('stay1@corp.example')?.workspaces.push(ids.other);
    const budget = sim.state.models.get(ids.budget);
    const stay1 = budget?.users.get('stay1@corp.example');
    if (stay1) stay1.selectiveAccess['Regions'] = { read: ['EMEA', 'APAC', 'AMER'], write: [] };
    sim.state.addUser({
      ...(sim.state.findUserByName('mover@corp.example') as SimUser),
      id: 'copy-of-mover',
    });
    const after = snapshotTenant(sim.state);

    expect(checkUntouched(before, after).join('\n')).toMatch(
      /glass@corp\.example changed[\s\S]*outside@corp\.example/,
    );
    expect(checkUntouched(before, after).join('\n')).toMatch(/stay1@corp\.example: an unmanaged workspace/);
    const overGranted = checkNeverOverGranted(before, after, faultDesired());
    expect(overGranted).toContain(`outside@corp.example was granted workspace ${ids.finance}`);
    expect(overGranted).toContain(
      `stay1@corp.example got read access to Regions/AMER in model ${ids.budget}`,
    );
    expect(checkNoDuplicateUsers(sim.state, before, faultDesired())).toEqual([
      'mover@corp.example exists 2 times',
    ]);
    expect(checkMatchesDesired(before, after, faultDesired()).length).toBeGreaterThan(10);
  });

  it('writes the audit log does not account for', async () => {
    sim = await startSimulator({ seed: faultSeed() });
    const connected = connectTarget(sim);
    const auditPath = auditFile('unaudited');
    try {
      // Applied without an audit sink: every write is unaccounted for.
      const { result } = await reconcile({
        desired: faultDesired(),
        target: connected.target,
        policy: faultPolicy,
      });
      expect(result?.outcome).toBe('succeeded');
    } finally {
      await connected.close();
    }
    const problems = checkAuditAccountsForWrites(sim.requests, readAudit(auditPath), sim.state, {
      complete: true,
    });
    expect(problems.join('\n')).toMatch(/POST \/scim\/1\/0\/v2\/Users[\s\S]*PATCH[\s\S]*imports/);
  });
});
