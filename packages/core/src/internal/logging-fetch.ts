// Tests: ../transport/transport.test.ts

import type { Logger } from '../logger.js';
import { redactUrl } from './redaction.js';
import { parseRetryAfter } from './retry-after.js';

/** Response headers that may carry a request id, in lookup order. */
const requestIdHeaders = ['x-request-id', 'request-id', 'x-correlation-id', 'x-amzn-requestid'];

/** The server's request id of a response, if it sent one. */
export function requestIdOf(response: Response): string | undefined {
  for (const name of requestIdHeaders) {
    const value = response.headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/**
 * The `fetch` ky calls for each attempt of one request: it counts attempts and logs a `debug` line per attempt and
 * per response (a `warn` for every 429), with the method, redacted URL, status, attempt number and duration.
 */
export function createLoggingFetch(
  fetchImplementation: typeof globalThis.fetch,
  logger: Logger,
  method: string,
  url: string,
): (input: Request | URL | string, init?: RequestInit) => Promise<Response> {
  const loggedUrl = redactUrl(url);
  let attempt = 0;
  return async (input, init) => {
    attempt += 1;
    const startedAt = performance.now();
    const elapsed = () => Math.round(performance.now() - startedAt);
    logger.debug({ method, url: loggedUrl, attempt }, 'HTTP request');
    try {
      const response = await fetchImplementation(input, init);
      const fields = {
        method,
        url: loggedUrl,
        status: response.status,
        attempt,
        durationMs: elapsed(),
        requestId: requestIdOf(response),
      };
      if (response.status === 429) {
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        logger.warn({ ...fields, retryAfterMs }, 'Rate limited');
      } else {
        logger.debug(fields, 'HTTP response');
      }
      return response;
    } catch (error) {
      const name = error instanceof Error ? error.name : typeof error;
      logger.debug(
        { method, url: loggedUrl, attempt, durationMs: elapsed(), error: name },
        'HTTP request failed',
      );
      throw error;
    }
  };
}
