import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { IntegrationClient } from '@anaplan-access/bulk';
import { basicAuth, isAnaplanAccessError, staticToken } from '@anaplan-access/core';
import { anaplanTarget, plan } from '@anaplan-access/reconcile';
import { ScimClient } from '@anaplan-access/scim';
import { type HttpTestServer, type Responder, startHttpTestServer } from '@anaplan-access/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { desiredState } from '../helpers/access-tenant.js';

// A server that answers wrongly on purpose: wrong JSON types, missing fields, huge or stalled bodies, redirects and
// `Location` headers to another host. Every answer must become a typed error (or be ignored); nothing may crash,
// hang, or send a credential to another host.

const token = 'HOSTILE-token-6b1d0f';
const password = 'HOSTILE-password-93ae27';
let servers: HttpTestServer[] = [];
let raw: Server | undefined;

afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
  raw?.closeAllConnections();
  await new Promise((resolve) => (raw ? raw.close(resolve) : resolve(undefined)));
  raw = undefined;
});

async function serve(respond: Responder): Promise<HttpTestServer> {
  const server = await startHttpTestServer(respond);
  servers.push(server);
  return server;
}

function clients(base: string, options: { timeoutMs?: number } = {}) {
  const common = { auth: staticToken(token), retry: 0, ...options };
  return {
    scim: new ScimClient({ ...common, baseUrl: `${base}/scim/1/0/v2` }),
    integration: new IntegrationClient({ ...common, baseUrl: `${base}/2/0` }),
  };
}

/** Runs `call`, which must fail with a typed SDK error; returns it. */
async function typedFailure(call: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const error = await call().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isAnaplanAccessError(error), `not a typed error: ${inspect(error)}`).toBe(true);
  return error as Error & Record<string, unknown>;
}

const envelope = { meta: { schema: 'x' }, status: { code: 200, message: 'Success' } };

describe('hostile answers become typed errors', () => {
  it('wrong JSON types and missing fields name the path', async () => {
    const server = await serve((request) => {
      if (request.url.startsWith('/2/0/users/me'))
        return { json: { ...envelope, user: { id: 7, email: ['x'] } } };
      if (request.url.startsWith('/2/0/workspaces/'))
        return { json: { ...envelope, workspace: 'not an object' } };
      if (request.url.startsWith('/scim/1/0/v2/Users/u1'))
        return { json: { id: 5, userName: null, active: 'perhaps' } };
      if (request.url.startsWith('/scim/1/0/v2/Users'))
        return { json: { totalResults: 'many', Resources: 'none', schemas: 1 } };
      return { status: 404, json: {} };
    });
    const { scim, integration } = clients(server.url);
    for (const call of [
      () => integration.users.me(),
      () => integration.workspaces.get('w1'),
      () => scim.users.get('u1'),
      () => scim.users.list().toArray({ limit: Number.POSITIVE_INFINITY }),
    ]) {
      const error = await typedFailure(call);
      expect(error.name).toBe('ResponseValidationError');
      expect(String(error.message)).toMatch(/does not match the expected shape at "[^"]*"/);
    }
  });

  it('a body that is not JSON, and a body cut off mid-way', async () => {
    const server = await serve(() => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '<html>welcome</html>',
    }));
    const notJson = await typedFailure(() => clients(server.url).integration.users.me());
    expect(notJson).toMatchObject({ name: 'ResponseValidationError', issues: [{ code: 'invalid_json' }] });
    raw = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
      response.write('{"user": {"id"', () => response.destroy());
    });
    await new Promise<void>((resolve) => raw?.listen(0, '127.0.0.1', resolve));
    const { port } = raw.address() as AddressInfo;
    const cut = await typedFailure(() => clients(`http://127.0.0.1:${port}`).integration.users.me());
    expect(cut.name).toBe('ConnectionError');
  });

  it('huge bodies are cut short in the error, whatever their status', async () => {
    const huge = `{"user": "${'x'.repeat(30 * 1024 * 1024)}"}`;
    const server = await serve((request) => ({
      status: request.url.includes('workspaces') ? 500 : 200,
      body: huge,
    }));
    const { integration } = clients(server.url);
    for (const call of [() => integration.users.me(), () => integration.workspaces.get('w1')]) {
      const error = await typedFailure(call);
      expect(String(error.message).length).toBeLessThan(1000);
      // An error keeps at most 64 KB of the body it was sent (read up to 1 MiB, then cut).
      expect(JSON.stringify(error).length).toBeLessThan(70_000);
      expect(inspect(error).length).toBeLessThan(80_000);
    }
  });

  it('a body that stalls after the headers times out instead of hanging', async () => {
    raw = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"user": {');
    });
    await new Promise<void>((resolve) => raw?.listen(0, '127.0.0.1', resolve));
    const { port } = raw.address() as AddressInfo;
    const { integration } = clients(`http://127.0.0.1:${port}`, { timeoutMs: 300 });
    const started = Date.now();
    const error = await typedFailure(() => integration.users.me());
    expect(error).toMatchObject({ name: 'TimeoutError', timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3000);
  }, 10_000);
});

describe('the clients never follow a URL to another host with credentials', () => {
  it.each([301, 302, 303, 307, 308])(
    'a %i redirect is an error, and the other host hears nothing',
    async (status) => {
      const other = await serve(() => ({ json: { user: { id: 'u', email: 'x@y.z' } } }));
      const server = await serve((request) => ({
        status,
        headers: { location: `${other.url}${request.url}` },
      }));
      const { scim, integration } = clients(server.url);
      const login = new IntegrationClient({
        auth: basicAuth({ username: 'someone@corp.example', password }),
        baseUrl: `${server.url}/2/0`,
        authUrl: server.url,
        retry: 0,
      });
      for (const call of [
        () => integration.users.me(),
        () => scim.users.get('u1'),
        () => scim.users.create({ userName: 'a@corp.example', name: { givenName: 'A', familyName: 'B' } }),
        () => login.users.me(),
      ]) {
        const error = await typedFailure(call);
        expect(error.status ?? (error.cause as { status?: number } | undefined)?.status).toBe(status);
        expect(inspect(error, { depth: 8 })).not.toContain(password);
      }
      expect(other.requests).toEqual([]);
      expect(server.requests.length).toBeGreaterThanOrEqual(4);
    },
  );

  it('ignores Location headers and meta.location that point to another host', async () => {
    const other = await serve(() => ({ json: {} }));
    const user = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: 'u1',
      userName: 'a@corp.example',
      name: { givenName: 'A', familyName: 'B' },
      active: true,
      meta: { resourceType: 'User', location: `${other.url}/scim/1/0/v2/Users/u1` },
    };
    const server = await serve((request) => ({
      status: request.method === 'POST' ? 201 : 200,
      headers: {
        location: `${other.url}/scim/1/0/v2/Users/u1`,
        'content-location': `${other.url}/elsewhere`,
      },
      json: user,
    }));
    const { scim } = clients(server.url);
    const created = await scim.users.create({
      userName: 'a@corp.example',
      name: { givenName: 'A', familyName: 'B' },
    });
    await scim.users.get(created.id);
    await scim.users.deactivate(created.id).catch(() => undefined);
    expect(other.requests).toEqual([]);
    expect(server.requests.every((request) => request.headers.authorization?.endsWith(token))).toBe(true);
  });
});

describe('a hostile tenant at the engine level', () => {
  it('plan fails with a typed error and nothing is written', async () => {
    const server = await serve((request) => {
      if (request.url.startsWith('/2/0/users/me'))
        return { json: { ...envelope, user: { id: 'me', email: 'me@corp.example' } } };
      if (request.url.startsWith('/scim/1/0/v2/Users'))
        return { json: { totalResults: 2, Resources: [{ id: 1, userName: 2 }, 'not a user'] } };
      return { json: { ...envelope, workspace: { id: 'w1', name: 'Finance' }, admins: [] } };
    });
    const { scim, integration } = clients(server.url);
    const target = anaplanTarget({
      scim,
      integration,
      workspaces: ['w1'],
      readWorkspaceAdministrators: false,
    });
    const error = await typedFailure(() => plan({ desired: desiredState([]), target }));
    expect(error.name).toBe('ResponseValidationError');
    expect(server.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });
});
