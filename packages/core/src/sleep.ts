// Tests: ./transport/rate-limit-pause.test.ts, ./auth/oauth-auth.test.ts

/**
 * Waits `ms`; rejects with the signal's reason as soon as `signal` aborts (at once when it already has).
 *
 * @example
 * ```ts
 * await sleep(250, options.signal);
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
