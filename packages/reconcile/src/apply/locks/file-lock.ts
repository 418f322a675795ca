import { resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import type { ApplyLock, ApplyLockRequest, HeldApplyLock } from './apply-lock.js';
import { parseLockOptions, waitForLock, waitMsSchema } from './internal/wait-for-lock.js';

/**
 * Options of {@link fileLock}.
 *
 * @example
 * ```ts
 * const options: FileLockOptions = { path: '/var/lock/anaplan-access.lock', waitMs: 60_000 };
 * ```
 */
export interface FileLockOptions {
  /**
   * The lock's path, the same for every process that must take turns (its parent directory must exist). While the
   * lock is held, a directory of that name exists; it is removed on release.
   */
  path: string;
  /** How long a second apply waits for the lock, in ms (it tries again every 250 ms); 0 refuses it at once. @default 0 */
  waitMs?: number | undefined;
  /**
   * After how many ms without a refresh the lock counts as abandoned (its process died) and may be taken over. The
   * holder refreshes it every `staleMs / 2`; a holder whose lock was taken over all the same (its event loop was
   * blocked that long) stops its apply. At least 2000. @default 30000
   */
  staleMs?: number | undefined;
}

const optionsSchema = z.strictObject({
  path: z.string().min(1),
  waitMs: waitMsSchema,
  staleMs: z.number().int().min(2_000).max(2_147_483_647).optional(),
});

/**
 * An {@link ApplyLock} held as a lock file through `proper-lockfile`: processes on one machine, or on machines that
 * share the file system, take turns. A lock left by a process that died is taken over once stale (`staleMs`).
 *
 * @example
 * ```ts
 * const lock = fileLock({ path: '/var/lock/anaplan-access.lock', waitMs: 10 * 60_000 });
 * const { result } = await reconcile({ desired, target, policy, lock });
 * ```
 * @throws {ConfigurationError} for unknown or invalid options.
 * @group Audit log and locks
 */
export function fileLock(options: FileLockOptions): ApplyLock {
  const { path, waitMs = 0, staleMs = 30_000 } = parseLockOptions('fileLock', optionsSchema, options);
  const lockPath = resolve(path);
  const description = `lock file ${lockPath}`;
  return {
    description,
    async acquire(request: ApplyLockRequest): Promise<HeldApplyLock> {
      let lost = false;
      const release = await waitForLock(
        async () => {
          try {
            return await lockfile.lock(lockPath, {
              realpath: false,
              lockfilePath: lockPath,
              stale: staleMs,
              retries: 0,
              onCompromised(error) {
                // Without this handler proper-lockfile throws from a timer, which ends the process.
                lost = true;
                request.onLost(error);
              },
            });
          } catch (error) {
            if ((error as { code?: unknown }).code === 'ELOCKED') return undefined;
            throw error;
          }
        },
        { description, waitMs, signal: request.signal },
      );
      let released = false;
      return {
        async release() {
          if (released || lost) return;
          released = true;
          // A lock that cannot be removed goes stale and is taken over after staleMs.
          await release().catch(() => {});
        },
      };
    },
  };
}
