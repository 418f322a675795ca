// Tests: ../transport/transport-retry.test.ts

import { isHTTPError, type RetryOptions as KyRetryOptions } from 'ky';

/** Methods that are safe to repeat by default. */
const idempotentMethods = new Set(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);

/** Every method ky should consider; whether to retry is decided by `shouldRetry` below. */
const allMethods = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** Statuses that can be retried (408, 429 and the transient 5xx). */
const retryableStatuses = [408, 429, 500, 502, 503, 504];

/** First backoff step in ms; doubled per retry, then fully jittered by ky. */
const backoffBaseMs = 500;

/** Whether a method is idempotent by default. */
export function isIdempotentMethod(method: string): boolean {
  return idempotentMethods.has(method.toUpperCase());
}

/**
 * The ky retry options for one request. Idempotent requests use ky's checks (the statuses above, timeouts,
 * network errors); non-idempotent ones are retried only on 429, which the server did not process. `Retry-After`
 * is honoured on every retried status, capped at `maxRetryAfterMs`.
 */
export function kyRetryOptions(
  policy: { limit: number; maxRetryAfterMs: number; backoffLimitMs: number },
  idempotent: boolean,
): KyRetryOptions {
  return {
    limit: policy.limit,
    methods: allMethods,
    statusCodes: retryableStatuses,
    afterStatusCodes: retryableStatuses,
    maxRetryAfter: policy.maxRetryAfterMs,
    backoffLimit: policy.backoffLimitMs,
    delay: (attempt) => backoffBaseMs * 2 ** (attempt - 1),
    jitter: true,
    retryOnTimeout: true,
    // `undefined` hands the decision to ky's own checks (which read `Retry-After`); `false` stops.
    shouldRetry: ({ error }) => {
      if (idempotent) return undefined;
      return isHTTPError(error) && error.response.status === 429 ? undefined : false;
    },
  };
}
