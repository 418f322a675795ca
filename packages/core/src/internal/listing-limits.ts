// Tests: ../pagination.test.ts, ../call-options.test.ts, ../transport/response-limits.test.ts

import { ConfigurationError } from '../errors/configuration-error.js';

/** The longest delay `setTimeout` honours. */
export const longestTimer = 2 ** 31 - 1;

/** A number option that is a positive integer, or infinity; anything else is a {@link ConfigurationError}. */
export function limitOption(key: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !(value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value > 0))
  )
    throw new ConfigurationError(
      key,
      `${key} must be a positive integer or Number.POSITIVE_INFINITY, got ${value}`,
    );
  return value;
}

/** An `AbortSignal` option, or `undefined`; anything else is a {@link ConfigurationError}. */
export function signalOption(key: string, value: unknown): AbortSignal | undefined {
  if (value === undefined || value instanceof AbortSignal) return value;
  throw new ConfigurationError(key, `Invalid option "${key}": must be an AbortSignal`);
}

/** Waits for `promise`, or rejects with `onTimeout()` once `ms` have passed. */
export function within<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  if (ms === Number.POSITIVE_INFINITY) return promise;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(onTimeout()), Math.min(Math.max(0, ms), longestTimer));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
