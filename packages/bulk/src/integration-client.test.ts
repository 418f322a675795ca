import {
  basicAuth,
  isAbortError,
  isConfigurationError,
  isNotFoundError,
  isTimeoutError,
} from '@anaplan-access/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrationClient } from './integration-client.js';
import { admin, type Fixture, fastWait, ids, startFixture } from './test-support/fixture.js';

let fixture: Fixture;

beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(() => fixture.close());

function apiRequests(path: string) {
  return fixture.sim.requests.filter((request) => request.path === `/2/0${path}`);
}

describe('IntegrationClient options', () => {
  it('refuses an unknown option, naming the valid ones', () => {
    let caught: unknown;
    try {
      new IntegrationClient({ auth: basicAuth(admin), baseURL: 'http://127.0.0.1' } as never);
    } catch (error) {
      caught = error;
    }
    expect(isConfigurationError(caught)).toBe(true);
    expect(caught).toMatchObject({ key: 'baseURL' });
    expect(String(caught)).toContain('baseUrl');
  });

  it("refuses an invalid option under this client's own key names, without leaking the password", () => {
    let caught: unknown;
    try {
      new IntegrationClient({ auth: basicAuth(admin), baseUrl: 'http://api.example.com/2/0' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ key: 'baseUrl' });
    expect(() => new IntegrationClient({ auth: basicAuth(admin), timeoutMs: -1 })).toThrow(/timeoutMs/);
    expect(() => new IntegrationClient({ auth: 'token' as never })).toThrow(/auth/);
    expect(JSON.stringify(caught)).not.toContain(admin.password);
  });

  it('sends nothing when constructed or when a model client is made', () => {
    const before = fixture.sim.requests.length;
    const client = new IntegrationClient({
      auth: basicAuth(admin),
      baseUrl: fixture.sim.apiUrl,
      authUrl: fixture.sim.authUrl,
    });
    client.model(ids.workspace, ids.model);
    expect(fixture.sim.requests.length).toBe(before);
    expect(() => client.model('', ids.model)).toThrow(/workspaceId/);
  });
});

describe('tenant reads', () => {
  it('reads the signed-in user, and a user by id, with ids as strings', async () => {
    const me = await fixture.client.users.me();
    expect(me).toMatchObject({ email: admin.username, firstName: 'Ada', lastName: 'Admin' });
    expect(me.id).toMatch(/^[0-9a-f]{32}$/);
    expect(await fixture.client.users.get(me.id)).toMatchObject({ id: me.id, email: admin.username });
    await expect(fixture.client.users.get('0'.repeat(32))).rejects.toSatisfy(isNotFoundError);
  });

  it('follows meta.paging through every page of users, workspaces and models', async () => {
    const users = [];
    for await (const user of fixture.client.users.list({ pageSize: 2 })) users.push(user.email);
    expect(users).toHaveLength(5);
    expect(new Set(users).size).toBe(5);
    const offsets = apiRequests('/users').map((request) => new URLSearchParams(request.query).get('offset'));
    expect(offsets).toEqual(['0', '2', '4']);

    const firstPage = await fixture.client.workspaces.list({ pageSize: 3 });
    expect(firstPage.items).toHaveLength(3);
    expect(firstPage.paging).toMatchObject({ totalSize: 4, offset: 0, currentPageSize: 3 });
    const workspaces = await fixture.client.workspaces.list({ pageSize: 3 }).toArray({ limit: 100 });
    expect(workspaces.map((workspace) => workspace.name).sort()).toEqual([
      'Finance',
      'Planning',
      'Sales',
      'Sandbox',
    ]);

    const models = await fixture.client.models.list({ pageSize: 1 }).toArray({ limit: 100 });
    expect(models).toHaveLength(4);
    const inWorkspace = await fixture.client.models
      .list({ workspaceId: ids.otherWorkspace })
      .toArray({ limit: 10 });
    expect(inWorkspace.map((model) => model.name)).toEqual(['Scratch']);
  });

  it('reads a workspace, its admins and a model', async () => {
    expect(await fixture.client.workspaces.get(ids.workspace)).toMatchObject({
      id: ids.workspace,
      name: 'Planning',
    });
    const admins = await fixture.client.workspaces.admins(ids.workspace).toArray({ limit: 10 });
    expect(admins).toEqual([expect.objectContaining({ email: admin.username, active: true })]);
    const model = await fixture.client.models.get(ids.model);
    expect(model).toMatchObject({ id: ids.model, name: 'Access Model', currentWorkspaceId: ids.workspace });
  });

  it('tolerates enum values the server adds later', async () => {
    const stored = fixture.sim.state.models.get(ids.model);
    if (!stored) throw new Error('seed');
    const previous = stored.state;
    stored.state = 'QUANTUM_SUPERPOSITION';
    try {
      expect((await fixture.client.models.get(ids.model)).activeState).toBe('QUANTUM_SUPERPOSITION');
    } finally {
      stored.state = previous;
    }
  });

  it('treats an error code in a 2xx status envelope as a refusal', async () => {
    fixture.sim.faults.failNext({
      status: 200,
      route: /GET \/2\/0\/users\/me$/,
      body: { status: { code: 404, message: 'Not Found' } },
    });
    await expect(fixture.client.users.me()).rejects.toSatisfy(isNotFoundError);
  });
});

describe('close', () => {
  it('logs the session out; the next call signs in again', async () => {
    const client = new IntegrationClient({
      auth: basicAuth(admin),
      baseUrl: fixture.sim.apiUrl,
      authUrl: fixture.sim.authUrl,
    });
    await client.users.me();
    await client.close();
    expect(fixture.sim.requests.some((request) => request.path === '/token/logout')).toBe(true);
    await expect(client.users.me()).resolves.toMatchObject({ email: admin.username });
    await client.close();
  });
});

describe("call options (core's CallOptions: signal, timeoutMs)", () => {
  // The simulator answers these routes after 10 s, far past each deadline: a method that ignored its timeoutMs
  // would still be waiting, and then succeed, failing the assertions.
  const slow = (route: RegExp) => fixture.sim.faults.latency({ ms: 10_000, route });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => error,
    );

  it('ends every single-call method at its deadline with a TimeoutError', async () => {
    const task = await fixture.model.exports.run(ids.usersExport);
    await task.wait(fastWait);
    slow(/^(GET|POST|DELETE) \/2\/0\/(users|workspaces|models)/);
    try {
      const { model } = fixture;
      const calls: [string, Promise<unknown>][] = [
        ['users.me', fixture.client.users.me({ timeoutMs: 100 })],
        ['workspaces.get', fixture.client.workspaces.get(ids.workspace, { timeoutMs: 100 })],
        ['models.get', fixture.client.models.get(ids.model, { timeoutMs: 100 })],
        ['status', model.status({ timeoutMs: 100 })],
        ['imports.get', model.imports.get(ids.usersImport, { timeoutMs: 100 })],
        ['actions.get', model.actions.get(ids.deleteAction, { timeoutMs: 100 })],
        ['imports.resolve', model.imports.resolve('Users from users.csv', { timeoutMs: 100 })],
        ['files.resolve', model.files.resolve('users.csv', { timeoutMs: 100 })],
        ['files.download', model.files.download(ids.usersExport, { timeoutMs: 100 })],
        ['files.delete', model.files.delete(ids.usersFile, { timeoutMs: 100 })],
        ['task.get', task.get({ timeoutMs: 100 })],
        ['task.cancel', task.cancel({ timeoutMs: 100 })],
      ];
      const errors = await Promise.all(
        calls.map(async ([name, call]) => [name, await failure(call)] as const),
      );
      for (const [name, error] of errors)
        expect([name, isTimeoutError(error) && error.timeoutMs]).toEqual([name, 100]);
    } finally {
      fixture.sim.faults.clear();
    }
  });

  it("keeps the caller's abort an AbortError, and refuses invalid call options before any request", async () => {
    const controller = new AbortController();
    controller.abort();
    expect(
      isAbortError(await failure(fixture.client.users.me({ signal: controller.signal, timeoutMs: 60_000 }))),
    ).toBe(true);
    const before = fixture.sim.requests.length;
    const errors = await Promise.all([
      failure(fixture.client.users.get('x', { timeoutMs: 0 })),
      failure(fixture.model.status({ timeoutMs: Number.NaN })),
      failure(fixture.model.files.resolve('users.csv', { signal: 'stop' as unknown as AbortSignal })),
    ]);
    expect(errors.map((error) => isConfigurationError(error) && error.key)).toEqual([
      'timeoutMs',
      'timeoutMs',
      'signal',
    ]);
    expect(fixture.sim.requests.length).toBe(before);
  });
});
