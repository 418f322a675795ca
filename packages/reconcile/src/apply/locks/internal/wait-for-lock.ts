// Tests: ../in-process-lock.test.ts, ../file-lock.test.ts

import { ConfigurationError } from '@anaplan-access/core';
import { sleep } from '@anaplan-access/core/client';
import { z } from 'zod';
import { type PlanRefusedError, refusePlan } from '../../../plan/plan-refused-error.js';

/** How often a lock held elsewhere (a file, a database) is tried again while waiting for it, in ms. */
const retryIntervalMs = 250;

/**
 * The refusal of an apply whose lock another apply holds.
 *
 * @param description - the lock, as its `description` says.
 * @param waitMs - how long the apply waited for it.
 */
export function lockedError(description: string, waitMs: number): PlanRefusedError {
  const refused = waitMs > 0 ? `still held after waiting ${waitMs} ms` : 'refused at once: waitMs is 0';
  return refusePlan('locked', `Another apply holds the ${description} (${refused}); nothing was changed.`);
}

/**
 * Tries `attempt` until it takes the lock (resolves to something other than undefined), every 250 ms, for at most
 * `waitMs`.
 *
 * @throws {PlanRefusedError} (`locked`) when the lock is still held elsewhere after `waitMs`.
 * @throws the signal's reason when `signal` fires while waiting.
 */
export async function waitForLock<Held>(
  attempt: () => Promise<Held | undefined>,
  options: { description: string; waitMs: number; signal?: AbortSignal | undefined },
): Promise<Held> {
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    options.signal?.throwIfAborted();
    const held = await attempt();
    if (held !== undefined) return held;
    const left = deadline - Date.now();
    if (left <= 0) throw lockedError(options.description, options.waitMs);
    await sleep(Math.min(retryIntervalMs, left), options.signal);
  }
}

/**
 * Validates the options of a lock factory with a strict zod schema.
 *
 * @throws {ConfigurationError} naming the first bad option (an unknown key with the valid ones).
 */
export function parseLockOptions<Schema extends z.ZodObject>(
  factory: string,
  schema: Schema,
  options: unknown,
): z.output<Schema> {
  const checked = schema.safeParse(options ?? {});
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0];
  if (issue?.code === 'unrecognized_keys')
    throw new ConfigurationError(
      issue.keys.join(', '),
      `${factory}: unknown option ${issue.keys.map((key) => `"${key}"`).join(', ')} (valid options: ${Object.keys(schema.shape).join(', ')})`,
    );
  const key = issue?.path.join('.') || 'options';
  throw new ConfigurationError(key, `${factory}: ${key}: ${issue?.message ?? 'invalid'}`);
}

/** `waitMs`: how long a second apply waits for the lock, in ms (0: refused at once). */
export const waitMsSchema = z.number().int().min(0).max(2_147_483_647).optional();
