import { isConfigurationError } from '@anaplan-access/core';
import { describe, expect, it } from 'vitest';
import { isPlanRefusedError } from '../../plan/plan-refused-error.js';
import type { AccessTarget } from '../../target/access-target.js';
import { refusal } from '../../test-support/locks.js';
import type { ApplyLockRequest, HeldApplyLock } from './apply-lock.js';
import { inProcessLock } from './in-process-lock.js';

const target = (): AccessTarget => ({}) as AccessTarget;
const request = (on: AccessTarget, signal?: AbortSignal): ApplyLockRequest => ({
  target: on,
  signal,
  onLost: () => {},
});

describe('inProcessLock', () => {
  it('refuses a second hold of the same target at once by default, and frees it on release', async () => {
    const lock = inProcessLock();
    const tenant = target();
    const first = await lock.acquire(request(tenant));
    const refused = await refusal(lock.acquire(request(tenant)));
    expect(isPlanRefusedError(refused) && refused.reason).toBe('locked');
    expect((refused as Error).message).toMatch(
      /in-process lock of this target \(refused at once: waitMs is 0\)/,
    );
    // Another target is another tenant: not held.
    const other = await lock.acquire(request(target()));
    await Promise.all([first.release(), other.release()]);
    const again = await lock.acquire(request(tenant));
    await again.release();
  });

  it('is shared by every lock with the same key, across target objects', async () => {
    const first = await inProcessLock({ key: 'acme' }).acquire(request(target()));
    const refused = await refusal(inProcessLock({ key: 'acme' }).acquire(request(target())));
    expect(isPlanRefusedError(refused)).toBe(true);
    await first.release();
  });

  it('hands the lock to waiters in arrival order as each holder releases', async () => {
    const lock = inProcessLock({ key: 'queue', waitMs: 60_000 });
    const tenant = target();
    const order: string[] = [];
    const first = await lock.acquire(request(tenant));
    const inOrder = (label: string) => (held: HeldApplyLock) => {
      order.push(label);
      return held;
    };
    const second = lock.acquire(request(tenant)).then(inOrder('second'));
    const third = lock.acquire(request(tenant)).then(inOrder('third'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    await first.release();
    await first.release(); // a second release does nothing
    const secondHeld = await second;
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['second']);
    await secondHeld.release();
    await (await third).release();
    expect(order).toEqual(['second', 'third']);
  });

  it('refuses a waiter once waitMs has passed', async () => {
    const lock = inProcessLock({ key: 'short', waitMs: 20 });
    const first = await lock.acquire(request(target()));
    const refused = await refusal(lock.acquire(request(target())));
    expect((refused as Error).message).toMatch(/still held after waiting 20 ms/);
    await first.release();
    await (await lock.acquire(request(target()))).release();
  });

  it('stops waiting when the signal fires, and the lock then goes to nobody', async () => {
    const lock = inProcessLock({ key: 'abort', waitMs: 60_000 });
    const first = await lock.acquire(request(target()));
    const controller = new AbortController();
    const waiting = refusal(lock.acquire(request(target(), controller.signal)));
    controller.abort(new Error('shutting down'));
    expect(((await waiting) as Error).message).toBe('shutting down');
    await first.release();
    await (await lock.acquire(request(target()))).release();
  });

  it('rejects unknown and invalid options with a ConfigurationError', () => {
    expect(() => inProcessLock({ wait: 5 } as never)).toThrow(
      /unknown option "wait" \(valid options: key, waitMs\)/,
    );
    const error = (() => {
      try {
        inProcessLock({ waitMs: -1 });
      } catch (caught) {
        return caught;
      }
    })();
    expect(isConfigurationError(error) && error.key).toBe('waitMs');
  });
});
