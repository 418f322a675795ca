import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from './simulator.js';

const seed = { users: [{ userName: 'admin@example.com', password: 'pw' }] };
const basic = `Basic ${Buffer.from('admin@example.com:pw').toString('base64')}`;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed });
});
afterEach(() => {
  sim.faults.clear();
});
afterAll(async () => {
  await sim.close();
});

const authenticate = (target: Simulator = sim) =>
  fetch(`${target.authUrl}/token/authenticate`, { method: 'POST', headers: { authorization: basic } });
const validate = () =>
  fetch(`${sim.authUrl}/token/validate`, { headers: { authorization: 'AnaplanAuthToken x' } });

async function timed<T>(action: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const startedAt = performance.now();
  const result = await action();
  return { result, ms: performance.now() - startedAt };
}

describe('failNext (forced status)', () => {
  it('answers the next `count` matching requests with the status, then behaves again', async () => {
    sim.faults.failNext({ status: 503, count: 2, route: '/token/authenticate' });
    const other = await validate();
    expect(other.status).toBe(401);
    const first = await authenticate();
    expect(first.status).toBe(503);
    expect(await first.json()).toMatchObject({ status: { code: 503, message: 'Injected fault' } });
    expect((await authenticate()).status).toBe(503);
    expect((await authenticate()).status).toBe(201);
    expect(sim.requests.at(-2)?.status).toBe(503);
  });

  it('sends a given body and matches a RegExp over "METHOD path"', async () => {
    sim.faults.failNext({
      status: 500,
      route: /^GET \/token\//,
      body: { status: 'FAILURE', statusMessage: 'boom' },
    });
    expect((await authenticate()).status).toBe(201);
    const response = await validate();
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ status: 'FAILURE', statusMessage: 'boom' });
  });
});

describe('failNext with 429 and Retry-After', () => {
  it('sends Retry-After in seconds or as an HTTP-date', async () => {
    const date = new Date(Date.now() + 30_000).toUTCString();
    sim.faults.failNext({ status: 429, retryAfter: 7 }).failNext({ status: 429, retryAfter: date });
    const seconds = await authenticate();
    expect(seconds.status).toBe(429);
    expect(seconds.headers.get('retry-after')).toBe('7');
    const httpDate = await authenticate();
    expect(httpDate.status).toBe(429);
    expect(httpDate.headers.get('retry-after')).toBe(date);
    expect((await authenticate()).status).toBe(201);
  });
});

describe('resetNext (connection reset)', () => {
  it('destroys the connection before answering, once', async () => {
    sim.faults.resetNext({ route: '/token/authenticate' });
    await expect(authenticate()).rejects.toThrow(TypeError);
    expect((await authenticate()).status).toBe(201);
  });

  it('destroys the connection mid-upload after a number of body bytes', async () => {
    sim.faults.resetNext({ route: '/token/authenticate', afterBodyBytes: 1024 });
    const upload = fetch(`${sim.authUrl}/token/authenticate`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(1024 * 1024),
    });
    await expect(upload).rejects.toThrow(TypeError);
    expect((await authenticate()).status).toBe(201);
  });
});

describe('latency', () => {
  it('delays matching requests only, and latencies add up', async () => {
    sim.faults.latency({ ms: 150, route: '/token/authenticate' }).latency({ ms: 100, route: /authenticate/ });
    const slow = await timed(authenticate);
    expect(slow.result.status).toBe(201);
    expect(slow.ms).toBeGreaterThanOrEqual(240);
    const fast = await timed(validate);
    expect(fast.ms).toBeLessThan(150);
    expect(sim.requests.at(-2)?.durationMs).toBeGreaterThanOrEqual(240);
  });

  it('applies the latencyMs option to every request', async () => {
    const slowSim = await startSimulator({ seed, latencyMs: 120 });
    try {
      const { result, ms } = await timed(() => authenticate(slowSim));
      expect(result.status).toBe(201);
      expect(ms).toBeGreaterThanOrEqual(110);
    } finally {
      await slowSim.close();
    }
  });
});

describe('rateLimit', () => {
  it('answers 429 with Retry-After once the bucket is empty, and counts them', async () => {
    sim.faults.rateLimit({ requestsPerSecond: 1, burst: 2, route: '/token' });
    const before = sim.faults.rateLimited;
    expect((await authenticate()).status).toBe(201);
    expect((await authenticate()).status).toBe(201);
    const limited = await authenticate();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(sim.faults.rateLimited).toBe(before + 1);
    sim.faults.clear();
    expect((await authenticate()).status).toBe(201);
  });

  it('refuses a request over the limit before handling it: a 429 on a write changes nothing', async () => {
    sim.faults.rateLimit({ requestsPerSecond: 1, burst: 1, route: '/token/authenticate' });
    const issued = sim.state.sessions.size;
    expect((await authenticate()).status).toBe(201);
    expect(sim.state.sessions.size).toBe(issued + 1);
    expect((await authenticate()).status).toBe(429);
    expect(sim.state.sessions.size).toBe(issued + 1);
  });

  it('applies the rateLimit option to every request', async () => {
    const limitedSim = await startSimulator({ seed, rateLimit: 3 });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 5; index += 1) statuses.push((await authenticate(limitedSim)).status);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(1);
      expect(statuses.slice(0, 3)).toEqual([201, 201, 201]);
    } finally {
      await limitedSim.close();
    }
  });
});
