import { ConfigurationError } from './errors/configuration-error.js';
import { isAbortError } from './errors/guards.js';
import { TimeoutError } from './errors/request-errors.js';
import { limitOption, longestTimer, signalOption } from './internal/listing-limits.js';

/**
 * Options of a call that makes one or a few requests (every client method that is not a listing): abort it, or
 * give it a deadline.
 *
 * @example
 * ```ts
 * const user = await scim.users.get(id, { signal: controller.signal, timeoutMs: 10_000 });
 * ```
 */
export interface CallOptions {
  /** Aborts the call (every request and wait it makes) with an `AbortError`. */
  signal?: AbortSignal | undefined;
  /**
   * Deadline of the whole call, in ms: every request, retry and wait it makes. When it passes, the request in
   * flight is aborted and the call fails with a `TimeoutError`. Each request keeps the client's `timeoutMs` (per
   * attempt) too. A positive integer, or `Number.POSITIVE_INFINITY`.
   * @default no deadline
   */
  timeoutMs?: number | undefined;
}

/**
 * Runs a call under its {@link CallOptions}: `call` gets the signal to hand to every request it makes, which fires
 * when the caller's `signal` does or when the `timeoutMs` deadline passes. A call that failed because its deadline
 * passed throws a `TimeoutError` naming the request that was cut, instead of that request's `AbortError`.
 *
 * @example
 * ```ts
 * get(id: string, options: CallOptions = {}): Promise<User> {
 *   return withCallOptions(options, (signal) => api.get(`/users/${id}`, { signal }));
 * }
 * ```
 * @throws {@link ConfigurationError} (before calling `call`) when `signal` is not an `AbortSignal` or `timeoutMs` is
 *   not a positive integer or infinity.
 */
export async function withCallOptions<T>(
  options: CallOptions | undefined,
  call: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  const { signal, timeoutMs } = checkCallOptions(options);
  if (timeoutMs === Number.POSITIVE_INFINITY) return call(signal);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), Math.min(timeoutMs, longestTimer));
  try {
    return await call(signal === undefined ? deadline.signal : AbortSignal.any([signal, deadline.signal]));
  } catch (error) {
    if (!deadline.signal.aborted || signal?.aborted || !isAbortError(error)) throw error;
    throw new TimeoutError({ method: error.method, url: error.url, timeoutMs, cause: error });
  } finally {
    clearTimeout(timer);
  }
}

function checkCallOptions(options: CallOptions | undefined): {
  signal: AbortSignal | undefined;
  timeoutMs: number;
} {
  if (options === undefined) return { signal: undefined, timeoutMs: Number.POSITIVE_INFINITY };
  if (typeof options !== 'object' || options === null)
    throw new ConfigurationError('options', 'Call options must be an object such as { signal, timeoutMs }');
  return {
    signal: signalOption('signal', options.signal),
    timeoutMs: limitOption('timeoutMs', options.timeoutMs, Number.POSITIVE_INFINITY),
  };
}
