// Tests: ../transport/transport-retry.test.ts, ../transport/response-limits.test.ts

import { isAnaplanAccessError } from '../errors/guards.js';
import { boundErrorBody, maxErrorBodyBytes } from './bounded-error-body.js';

/** The limits of one call: its per-attempt deadline and the most bytes of a body read into memory. */
export interface CallLimits {
  timeoutMs: number;
  maxBytes: number;
  /** When (`performance.now()`) the latest attempt started: its deadline is `timeoutMs` later. */
  attemptStartedAt: number;
}

/**
 * Something an injected `fetch` threw that is neither a network failure (a `TypeError`) nor an abort: the transport
 * turns it into a `ConnectionError`, redacted like every other failure. `cause` is what was thrown.
 */
export class ForeignFetchFailure extends Error {
  constructor(cause: unknown) {
    super('the fetch implementation failed', { cause });
  }
}

type Fetch = (input: Request | URL | string, init?: RequestInit) => Promise<Response>;

/**
 * Wraps the `fetch` of one call: each attempt notes when it started (its deadline is `timeoutMs` later), and the body
 * of an error answer, which ky reads itself, is cut at the byte limit (at most 1 MiB) and at that deadline (see
 * {@link boundErrorBody}). A failure that is not a network failure or an abort is thrown as a
 * {@link ForeignFetchFailure}.
 *
 * @example
 * ```ts
 * const fetch = boundedAttempts(globalThis.fetch, { timeoutMs: 30_000, maxBytes: 1 << 26, attemptStartedAt: 0 });
 * ```
 */
export function boundedAttempts(send: Fetch, limits: CallLimits): Fetch {
  return async (input, init) => {
    limits.attemptStartedAt = performance.now();
    let response: Response;
    try {
      response = await send(input, init);
    } catch (error) {
      // An aborted fetch rejects with the signal's reason, whatever it is: that stays an abort.
      const aborted = (input instanceof Request && input.signal.aborted) || init?.signal?.aborted === true;
      const name = error instanceof Error ? error.name : undefined;
      const known = name === 'TypeError' || name === 'AbortError' || name === 'TimeoutError';
      if (aborted || known || isAnaplanAccessError(error)) throw error;
      throw new ForeignFetchFailure(error);
    }
    return boundErrorBody(
      response,
      Math.min(limits.maxBytes, maxErrorBodyBytes),
      limits.attemptStartedAt + limits.timeoutMs,
    );
  };
}
