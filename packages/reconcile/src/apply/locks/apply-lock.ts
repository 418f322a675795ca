import type { AccessTarget } from '../../target/access-target.js';

/**
 * What {@link apply} asks of an {@link ApplyLock} before it writes.
 *
 * @example
 * ```ts
 * const held = await lock.acquire({ target, signal, onLost: (error) => console.error(error) });
 * try { … } finally { await held.release(); }
 * ```
 */
export interface ApplyLockRequest {
  /** The target the apply writes to; {@link inProcessLock} keys on it unless given a `key`. */
  target: AccessTarget;
  /** Stops waiting for the lock: the wait rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * Called by the lock when it is lost while held (its lock file was taken over, its database session ended): the
   * apply then starts nothing new and fails with an `ApplyFailedError` once its writes in flight have ended.
   */
  onLost(error: Error): void;
}

/**
 * A lock held by one apply.
 *
 * @example
 * ```ts
 * const held = await fileLock({ path: 'anaplan.lock' }).acquire({ target, onLost: () => {} });
 * await held.release();
 * ```
 */
export interface HeldApplyLock {
  /**
   * Gives the lock up; apply calls it once, on every exit path (success, failure, abort). Never rejects: a lock that
   * cannot be released explicitly ends by itself (a lock file goes stale, a session's advisory locks end with it).
   */
  release(): Promise<void>;
}

/**
 * Keeps two applies to the same tenant from interleaving. {@link apply} and {@link reconcile} take it before they
 * re-observe Anaplan and hold it until their last write has ended. A second apply waits up to the lock's `waitMs`
 * and is then refused with a `PlanRefusedError` whose reason is `locked`, having changed nothing.
 *
 * Three come with the package: {@link inProcessLock} (the default: one process), {@link fileLock} (processes on
 * one machine or a shared file system) and {@link postgresAdvisoryLock} (any process that reaches one PostgreSQL
 * database).
 *
 * @example
 * ```ts
 * await apply(p, { target, lock: fileLock({ path: '/var/lock/anaplan-access.lock', waitMs: 60_000 }) });
 * ```
 */
export interface ApplyLock {
  /** Names the lock in messages (for example `lock file /var/lock/anaplan-access.lock`); never holds a secret. */
  readonly description: string;
  /**
   * Takes the lock, waiting up to the lock's `waitMs`.
   *
   * @throws {PlanRefusedError} with reason `locked` when another apply still holds it after the wait.
   */
  acquire(request: ApplyLockRequest): Promise<HeldApplyLock>;
}
