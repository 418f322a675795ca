// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { AbortError } from '@anaplan-access/core';
import { sleep } from '@anaplan-access/core/client';

/** What {@link pollUntil} needs. @internal */
export interface PollPlan<T> {
  timeoutMs: number;
  intervalMs: number;
  signal: AbortSignal | undefined;
  /** One poll, cut with `signal`. */
  poll: (signal: AbortSignal | undefined) => Promise<T>;
  done: (value: T) => boolean;
  onProgress?: ((value: T) => void) | undefined;
  /** The error at the deadline, with the last value polled. */
  timeout: (last: T | undefined) => Error;
  /** URL named by an `AbortError` when `signal` fires between polls. */
  url: string;
}

/**
 * Polls until `done`, first after `intervalMs`, then every `intervalMs`, within `timeoutMs` whatever the server
 * does: a poll in flight at the deadline is cut (all but the first, so that the timeout names a value the server
 * gave whenever it answers in time). @internal
 */
export async function pollUntil<T>(plan: PollPlan<T>): Promise<T> {
  const deadline = Date.now() + plan.timeoutMs;
  let last: T | undefined;
  let polled = false;
  for (;;) {
    const remaining = deadline - Date.now();
    try {
      await sleep(Math.min(plan.intervalMs, Math.max(0, remaining)), plan.signal);
    } catch (reason) {
      throw new AbortError({ method: 'GET', url: plan.url, cause: reason });
    }
    if (!polled) {
      last = await plan.poll(plan.signal);
      polled = true;
    } else {
      const cut = AbortSignal.timeout(Math.max(0, deadline - Date.now()));
      try {
        last = await plan.poll(plan.signal === undefined ? cut : AbortSignal.any([plan.signal, cut]));
      } catch (error) {
        if (cut.aborted && !plan.signal?.aborted) throw plan.timeout(last);
        throw error;
      }
    }
    plan.onProgress?.(last);
    if (plan.done(last)) return last;
    if (Date.now() >= deadline) throw plan.timeout(last);
  }
}
