// Tests: test/trust/apply-lock.test.ts, test/postgres/apply-lock.postgres.test.ts

import { ConfigurationError } from '@anaplan-access/core';
import type { AccessTarget } from '../../../target/access-target.js';
import type { ApplyLock } from '../apply-lock.js';
import { inProcessLock } from '../in-process-lock.js';

/** The lock of an apply given none. */
const defaultLock = inProcessLock();

/** Tells whoever runs under a held lock that it was lost; a listener added after the loss hears of it at once. */
export class LockWatch {
  #lost: Error | undefined;
  readonly #listeners: ((error: Error) => void)[] = [];

  /** Records the loss (the first one) and tells the listeners. */
  readonly report = (error: Error): void => {
    if (this.#lost) return;
    this.#lost = error;
    for (const listener of this.#listeners.splice(0)) listener(error);
  };

  onLost(listener: (error: Error) => void): void {
    if (this.#lost) listener(this.#lost);
    else this.#listeners.push(listener);
  }
}

/**
 * Runs `work` holding `lock` (the in-process default when undefined) and releases it on every exit path.
 *
 * @throws {PlanRefusedError} (`locked`) when another apply holds the lock; `work` does not run.
 * @throws {ConfigurationError} when `lock` is not an {@link ApplyLock}.
 */
export async function withApplyLock<Result>(
  lock: ApplyLock | undefined,
  request: { target: AccessTarget; signal?: AbortSignal | undefined },
  work: (watch: LockWatch) => Promise<Result>,
): Promise<Result> {
  if (lock !== undefined && typeof (lock as { acquire?: unknown } | null)?.acquire !== 'function')
    throw new ConfigurationError(
      'lock',
      'lock: must be an ApplyLock (inProcessLock(), fileLock(…), postgresAdvisoryLock(…))',
    );
  const watch = new LockWatch();
  const held = await (lock ?? defaultLock).acquire({ ...request, onLost: watch.report });
  try {
    return await work(watch);
  } finally {
    // The interface says release never rejects; one that does must not hide the apply's own result or error.
    await held.release().catch(() => undefined);
  }
}

/**
 * A lock already held by the caller (reconcile holds its lock from observation to the last write): acquiring it
 * succeeds at once, releasing it leaves it to the caller, and a loss the caller hears of is passed on.
 */
export function alreadyHeld(watch: LockWatch, description: string): ApplyLock {
  return {
    description,
    acquire(request) {
      watch.onLost(request.onLost);
      return Promise.resolve({ release: () => Promise.resolve() });
    },
  };
}
