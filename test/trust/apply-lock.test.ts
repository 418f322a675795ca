import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AuditSink,
  apply,
  fileLock,
  isApplyFailedError,
  isPlanRefusedError,
  plan,
  reconcile,
} from '@anaplan-access/reconcile';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { connectTarget } from '../faults/fault-tenant.js';
import { type AccessTenant, startAccessTenant } from '../helpers/access-tenant.js';
import { gate, patchesSent, renameDesired, renameSeed, settle, trackedTarget } from './apply-tenant.js';

// §7 of issue 12: two applies cannot interleave. Before the fix a second apply (or reconcile) started at once,
// observed Anaplan while the first was half-way, and sent its own copy of the same writes.

const users = 20;
const directory = mkdtempSync(join(tmpdir(), 'apply-lock-'));
let tenant: AccessTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const outcomeOf = (promise: Promise<unknown>) =>
  promise.then(
    (value) => value,
    (error: unknown) => error,
  );

describe('two applies of the same tenant', () => {
  it('by default, a second apply through the same target is refused while the first writes, sending nothing', async () => {
    tenant = await startAccessTenant(renameSeed(users));
    const saved = await plan({ desired: renameDesired(users), target: tenant.target });
    const held = gate();
    const target = trackedTarget(tenant.target, held.wait);
    const first = apply(saved, { target });
    await held.reached;
    const requests = tenant.sim.requests.length;
    let settled = false;
    const second = outcomeOf(apply(saved, { target })).finally(() => {
      settled = true;
    });
    try {
      // Refused at once (with the lock), or it observes and reaches the gate too (without).
      await vi.waitFor(() => expect(settled || (target.started.observe ?? 0) > 1).toBe(true), {
        interval: 5,
      });
      expect(target.started.observe).toBe(1);
      expect(tenant.sim.requests.length).toBe(requests);
    } finally {
      held.open();
    }
    const refused = await second;
    expect(isPlanRefusedError(refused) && refused.reason).toBe('locked');
    expect((await first).outcome).toBe('succeeded');
    expect(patchesSent(tenant.sim)).toBe(users);
  });

  it('two reconciles sharing a lock file take turns: the second waits, then finds nothing left to do', async () => {
    tenant = await startAccessTenant(renameSeed(users));
    const path = join(directory, 'turns.lock');
    const held = gate();
    const firstTarget = trackedTarget(tenant.target, held.wait);
    const other = connectTarget(tenant.sim);
    try {
      const secondTarget = trackedTarget(other.target);
      const first = reconcile({
        desired: renameDesired(users),
        target: firstTarget,
        lock: fileLock({ path }),
      });
      await held.reached;
      expect(existsSync(path)).toBe(true);
      const second = reconcile({
        desired: renameDesired(users),
        target: secondTarget,
        lock: fileLock({ path, waitMs: 60_000 }),
      });
      await settle();
      const observedMeanwhile = secondTarget.started.observe ?? 0;
      held.open();
      const [done, waited] = await Promise.all([first, second]);
      expect(observedMeanwhile).toBe(0);
      expect(done.result?.outcome).toBe('succeeded');
      // It observed after the first had finished: the plan is empty, nothing is applied twice.
      expect(waited.plan.operations).toEqual([]);
      expect(waited.result).toBeUndefined();
      expect(patchesSent(tenant.sim)).toBe(users);
      expect(existsSync(path)).toBe(false);
    } finally {
      held.open();
      await other.close();
    }
  });

  it('the lock file is released when an apply fails or is aborted: the next one takes it at once', async () => {
    tenant = await startAccessTenant(renameSeed(users));
    const path = join(directory, 'released.lock');
    const lock = fileLock({ path });
    const heldDuringRun: boolean[] = [];
    let writes = 0;
    const failingAudit: AuditSink = {
      write: async () => {
        heldDuringRun.push(existsSync(path));
        writes += 1;
        if (writes === 6) throw new Error('audit volume full');
      },
    };
    const failed = await outcomeOf(
      reconcile({ desired: renameDesired(users), target: tenant.target, lock, audit: failingAudit }),
    );
    expect(isApplyFailedError(failed) && failed.result.outcome).toBe('failed');
    expect(existsSync(path)).toBe(false);

    const controller = new AbortController();
    const aborted = await reconcile({
      desired: renameDesired(users),
      target: tenant.target,
      lock,
      signal: controller.signal,
      onEvent: (event) => {
        heldDuringRun.push(existsSync(path));
        if (event.type === 'operation') controller.abort();
      },
    });
    expect(aborted.result?.outcome).toBe('aborted');
    expect(existsSync(path)).toBe(false);

    const finished = await reconcile({ desired: renameDesired(users), target: tenant.target, lock });
    expect(finished.result?.outcome).toBe('succeeded');
    expect(existsSync(path)).toBe(false);
    expect(heldDuringRun.length).toBeGreaterThan(0);
    expect(heldDuringRun.every(Boolean)).toBe(true);
    expect(patchesSent(tenant.sim)).toBe(users);
  });
});

describe('a lock file shared with another process', () => {
  const child = fileURLToPath(new URL('./apply-lock-child.ts', import.meta.url));
  const hooks = fileURLToPath(new URL('../faults/source-hooks.mjs', import.meta.url));

  /** The next message the child sends. */
  const nextMessage = (process: ChildProcess) =>
    new Promise<string>((resolve, reject) => {
      process.once('message', (message) => resolve(String(message)));
      process.once('exit', (code) =>
        reject(new Error(`the child exited (${code}) before sending a message`)),
      );
    });

  it('while a child process holds it, an apply here is refused at once or waits its turn', async () => {
    tenant = await startAccessTenant(renameSeed(users));
    const { sim } = tenant;
    const path = join(directory, 'processes.lock');
    const urls = JSON.stringify({ authUrl: sim.authUrl, apiUrl: sim.apiUrl, scimUrl: sim.scimUrl });
    const running = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', '--import', hooks, child, urls, path, String(users)],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    try {
      expect(await nextMessage(running)).toBe('holding');
      const requests = sim.requests.length;
      const refused = await outcomeOf(
        reconcile({ desired: renameDesired(users), target: tenant.target, lock: fileLock({ path }) }),
      );
      expect(isPlanRefusedError(refused) && refused.reason).toBe('locked');
      expect(sim.requests.length).toBe(requests);

      const target = trackedTarget(tenant.target);
      const waiting = reconcile({
        desired: renameDesired(users),
        target,
        lock: fileLock({ path, waitMs: 60_000 }),
      });
      await settle();
      expect(target.started.observe ?? 0).toBe(0);
      const childOutcome = nextMessage(running);
      running.send('go');
      expect(await childOutcome).toBe('succeeded');
      const { plan: after, result } = await waiting;
      expect(after.operations).toEqual([]);
      expect(result).toBeUndefined();
      expect(patchesSent(sim)).toBe(users);
    } finally {
      if (running.exitCode === null) running.kill();
    }
  });
});
