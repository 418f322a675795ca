import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../simulator.js';
import {
  type IntegrationHarness,
  ids,
  startIntegrationHarness,
} from '../test-support/integration-harness.js';

let harness: IntegrationHarness;

beforeAll(async () => {
  harness = await startIntegrationHarness();
});
afterAll(() => harness.close());

interface Envelope {
  meta: {
    schema: string;
    paging?: { currentPageSize: number; totalSize: number; offset: number; next?: string; previous?: string };
  };
  status: { code: number; message: string };
  [key: string]: unknown;
}

describe('authentication', () => {
  it('answers 401 in the error envelope without a token, with a bad token, and with an expired one', async () => {
    const missing = await fetch(`${harness.sim.apiUrl}/users/me`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ status: { code: 401 }, path: '/2/0/users/me' });

    const bad = await fetch(`${harness.sim.apiUrl}/users/me`, {
      headers: { authorization: 'AnaplanAuthToken nope' },
    });
    expect(bad.status).toBe(401);

    // Live probes: a token is accepted under `Bearer` too; the switch turns that off.
    const asBearer = () =>
      fetch(`${harness.sim.apiUrl}/users/me`, {
        headers: { authorization: `Bearer ${harness.token('planner@example.com')}` },
      });
    expect((await asBearer()).status).toBe(200);
    harness.sim.state.switches.bearerAccepted.integration = false;
    try {
      expect((await asBearer()).status).toBe(401);
    } finally {
      harness.sim.state.switches.bearerAccepted.integration = true;
    }

    const token = harness.token('jane.doe@example.com');
    const session = harness.sim.state.sessions.get(token);
    if (!session) throw new Error('no session');
    session.expiresAt = Date.now() - 1;
    const expired = await harness.call('jane.doe@example.com', 'GET', '/users/me');
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as Envelope).status.message).toMatch(/expired/);
    session.expiresAt = Date.now() + 60_000;
  });
});

describe('simulator pipeline', () => {
  it('applies injected faults and rate limits to Integration API routes too', async () => {
    harness.sim.faults.failNext({ status: 429, retryAfter: 2, route: '/2/0/users' });
    const limited = await harness.call('planner@example.com', 'GET', '/users/me');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await harness.call('planner@example.com', 'GET', '/users/me')).status).toBe(200);
  });
});

describe('users', () => {
  it('GET /users/me returns the caller in the envelope, ids as strings', async () => {
    const body = await harness.json<Envelope>('planner@example.com', 'GET', '/users/me');
    expect(body.status).toEqual({ code: 200, message: 'Success' });
    expect(body.meta.schema).toBe(`${harness.sim.apiUrl}/objects/user`);
    expect(body['user']).toMatchObject({
      email: 'planner@example.com',
      firstName: 'Pat',
      lastName: 'Planner',
      active: true,
    });
    expect((body['user'] as { id: string }).id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('GET /users pages with limit and offset, with absolute next and previous links', async () => {
    const first = await harness.json<Envelope>('admin@example.com', 'GET', '/users?limit=2&sort=%2Bemail');
    expect(first.meta.paging).toMatchObject({ currentPageSize: 2, totalSize: 6, offset: 0 });
    expect(first.meta.paging?.previous).toBeUndefined();
    expect(first.meta.paging?.next).toBe(`${harness.sim.apiUrl}/users?limit=2&sort=%2Bemail&offset=2`);
    expect((first['users'] as { email: string }[]).map((user) => user.email)).toEqual([
      'admin@example.com',
      'blocked@example.com',
    ]);
    const nextUrl = first.meta.paging?.next ?? '';
    const second = (await (
      await fetch(nextUrl, {
        headers: { authorization: `AnaplanAuthToken ${harness.token('admin@example.com')}` },
      })
    ).json()) as Envelope;
    expect(second.meta.paging).toMatchObject({ currentPageSize: 2, offset: 2 });
    expect(second.meta.paging?.previous).toContain('offset=0');
    const last = await harness.json<Envelope>('admin@example.com', 'GET', '/users?limit=2&offset=4');
    expect(last.meta.paging?.next).toBeUndefined();
  });

  it('validates sort (prefix required, known fields) and paging parameters', async () => {
    await harness.json('admin@example.com', 'GET', '/users?sort=email', { expect: 400 });
    await harness.json('admin@example.com', 'GET', '/users?sort=%2Bid', { expect: 400 });
    await harness.json('admin@example.com', 'GET', '/users?limit=0', { expect: 400 });
    await harness.json('admin@example.com', 'GET', '/users?offset=-1', { expect: 400 });
    const sorted = await harness.json<Envelope>('admin@example.com', 'GET', '/users?sort=-firstName');
    expect((sorted['users'] as { firstName: string }[])[0]?.firstName).toBe('Pat');
  });

  it('reports lastLoginDate as seeded or as set by /token/authenticate, and sorts by it', async () => {
    const sim = await startSimulator({
      seed: {
        users: [
          {
            userName: 'early@example.com',
            password: 'early-password-1',
            lastLoginDate: '2024-01-02T03:04:05Z',
          },
          { userName: 'late@example.com', lastLoginDate: '2025-06-30T08:05:37.000+0000' },
          { userName: 'never@example.com', lastLoginDate: null },
        ],
      },
    });
    try {
      const loggedInAfter = Math.floor(Date.now() / 1000) * 1000;
      const login = await fetch(`${sim.authUrl}/token/authenticate`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('early@example.com:early-password-1').toString('base64')}`,
        },
      });
      const { tokenInfo } = (await login.json()) as { tokenInfo: { tokenValue: string } };
      const users = async (query: string) => {
        const response = await fetch(`${sim.apiUrl}/users${query}`, {
          headers: { authorization: `AnaplanAuthToken ${tokenInfo.tokenValue}` },
        });
        expect(response.status).toBe(200);
        return ((await response.json()) as { users: Record<string, unknown>[] }).users;
      };
      const listed = await users('?sort=%2BlastLoginDate');
      expect(listed.map((user) => user['email'])).toEqual([
        'never@example.com',
        'late@example.com',
        'early@example.com', // logged in just now
      ]);
      expect(listed[0]).not.toHaveProperty('lastLoginDate'); // the spec types it as a date-time, never null
      expect(listed[1]?.['lastLoginDate']).toBe('2025-06-30T08:05:37.000+0000');
      const justNow = String(listed[2]?.['lastLoginDate']);
      expect(justNow).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
      expect(Date.parse(justNow)).toBeGreaterThanOrEqual(loggedInAfter);
      expect((await users('?sort=-lastLoginDate')).map((user) => user['email'])).toEqual([
        'early@example.com',
        'late@example.com',
        'never@example.com',
      ]);
      sim.state.switches.neverLoggedInDate = 'null';
      expect((await users('?sort=%2BlastLoginDate'))[0]).toMatchObject({
        email: 'never@example.com',
        lastLoginDate: null,
      });
    } finally {
      await sim.close();
    }
  });

  it('refuses a seeded lastLoginDate that is not a date-time, naming the user', async () => {
    await expect(
      startSimulator({ seed: { users: [{ userName: 'odd@example.com', lastLoginDate: 'yesterday' }] } }),
    ).rejects.toThrow('user odd@example.com: lastLoginDate "yesterday" is not a date-time');
  });

  it('GET /users/{id} returns one user, 404 for an unknown id', async () => {
    const user = harness.sim.state.findUserByName('jane.doe@example.com');
    const body = await harness.json<Envelope>('planner@example.com', 'GET', `/users/${user?.id}`);
    expect(body['user']).toMatchObject({ email: 'jane.doe@example.com' });
    const missing = await harness.json<Envelope>('planner@example.com', 'GET', `/users/${'0'.repeat(32)}`, {
      expect: 404,
    });
    expect(missing.status.code).toBe(404);
  });
});

describe('workspaces', () => {
  it('lists the workspaces the caller belongs to; currentSize only with tenantDetails=true', async () => {
    const plain = await harness.json<Envelope>('planner@example.com', 'GET', '/workspaces');
    expect(plain['workspaces']).toEqual([
      { id: ids.workspace, name: 'Finance', active: true, sizeAllowance: 1_073_741_824 },
    ]);
    expect(plain.meta.paging).toMatchObject({ currentPageSize: 1, totalSize: 1, offset: 0 });
    const detailed = await harness.json<Envelope>(
      'planner@example.com',
      'GET',
      '/workspaces?tenantDetails=true',
    );
    expect((detailed['workspaces'] as { currentSize: number }[])[0]?.currentSize).toBeGreaterThan(0);
  });

  it('GET /workspaces/{id} answers workspace administrators, and 404 to other members', async () => {
    const body = await harness.json<Envelope>('admin@example.com', 'GET', `/workspaces/${ids.workspace}`);
    expect(body['workspace']).toMatchObject({ id: ids.workspace, name: 'Finance' });
    await harness.json('planner@example.com', 'GET', `/workspaces/${ids.workspace}`, { expect: 404 });
  });

  it('GET /workspaces/{id}/admins needs a user administrator (500 otherwise, as live) and 404s unknown workspaces', async () => {
    const body = await harness.json<Envelope>(
      'admin@example.com',
      'GET',
      `/workspaces/${ids.workspace}/admins`,
    );
    expect(body['admins']).toEqual([
      { firstName: 'Ada', lastName: 'Admin', email: 'admin@example.com', active: true, otherWorkspaces: [] },
    ]);
    expect(body.meta.paging).toMatchObject({ totalSize: 1 });
    await harness.json('planner@example.com', 'GET', `/workspaces/${ids.workspace}/admins`, { expect: 500 });
    await harness.json('admin@example.com', 'GET', `/workspaces/${'f'.repeat(32)}/admins`, { expect: 404 });
  });
});
