import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Transport } from '../client.js';
import { isNotFoundError, type Logger, staticToken } from '../index.js';

// A 429 speaks for the whole client: requests that start after one with Retry-After wait until it has passed,
// instead of each being refused in turn.

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

/** A transport, and how many 429s it has received (its logger warns on each). */
function transport(): { client: Transport; rateLimited: () => number } {
  let warnings = 0;
  const logger: Logger = {
    debug() {},
    info() {},
    error() {},
    warn: () => {
      warnings += 1;
    },
  };
  const client = new Transport({
    auth: staticToken('pause-test-token'),
    baseUrls: { api: sim.apiUrl, auth: sim.authUrl, scim: sim.scimUrl, oauth: sim.oauthUrl },
    retry: { limit: 3, backoffLimitMs: 5 },
    logger,
  });
  return { client, rateLimited: () => warnings };
}

const get = (client: Transport, path: string) =>
  client.request({ api: 'api', method: 'GET', path, authenticated: false }).catch((error: unknown) => error);
const seen = (path: string, status?: number) =>
  sim.requests.some(
    (request) => request.path === `/2/0${path}` && (status === undefined || request.status === status),
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt += 1) await sleep(10);
  if (!condition()) throw new Error('condition not met');
}

describe('after a 429 with Retry-After', () => {
  it('holds requests that start later until the Retry-After has passed', async () => {
    sim.faults.failNext({ status: 429, count: 1, route: '/2/0/pause-first', retryAfter: 1 });
    const { client, rateLimited } = transport();
    const first = get(client, '/pause-first');
    await until(() => rateLimited() === 1);
    const second = get(client, '/pause-second');
    await sleep(300);
    expect(seen('/pause-second')).toBe(false);
    // Both go through once the second has passed (the simulator answers 404 for these paths).
    expect(isNotFoundError(await second)).toBe(true);
    expect(isNotFoundError(await first)).toBe(true);
  });

  it('holds nothing after a 429 without Retry-After, nor in another transport', async () => {
    sim.faults.failNext({ status: 429, count: 1, route: '/2/0/plain-first' });
    const { client, rateLimited } = transport();
    const first = get(client, '/plain-first');
    await until(() => rateLimited() === 1);
    expect(isNotFoundError(await get(client, '/plain-second'))).toBe(true);
    await first;

    sim.faults.failNext({ status: 429, count: 1, route: '/2/0/other-first', retryAfter: 1 });
    const held = get(client, '/other-first');
    await until(() => rateLimited() === 2);
    const started = sim.requests.length;
    expect(isNotFoundError(await get(transport().client, '/other-second'))).toBe(true);
    expect(sim.requests.slice(started).map((request) => request.path)).toEqual(['/2/0/other-second']);
    await held;
  });
});
