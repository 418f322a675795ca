import { type AuditEntry, type AuditSink, apply, isApplyFailedError, plan } from '@anaplan-access/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import { type AccessTenant, startAccessTenant } from '../helpers/access-tenant.js';
import { patchesSent, renameDesired, renameSeed, trackedTarget } from './apply-tenant.js';

// §6 of issue 12: no write without its audit record, no write after failure. Sixty renames (one SCIM PATCH each)
// under concurrency 8; the audit sink or the caller's callback fails part-way. Before the fix apply() rejected at
// once while the other operations went on: dozens of PATCHes reached Anaplan after the rejection, and the caller
// never learnt of them.

const users = 60;
let tenant: AccessTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

/** An audit sink that keeps what it stored and fails the `failAt`-th write (1-based), once, as `how` says. */
function failingSink(failAt: number, how: 'rejects' | 'throws') {
  const stored: AuditEntry[] = [];
  let writes = 0;
  const sink: AuditSink = {
    write(entry) {
      writes += 1;
      if (writes === failAt) {
        const error = new Error('disk full');
        if (how === 'throws') throw error;
        return Promise.reject(error);
      }
      stored.push(entry);
      return Promise.resolve();
    },
  };
  return { sink, stored };
}

async function renamePlan() {
  tenant = await startAccessTenant(renameSeed(users));
  const made = await plan({ desired: renameDesired(users), target: tenant.target });
  expect(made.operations.filter((operation) => operation.kind === 'user.update')).toHaveLength(users);
  return { made, sim: tenant.sim, target: trackedTarget(tenant.target) };
}

describe('apply stops writing when the audit sink fails', () => {
  it.each(['rejects', 'throws'] as const)(
    'an audit write that %s: nothing starts after it, in-flight writes are awaited, the error lists what was done',
    async (how) => {
      const { made, sim, target } = await renamePlan();
      const { sink, stored } = failingSink(12, how);
      let inFlightAtRejection = -1;
      let requestsAtRejection = -1;
      const error = await apply(made, { target, audit: sink, concurrency: 8, verifyFingerprint: false }).then(
        () => undefined,
        (rejection: unknown) => {
          inFlightAtRejection = target.inFlight;
          requestsAtRejection = sim.requests.length;
          return rejection;
        },
      );
      await target.quiet(sim);

      expect(inFlightAtRejection).toBe(0);
      expect(patchesSent(sim, requestsAtRejection)).toBe(0);
      expect(isApplyFailedError(error)).toBe(true);
      if (!isApplyFailedError(error)) return;
      expect(error.message).toMatch(/audit/i);
      expect((error.cause as Error).message).toBe('disk full');
      const { result } = error;
      expect(result.outcome).toBe('failed');
      // Every PATCH Anaplan received is listed as done; nothing else is.
      const sent = patchesSent(sim);
      expect(result.counts.succeeded + result.counts.failed).toBe(sent);
      expect(sent).toBeGreaterThan(0);
      expect(sent).toBeLessThan(users);
      expect(result.counts.aborted).toBe(users - sent);
      expect(
        result.results.every((entry) => entry.status !== 'aborted' || /audit/.test(entry.error ?? '')),
      ).toBe(true);
      // No write without its audit record: each operation that was sent has its `started` line.
      const started = new Set(
        stored.filter((entry) => entry.outcome === 'started').map((entry) => entry.operationId),
      );
      for (const entry of result.results)
        if (entry.status === 'succeeded' || entry.status === 'failed')
          expect(started.has(entry.operationId)).toBe(true);
      // The tenant agrees with the result: exactly the users reported renamed were renamed.
      const renamed = [...sim.state.users.values()].filter((user) => user.familyName === 'New').length;
      expect(renamed).toBe(result.counts.succeeded);
    },
  );
});
