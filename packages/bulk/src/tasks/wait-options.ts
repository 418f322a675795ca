// Tests: ./task-handle.test.ts
import type { Task } from './task-types.js';

/** Options of {@link TaskHandle.wait}. */
export interface WaitOptions {
  /**
   * Give up after this long and throw a `TaskTimeoutError` (the task keeps running on the server). The deadline holds
   * whatever the task does, also for a task that stays `CANCELLING`: a poll still in flight at the deadline is cut
   * (all but the first), and the error's `lastTask` names the last state polled.
   * @default 3600000 (one hour)
   */
  timeoutMs?: number | undefined;
  /**
   * Time between two polls. Anaplan asks clients to poll a task no more than once every 5 seconds; go lower only
   * against a simulator. @default 5000
   */
  intervalMs?: number | undefined;
  /** Stops waiting (not the task) with an `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Called with the task after every poll, for progress reporting. */
  onProgress?: ((task: Task) => void) | undefined;
}

/** The documented polling advice: at most one poll every 5 seconds. */
export const defaultPollIntervalMs = 5000;
/** The default `wait()` deadline. */
export const defaultWaitTimeoutMs = 60 * 60 * 1000;
