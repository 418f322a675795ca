import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RequestOptions, Transport } from '../client.js';
import {
  isAbortError,
  isConnectionError,
  isNotFoundError,
  isRateLimitError,
  isServerError,
  isTimeoutError,
  type Logger,
  type RetryOptions,
  staticToken,
} from '../index.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.faults.clear();
});

const route = '/2/0/retry-target';

function transport(
  retry: number | RetryOptions = { limit: 3, backoffLimitMs: 5 },
  extra: { logger?: Logger } = {},
) {
  return new Transport({
    auth: staticToken('retry-test-token'),
    baseUrls: { api: sim.apiUrl, auth: sim.authUrl, scim: sim.scimUrl, oauth: sim.oauthUrl },
    retry,
    timeoutMs: 2000,
    ...extra,
  });
}

const attempts = () => sim.requests.filter((request) => request.path === route).length;

async function failure(
  client: Transport,
  options: Partial<RequestOptions> = {},
): Promise<{ error: unknown; attempts: number; elapsedMs: number }> {
  const before = attempts();
  const startedAt = performance.now();
  let error: unknown;
  try {
    await client.request({
      api: 'api',
      method: 'GET',
      path: '/retry-target',
      authenticated: false,
      ...options,
    });
  } catch (caught) {
    error = caught;
  }
  if (error === undefined) throw new Error('expected the request to fail');
  return { error, attempts: attempts() - before, elapsedMs: performance.now() - startedAt };
}

describe('retry counts', () => {
  it('GET against an always-503 server makes limit + 1 attempts', async () => {
    sim.faults.failNext({ status: 503, count: 100, route });
    const result = await failure(transport());
    expect(isServerError(result.error)).toBe(true);
    expect(result.attempts).toBe(4);
  });

  it('retry: 0 and { limit: 0 } mean exactly one attempt', async () => {
    sim.faults.failNext({ status: 503, count: 100, route });
    expect((await failure(transport(0))).attempts).toBe(1);
    expect((await failure(transport({ limit: 0 }))).attempts).toBe(1);
  });

  it('a per-call retry overrides the limit', async () => {
    sim.faults.failNext({ status: 503, count: 100, route });
    expect((await failure(transport(), { retry: 1 })).attempts).toBe(2);
  });

  it.each(['POST', 'PATCH'] as const)(
    '%s against an always-503 server makes exactly one attempt',
    async (method) => {
      sim.faults.failNext({ status: 503, count: 100, route });
      const result = await failure(transport(), { method, json: { a: 1 } });
      expect(isServerError(result.error)).toBe(true);
      expect(result.attempts).toBe(1);
    },
  );

  it('a POST marked idempotent is retried like a GET', async () => {
    sim.faults.failNext({ status: 502, count: 100, route });
    expect((await failure(transport(), { method: 'POST', idempotent: true })).attempts).toBe(4);
  });

  it('a GET marked not idempotent is not retried after 5xx', async () => {
    sim.faults.failNext({ status: 500, count: 100, route });
    expect((await failure(transport(), { idempotent: false })).attempts).toBe(1);
  });

  it('a POST is retried after 429 (the server did not process it), and warns on every 429', async () => {
    sim.faults.failNext({ status: 429, count: 100, route, retryAfter: 0 });
    const warnings: Record<string, unknown>[] = [];
    const logger: Logger = { debug() {}, info() {}, error() {}, warn: (fields) => warnings.push(fields) };
    const result = await failure(transport({ limit: 3, backoffLimitMs: 5 }, { logger }), { method: 'POST' });
    expect(isRateLimitError(result.error)).toBe(true);
    expect(isRateLimitError(result.error) && result.error.retryAfterMs).toBe(0);
    expect(result.attempts).toBe(4);
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toMatchObject({ method: 'POST', status: 429, attempt: 1, retryAfterMs: 0 });
  });

  it('does not retry 4xx other than 408 and 429', async () => {
    sim.faults.failNext({ status: 400, count: 100, route });
    expect((await failure(transport())).attempts).toBe(1);
    sim.faults.clear().failNext({ status: 408, count: 100, route });
    expect((await failure(transport())).attempts).toBe(4);
  });
});

describe('Retry-After', () => {
  it('honours seconds', async () => {
    sim.faults.failNext({ status: 429, count: 1, route, retryAfter: 1 });
    const result = await failure(transport({ limit: 3, backoffLimitMs: 1 }));
    expect(isNotFoundError(result.error)).toBe(true);
    expect(result.attempts).toBe(2);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(950);
  });

  it('honours an HTTP-date', async () => {
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
    sim.faults.failNext({ status: 503, count: 1, route, retryAfter: inTwoSeconds });
    const result = await failure(transport({ limit: 3, backoffLimitMs: 1 }));
    expect(result.attempts).toBe(2);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(900);
    expect(result.elapsedMs).toBeLessThan(2500);
  });

  it('caps the wait at maxRetryAfterMs', async () => {
    sim.faults.failNext({ status: 429, count: 1, route, retryAfter: 120 });
    const result = await failure(transport({ limit: 3, maxRetryAfterMs: 300, backoffLimitMs: 1 }));
    expect(result.attempts).toBe(2);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(280);
    expect(result.elapsedMs).toBeLessThan(2000);
  });
});

describe('timeouts, resets and aborts', () => {
  it('retries a timed-out GET but never a timed-out POST', async () => {
    sim.faults.latency({ ms: 400, route });
    const get = await failure(transport(), { timeoutMs: 100 });
    expect(isTimeoutError(get.error)).toBe(true);
    expect(get.attempts).toBe(4);
    const post = await failure(transport(), { method: 'POST', timeoutMs: 100 });
    expect(isTimeoutError(post.error)).toBe(true);
    expect(post.attempts).toBe(1);
  });

  it('retries a reset connection for a GET but never for a POST', async () => {
    sim.faults.resetNext({ count: 100, route });
    const get = await failure(transport());
    expect(isConnectionError(get.error)).toBe(true);
    expect(get.attempts).toBe(4);
    const post = await failure(transport(), { method: 'POST' });
    expect(isConnectionError(post.error)).toBe(true);
    expect(post.attempts).toBe(1);
  });

  it('an abort during a retry wait is an AbortError and stops retrying', async () => {
    sim.faults.failNext({ status: 503, count: 100, route, retryAfter: 30 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const result = await failure(transport(), { signal: controller.signal });
    expect(isAbortError(result.error)).toBe(true);
    expect(result.attempts).toBe(1);
    expect(result.elapsedMs).toBeLessThan(2000);
  });

  it('an aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await failure(transport(), { signal: controller.signal });
    expect(isAbortError(result.error)).toBe(true);
    expect(result.attempts).toBe(0);
  });

  it('an abort while the response is slow is an AbortError, not retried', async () => {
    sim.faults.latency({ ms: 1000, route });
    const result = await failure(transport(), { signal: AbortSignal.timeout(100) });
    expect(isAbortError(result.error)).toBe(true);
    expect(result.attempts).toBe(1);
  });
});
