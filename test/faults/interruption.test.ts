import { type ApplyPhase, apply, jsonLinesAuditLog, plan } from '@anaplan-access/reconcile';
import { startSimulator } from '@anaplan-access/testkit';
import { describe, expect, it } from 'vitest';
import { connectTarget, faultDesired, faultPolicy, faultSeed } from './fault-tenant.js';
import { snapshotTenant } from './invariants.js';
import { auditFile, checkAfterRun, checkConverged, reconcileOnce } from './run-scenario.js';

// A run stopped between two phases, then run again, must converge. The tenant is checked directly rather than
// through the next plan alone: a user the plan no longer sees (an active leaver left outside every managed
// workspace) would make the next plan look empty although the tenant is wrong.

const phases: ApplyPhase[] = ['update', 'grant', 'model-access', 'deactivate', 'revoke'];

describe('reconcile stopped at the start of each apply phase, then run again', () => {
  it.each(phases)('stopped as the %s phase begins', async (phase) => {
    const sim = await startSimulator({ seed: faultSeed() });
    const connected = connectTarget(sim);
    const auditPath = auditFile('interrupt');
    const before = snapshotTenant(sim.state);
    try {
      const first = await plan({ desired: faultDesired(), target: connected.target, policy: faultPolicy });
      const controller = new AbortController();
      const stopped = await apply(first, {
        target: connected.target,
        audit: jsonLinesAuditLog(auditPath),
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'phase' && event.phase === phase) controller.abort();
        },
      });
      expect(stopped.outcome).toBe('aborted');
      expect(checkAfterRun(sim, before, auditPath, { complete: true })).toEqual([]);
      expect(await reconcileOnce(connected, auditPath)).toBe('succeeded');
      expect(checkAfterRun(sim, before, auditPath, { complete: true })).toEqual([]);
      expect(await checkConverged(sim, connected, before)).toEqual([]);
    } finally {
      await connected.close();
      await sim.close();
    }
  });
});
