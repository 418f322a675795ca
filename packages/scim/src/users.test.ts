import {
  basicAuth,
  isAbortError,
  isConfigurationError,
  isServerError,
  isTimeoutError,
  PaginationError,
} from '@anaplan-access/core';
import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceEntitlements, workspaceIdsOf } from './entitlements.js';
import { patch } from './patch.js';
import { ScimRequestRefusedError } from './refused-errors.js';
import { ScimClient } from './scim-client.js';
import { isScimConflictError, ScimConflictError } from './scim-error.js';

const password = 'users-test-password';
const workspaceId = 'ab'.repeat(16);
let simulator: Simulator;
let client: ScimClient;
let sequence = 0;

const nextUserName = () => `user.${++sequence}@example.com`;
const countOf = (method: string, pathEnd: RegExp, since: number) =>
  simulator.requests.slice(since).filter((request) => request.method === method && pathEnd.test(request.path))
    .length;

beforeAll(async () => {
  simulator = await startSimulator({
    seed: {
      users: [
        { userName: 'admin@example.com', password, roles: ['USER_ADMIN'] },
        ...Array.from({ length: 230 }, (_, index) => ({ userName: `seeded.${index}@example.com` })),
      ],
      workspaces: [{ id: workspaceId, name: 'Finance' }],
    },
    switches: { scimCreateStatus: 200 },
  });
  client = new ScimClient({
    baseUrl: simulator.scimUrl,
    authUrl: simulator.authUrl,
    auth: basicAuth({ username: 'admin@example.com', password }),
    retry: { limit: 2, backoffLimitMs: 20 },
  });
});

afterAll(async () => {
  await client.close();
  await simulator.close();
});

const input = (userName = nextUserName()) => ({
  userName,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  entitlements: workspaceEntitlements([workspaceId]),
});

describe('users over HTTP', () => {
  it('lists every user with 100 per page, fetching after the first page concurrently', async () => {
    const since = simulator.requests.length;
    const first = await client.users.list();
    expect(first.items).toHaveLength(100);
    const users = await client.users.list().toArray({ limit: Number.POSITIVE_INFINITY });
    expect(users).toHaveLength(first.totalResults);
    const listed = simulator.requests.slice(since).filter((request) => request.path.endsWith('/Users'));
    expect(listed.map((request) => request.query)).toEqual([
      '?startIndex=1&count=100',
      '?startIndex=1&count=100',
      '?startIndex=101&count=100',
      '?startIndex=201&count=100',
    ]);
  });

  it('sends pageSize as SCIM count, and pages by it from startIndex', async () => {
    const since = simulator.requests.length;
    const first = await client.users.list({ pageSize: 30, startIndex: 11 });
    expect([first.startIndex, first.items.length]).toEqual([11, 30]);
    const pages = [];
    for await (const page of client.users.list({ pageSize: 30, startIndex: 11 }).pages()) pages.push(page);
    expect(pages[1]?.startIndex).toBe(41);
    const listed = simulator.requests.slice(since).filter((request) => request.path.endsWith('/Users'));
    const queries = listed.map((request) => request.query);
    expect(queries[0]).toBe('?startIndex=11&count=30');
    expect(queries).toContain('?startIndex=41&count=30');
  });

  it('accepts 200 on create (the Apiary example) and maps a duplicate to ScimConflictError', async () => {
    const created = await client.users.create(input());
    expect(workspaceIdsOf(created)).toEqual([workspaceId]);
    const error = await client.users.create(input(created.userName)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScimConflictError);
    expect(error).toMatchObject({ status: 409, scimType: 'uniqueness', userName: created.userName });
    expect(isScimConflictError(error) && error.userName).toBe(created.userName);
    expect(JSON.stringify(error)).not.toContain(password);
  });

  it('never replays a create after a 5xx, and ensure() reads back instead', async () => {
    simulator.faults.failNext({ status: 503, route: /POST \/scim\/1\/0\/v2\/Users$/ });
    const since = simulator.requests.length;
    const error = await client.users.create(input()).catch((caught: unknown) => caught);
    expect(isServerError(error)).toBe(true);
    expect(countOf('POST', /\/Users$/, since)).toBe(1);

    simulator.faults.failNext({ status: 500, route: /POST \/scim\/1\/0\/v2\/Users$/ });
    const userName = nextUserName();
    const ensureSince = simulator.requests.length;
    await expect(client.users.ensure(input(userName))).rejects.toSatisfy(isServerError);
    // Looked up first, tried once, then read back to learn whether it happened.
    expect(countOf('POST', /\/Users$/, ensureSince)).toBe(1);
    expect(countOf('GET', /\/Users$/, ensureSince)).toBe(2);
    expect(await client.users.ensure(input(userName))).toMatchObject({ created: true });
  });

  it('refuses a replace that would remove every workspace, unless asked', async () => {
    const user = await client.users.create(input());
    const since = simulator.requests.length;
    const replacement = { userName: user.userName, name: { givenName: 'Ada', familyName: 'Byron' } };
    await expect(client.users.replace(user.id, replacement)).rejects.toBeInstanceOf(ScimRequestRefusedError);
    expect(simulator.requests.length).toBe(since);
    const replaced = await client.users.replace(user.id, replacement, { allowRemovingAllWorkspaces: true });
    expect(replaced.name?.familyName).toBe('Byron');
    expect(workspaceIdsOf(await client.users.get(user.id))).toEqual([]);
  });

  it('retries deactivate (idempotent) after a 5xx but not a generic patch', async () => {
    const user = await client.users.create(input());
    const route = new RegExp(`PATCH /scim/1/0/v2/Users/${user.id}$`);
    simulator.faults.failNext({ status: 503, route });
    const since = simulator.requests.length;
    expect((await client.users.deactivate(user.id)).active).toBe(false);
    expect(countOf('PATCH', /\/Users\/\w+$/, since)).toBe(2);

    simulator.faults.failNext({ status: 503, route });
    const patchSince = simulator.requests.length;
    await expect(client.users.patch(user.id, [patch.replace('active', true)])).rejects.toSatisfy(
      isServerError,
    );
    expect(countOf('PATCH', /\/Users\/\w+$/, patchSince)).toBe(1);
  });

  it('refuses path-less or empty patches before sending', async () => {
    await expect(client.users.patch('x', [])).rejects.toBeInstanceOf(ScimRequestRefusedError);
    await expect(
      client.users.patch('x', [{ op: 'replace', value: { active: false } } as never]),
    ).rejects.toThrow(/needs a path/);
  });

  it('refuses more than 50 workspaces on create', async () => {
    const many = Array.from({ length: 51 }, (_, index) => `${index}`.padStart(32, 'f'));
    await expect(
      client.users.create({ ...input(), entitlements: workspaceEntitlements(many) }),
    ).rejects.toMatchObject({ reason: 'too-many-workspaces' });
  });

  it('stops when every page after the first repeats it', async () => {
    simulator.faults.failNext({
      status: 200,
      count: 4,
      route: /GET \/scim\/1\/0\/v2\/Users$/,
      body: {
        totalResults: 500,
        Resources: [{ id: 'only', userName: 'only@example.com' }],
      },
    });
    const error = await client.users
      .list()
      .toArray({ limit: 1000 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaginationError);
  });
});

describe('call options (core CallOptions: signal, timeoutMs)', () => {
  // The simulator answers these routes after 10 s, far past each deadline: a method that ignored its timeoutMs
  // would still be waiting, and then succeed, failing the assertions.
  const slow = (route: RegExp) => simulator.faults.latency({ ms: 10_000, route });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => error,
    );

  it('ends a single-request call at its deadline with a TimeoutError', async () => {
    const user = await client.users.create(input());
    slow(/^GET \/scim\/1\/0\/v2\/Users\//);
    try {
      const error = await failure(client.users.get(user.id, { timeoutMs: 100 }));
      expect(isTimeoutError(error) && error.timeoutMs).toBe(100);
      expect(isTimeoutError(error) && error.url).toBe(`${simulator.scimUrl}/Users/${user.id}`);
    } finally {
      simulator.faults.clear();
    }
  });

  it('gives one deadline to the whole of ensure(), whichever of its requests is in flight', async () => {
    slow(/^GET \/scim\/1\/0\/v2\/Users$/);
    try {
      const error = await failure(client.users.ensure(input(), { timeoutMs: 100 }));
      expect(isTimeoutError(error) && error.method).toBe('GET');
    } finally {
      simulator.faults.clear();
    }
  });

  it('ends workspace changes, patches and discovery at their deadline too', async () => {
    const user = await client.users.create(input());
    slow(/^PATCH /);
    slow(/^GET \/scim\/1\/0\/v2\/ServiceProviderConfig$/);
    try {
      const calls = [
        client.users.grantWorkspaces(user.id, ['cd'.repeat(16)], { timeoutMs: 100, knownWorkspaces: [] }),
        client.users.deactivate(user.id, { timeoutMs: 100 }),
        new ScimClient({
          baseUrl: simulator.scimUrl,
          auth: basicAuth({ username: 'x', password: 'y' }),
        }).serviceProviderConfig({ timeoutMs: 100 }),
      ];
      for (const error of await Promise.all(calls.map(failure))) expect(isTimeoutError(error)).toBe(true);
    } finally {
      simulator.faults.clear();
    }
  });

  it("keeps the caller's abort an AbortError", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(
      client.users.get('some-id', { signal: controller.signal, timeoutMs: 60_000 }),
    );
    expect(isAbortError(error)).toBe(true);
  });

  it('refuses invalid call options with a ConfigurationError before any request', async () => {
    const since = simulator.requests.length;
    const errors = await Promise.all([
      failure(client.users.get('some-id', { timeoutMs: 0 })),
      failure(client.users.findByUserName('a@example.com', { timeoutMs: Number.NaN })),
      failure(client.users.activate('some-id', { signal: 'stop' as unknown as AbortSignal })),
    ]);
    expect(errors.map((error) => isConfigurationError(error) && error.key)).toEqual([
      'timeoutMs',
      'timeoutMs',
      'signal',
    ]);
    expect(simulator.requests.length).toBe(since);
  });
});
