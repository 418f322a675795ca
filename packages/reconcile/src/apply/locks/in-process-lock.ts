import { z } from 'zod';
import type { ApplyLock, ApplyLockRequest, HeldApplyLock } from './apply-lock.js';
import { lockedError, parseLockOptions, waitMsSchema } from './internal/wait-for-lock.js';

/**
 * Options of {@link inProcessLock}.
 *
 * @example
 * ```ts
 * const options: InProcessLockOptions = { key: 'acme-production', waitMs: 60_000 };
 * ```
 */
export interface InProcessLockOptions {
  /**
   * Names what is locked, for example the tenant: applies through different target objects with the same key run
   * one at a time. @default the target object of the apply
   */
  key?: string | undefined;
  /** How long a second apply waits for the lock, in ms; 0 refuses it at once. @default 0 */
  waitMs?: number | undefined;
}

interface Waiter {
  grant(): void;
}

/** Locks held in this process, by key (a string or a target object), each with the applies waiting for it. */
const held = new Map<unknown, Waiter[]>();

const optionsSchema = z.strictObject({ key: z.string().min(1).optional(), waitMs: waitMsSchema });

/**
 * An {@link ApplyLock} for one process, the default of {@link apply} and {@link reconcile}: two applies through the
 * same target object (or with the same `key`) never interleave. A waiting apply gets the lock as soon as the one
 * before it releases it, first come first served. It does not see applies in other processes: use
 * {@link fileLock} or {@link postgresAdvisoryLock} for those.
 *
 * @example
 * ```ts
 * const lock = inProcessLock({ key: 'acme-production', waitMs: 5 * 60_000 });
 * await Promise.all([apply(first, { target, lock }), apply(second, { target: otherTarget, lock })]); // one after the other
 * ```
 * @throws {ConfigurationError} for unknown or invalid options.
 * @group Audit log and locks
 */
export function inProcessLock(options: InProcessLockOptions = {}): ApplyLock {
  const { key, waitMs = 0 } = parseLockOptions('inProcessLock', optionsSchema, options);
  const description = key === undefined ? 'in-process lock of this target' : `in-process lock "${key}"`;
  return {
    description,
    acquire(request: ApplyLockRequest): Promise<HeldApplyLock> {
      request.signal?.throwIfAborted();
      const lockKey = key ?? request.target;
      const waiters = held.get(lockKey);
      if (waiters === undefined) {
        held.set(lockKey, []);
        return Promise.resolve(holding(lockKey));
      }
      if (waitMs === 0) return Promise.reject(lockedError(description, waitMs));
      return new Promise((resolve, reject) => {
        const { signal } = request;
        const leave = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
        };
        const onAbort = () => {
          leave();
          reject(signal?.reason);
        };
        const waiter: Waiter = {
          grant() {
            leave();
            resolve(holding(lockKey));
          },
        };
        const timer = setTimeout(() => {
          leave();
          reject(lockedError(description, waitMs));
        }, waitMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.push(waiter);
      });
    },
  };
}

/** The hold of `lockKey`: its release hands the lock to the next waiter, or frees it. Releasing twice does nothing. */
function holding(lockKey: unknown): HeldApplyLock {
  let released = false;
  return {
    release() {
      if (!released) {
        released = true;
        const next = held.get(lockKey)?.[0];
        if (next) next.grant();
        else held.delete(lockKey);
      }
      return Promise.resolve();
    },
  };
}
