import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Transport } from '../client.js';
import {
  type AuthProvider,
  basicAuth,
  isAbortError,
  isAuthenticationError,
  type Logger,
  staticToken,
} from '../index.js';

const password = 'session-test-password';
let sim: Simulator;

async function simulator(tokenTtlMs?: number): Promise<Simulator> {
  return startSimulator({
    seed: { users: [{ userName: 'session@example.com', password }] },
    ...(tokenTtlMs === undefined ? {} : { tokenTtlMs }),
  });
}

beforeAll(async () => {
  sim = await simulator();
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.faults.clear();
});

function transportFor(
  target: Simulator,
  options: { auth?: AuthProvider; logger?: Logger; concurrency?: number } = {},
) {
  return new Transport({
    auth: options.auth ?? basicAuth({ username: 'session@example.com', password }),
    baseUrls: { api: target.apiUrl, auth: target.authUrl, scim: target.scimUrl, oauth: target.oauthUrl },
    retry: { limit: 3, backoffLimitMs: 5 },
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
}

const validate = (transport: Transport, signal?: AbortSignal) =>
  transport.request({ api: 'auth', method: 'GET', path: '/token/validate', signal });

const count = (target: Simulator, path: string, from = 0) =>
  target.requests.slice(from).filter((request) => request.path === path).length;

describe('one session per transport', () => {
  it('50 concurrent requests cause exactly one authentication', async () => {
    const transport = transportFor(sim, { concurrency: 8 });
    const from = sim.requests.length;
    const results = await Promise.all(Array.from({ length: 50 }, () => validate(transport)));
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(count(sim, '/token/authenticate', from)).toBe(1);
    expect(count(sim, '/token/validate', from)).toBe(50);
    await transport.close();
  });

  it('never has more requests in flight than the concurrency limit', async () => {
    sim.faults.latency({ ms: 50, route: '/token/validate' });
    const transport = transportFor(sim, { concurrency: 3 });
    await validate(transport);
    const from = sim.requests.length;
    await Promise.all(Array.from({ length: 9 }, () => validate(transport)));
    const calls = sim.requests.slice(from);
    const overlaps = calls.map(
      (call) =>
        calls.filter(
          (other) => other.startedAt <= call.startedAt && other.startedAt + other.durationMs > call.startedAt,
        ).length,
    );
    expect(Math.max(...overlaps)).toBeLessThanOrEqual(3);
    expect(Math.max(...overlaps)).toBeGreaterThanOrEqual(2);
    await transport.close();
  });

  it('an aborted waiter does not cancel the authentication others wait for', async () => {
    sim.faults.latency({ ms: 300, route: '/token/authenticate' });
    const transport = transportFor(sim);
    const from = sim.requests.length;
    const controller = new AbortController();
    const aborted = validate(transport, controller.signal).catch((error: unknown) => error);
    const patient = validate(transport);
    setTimeout(() => controller.abort(), 50);
    expect(isAbortError(await aborted)).toBe(true);
    expect((await patient).status).toBe(200);
    expect(count(sim, '/token/authenticate', from)).toBe(1);
    await transport.close();
  });
});

describe('renewal', () => {
  it('refreshes before expiry instead of authenticating again', async () => {
    const short = await simulator(2000);
    try {
      const transport = transportFor(short);
      await validate(transport);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const results = await Promise.all([validate(transport), validate(transport), validate(transport)]);
      expect(results.map((result) => result.status)).toEqual([200, 200, 200]);
      expect(count(short, '/token/authenticate')).toBe(1);
      expect(count(short, '/token/refresh')).toBe(1);
      expect(short.requests.filter((request) => request.status === 401)).toHaveLength(0);
    } finally {
      await short.close();
    }
  });

  it('works when /token/refresh extends the same token (live behaviour)', async () => {
    const short = await startSimulator({
      seed: { users: [{ userName: 'session@example.com', password }] },
      tokenTtlMs: 2000,
      switches: { refreshReturnsSameToken: true },
    });
    try {
      const transport = transportFor(short);
      await validate(transport);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await validate(transport);
      expect(count(short, '/token/refresh')).toBe(1);
      expect(count(short, '/token/authenticate')).toBe(1);
    } finally {
      await short.close();
    }
  });

  it('authenticates again when the refresh fails', async () => {
    const short = await simulator(2000);
    try {
      const warnings: string[] = [];
      const logger: Logger = {
        debug() {},
        info() {},
        error() {},
        warn: (_fields, message) => warnings.push(message),
      };
      const transport = transportFor(short, { logger });
      await validate(transport);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      short.faults.failNext({ status: 500, route: '/token/refresh' });
      expect((await validate(transport)).status).toBe(200);
      expect(count(short, '/token/refresh')).toBe(1);
      expect(count(short, '/token/authenticate')).toBe(2);
      expect(warnings).toContain('Refreshing the session failed; authenticating again');
    } finally {
      await short.close();
    }
  });

  it('recovers from a token that expired server-side: one re-authentication, one replay', async () => {
    const transport = transportFor(sim, { concurrency: 8 });
    await validate(transport);
    const from = sim.requests.length;
    sim.advanceTime(36 * 60 * 1000);
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => validate(transport)));
      expect(results.every((result) => result.status === 200)).toBe(true);
    } finally {
      sim.advanceTime(-36 * 60 * 1000);
    }
    const calls = sim.requests.slice(from);
    expect(calls.filter((call) => call.path === '/token/authenticate')).toHaveLength(1);
    // Requests that started with the expired token were refused once each and replayed; the others, if any,
    // already found the new session.
    const refused = calls.filter((call) => call.path === '/token/validate' && call.status === 401).length;
    expect(refused).toBeGreaterThanOrEqual(2);
    expect(refused).toBeLessThanOrEqual(5);
    expect(calls.filter((call) => call.path === '/token/validate' && call.status === 200)).toHaveLength(5);
  });

  it('replays a 401 only once', async () => {
    const transport = transportFor(sim);
    await validate(transport);
    const from = sim.requests.length;
    sim.faults.failNext({ status: 401, count: 10, route: '/token/validate' });
    const error = await validate(transport).catch((caught: unknown) => caught);
    expect(isAuthenticationError(error)).toBe(true);
    expect(count(sim, '/token/validate', from)).toBe(2);
    expect(count(sim, '/token/authenticate', from)).toBe(1);
  });

  it('does not replay a 401 when the credential cannot change (static token)', async () => {
    const transport = transportFor(sim, { auth: staticToken('no-such-token-value') });
    const from = sim.requests.length;
    const error = await validate(transport).catch((caught: unknown) => caught);
    expect(isAuthenticationError(error)).toBe(true);
    expect(count(sim, '/token/validate', from)).toBe(1);
  });
});

describe('close', () => {
  it('logs out; the token is invalid afterwards; a later request starts a new session', async () => {
    const infos: string[] = [];
    const logger: Logger = {
      debug() {},
      warn() {},
      error() {},
      info: (_fields, message) => infos.push(message),
    };
    const transport = transportFor(sim, { logger });
    await validate(transport);
    const session = [...sim.state.sessions.values()].at(-1);
    if (!session) throw new Error('no session');
    const from = sim.requests.length;
    await transport.close();
    expect(sim.requests.slice(from).map((request) => [request.path, request.status])).toEqual([
      ['/token/logout', 204],
    ]);
    expect(session.revoked).toBe(true);
    const stale = transportFor(sim, { auth: staticToken(session.token) });
    expect(isAuthenticationError(await validate(stale).catch((error: unknown) => error))).toBe(true);
    expect(infos).toEqual(['Authenticated', 'Logged out']);
    expect((await validate(transport)).status).toBe(200);
    await transport.close();
  });

  it('does nothing without a session, and never throws when logout fails', async () => {
    const transport = transportFor(sim);
    const from = sim.requests.length;
    await transport.close();
    expect(sim.requests.length).toBe(from);
    await validate(transport);
    sim.faults.failNext({ status: 500, route: '/token/logout' });
    await expect(transport.close()).resolves.toBeUndefined();
  });
});
