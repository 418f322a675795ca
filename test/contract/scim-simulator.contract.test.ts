import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectComponentMatches,
  expectRequestMatches,
  expectResponseMatches,
  loadOpenApi,
  type OpenApiSpec,
} from '../helpers/openapi-contract.js';
import { haveReference } from '../helpers/reference.js';

const specFile = 'scim-openapi.yaml';
const title = 'SCIM simulator responses match the reference scim-openapi.yaml';
const available = haveReference([specFile], title);

const adminAuth = `Basic ${Buffer.from('admin@example.com:admin-secret').toString('base64')}`;
const standardAuth = `Basic ${Buffer.from('standard@example.com:standard-secret').toString('base64')}`;
const workspaceId = (index: number) => index.toString(16).padStart(32, '0');
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface Answer {
  status: number;
  contentType: string | null;
  body: unknown;
}

describe.skipIf(!available)(title, () => {
  let spec: OpenApiSpec;
  let sim: Simulator;

  async function call(
    method: string,
    path: string,
    body?: unknown,
    authorization = adminAuth,
  ): Promise<Answer> {
    const response = await fetch(`${sim.scimUrl}${path}`, {
      method,
      headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/scim+json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: await response.json(),
    };
  }

  function matches(template: string, method: string, answer: Answer, expectedStatus: number): void {
    expect(answer.status, `${method} ${template}`).toBe(expectedStatus);
    expectResponseMatches(
      spec,
      { path: template, method, status: answer.status, contentType: answer.contentType },
      answer.body,
    );
  }

  beforeAll(async () => {
    spec = loadOpenApi(specFile);
    sim = await startSimulator({
      seed: {
        workspaces: [1, 2, 3].map((index) => ({ id: workspaceId(index), name: `Workspace ${index}` })),
        users: [
          {
            userName: 'admin@example.com',
            password: 'admin-secret',
            roles: ['USER_ADMIN'],
            workspaces: [workspaceId(1)],
          },
          { userName: 'standard@example.com', password: 'standard-secret', externalId: 'S-1' },
        ],
      },
      switches: { scimFailingWorkspaces: [workspaceId(3)] },
    });
  });
  afterAll(() => sim?.close());

  it('GET /Users (plain, filtered, paged) answers a ListResponse of Users', async () => {
    matches('/Users', 'get', await call('GET', '/Users'), 200);
    matches(
      '/Users',
      'get',
      await call('GET', `/Users?filter=${encodeURIComponent('userName eq "ADMIN@example.com"')}`),
      200,
    );
    matches('/Users', 'get', await call('GET', '/Users?startIndex=2&count=1'), 200);
  });

  it('POST, GET, PUT and PATCH /Users answer Users; the requests we send match the request schemas', async () => {
    const create = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'contract@example.com',
      externalId: 'C-1',
      name: { givenName: 'Con', familyName: 'Tract' },
      active: true,
      entitlements: [{ value: workspaceId(1), type: 'WORKSPACE' }],
    };
    expectRequestMatches(spec, { path: '/Users', method: 'post' }, create);
    const created = await call('POST', '/Users', create);
    matches('/Users', 'post', created, 201);
    const id = (created.body as { id: string }).id;

    matches('/Users/{id}', 'get', await call('GET', `/Users/${id}`), 200);

    const replacement = { ...create, name: { givenName: 'Con', familyName: 'Tractor' }, entitlements: [] };
    expectRequestMatches(spec, { path: '/Users/{id}', method: 'put' }, replacement);
    matches('/Users/{id}', 'put', await call('PUT', `/Users/${id}`, replacement), 200);

    const patch = {
      schemas: [patchOp],
      Operations: [
        { op: 'replace', path: 'active', value: false },
        { op: 'add', path: 'entitlements', value: [{ value: workspaceId(2), type: 'WORKSPACE' }] },
      ],
    };
    expectRequestMatches(spec, { path: '/Users/{id}', method: 'patch' }, patch);
    matches('/Users/{id}', 'patch', await call('PATCH', `/Users/${id}`, patch), 200);
  });

  it('errors are SCIM Error bodies with a string status', async () => {
    matches('/Users', 'get', await call('GET', '/Users?filter=userName%20co%20%22a%22'), 400);
    matches('/Users', 'get', await call('GET', '/Users', undefined, 'Basic bm9ib2R5Om5vcGU='), 401);
    matches('/Users', 'get', await call('GET', '/Users', undefined, standardAuth), 403);
    matches('/Users', 'post', await call('POST', '/Users', { userName: 'x@example.com' }), 400);
    matches(
      '/Users',
      'post',
      await call('POST', '/Users', {
        userName: 'ADMIN@example.com',
        name: { givenName: 'A', familyName: 'B' },
      }),
      409,
    );
    matches('/Users/{id}', 'get', await call('GET', `/Users/${'e'.repeat(32)}`), 404);
    matches(
      '/Users/{id}',
      'patch',
      await call('PATCH', `/Users/${'e'.repeat(32)}`, { schemas: [patchOp], Operations: [] }),
      404,
    );
    const admin = sim.state.findUserByName('admin@example.com');
    matches(
      '/Users/{id}',
      'patch',
      await call('PATCH', `/Users/${admin?.id}`, { schemas: [patchOp], Operations: [{ op: 'remove' }] }),
      400,
    );
    // DELETE is not in the spec (it answers 501 live): check the body against the ScimError component instead.
    const deleted = await call('DELETE', `/Users/${admin?.id}`);
    expect(deleted.status).toBe(501);
    expectComponentMatches(spec, 'ScimError', deleted.body);
  });

  it('a 207 partial entitlement failure is still a valid User (the spec does not declare 207)', async () => {
    const partial = await call('POST', '/Users', {
      userName: 'partial@example.com',
      name: { givenName: 'Par', familyName: 'Tial' },
      entitlements: [
        { value: workspaceId(2), type: 'WORKSPACE' },
        { value: workspaceId(3), type: 'WORKSPACE' },
      ],
    });
    expect(partial.status).toBe(207);
    expectComponentMatches(spec, 'User', partial.body);
  });

  it('discovery endpoints answer their documented shapes without credentials', async () => {
    matches('/ServiceProviderConfig', 'get', await call('GET', '/ServiceProviderConfig', undefined, ''), 200);
    matches('/ResourceTypes', 'get', await call('GET', '/ResourceTypes', undefined, ''), 200);
    // Defect of the reference spec: /Schemas reuses ListResponse, whose Resources are Users, so a schema resource
    // (no userName/name) can never match — the captured live response does not either. Check the envelope only.
    const schemas = await call('GET', '/Schemas', undefined, '');
    expect(schemas.status).toBe(200);
    expectResponseMatches(
      spec,
      { path: '/Schemas', method: 'get', status: 200, contentType: schemas.contentType },
      schemas.body,
      { ignoreErrorsUnder: ['/Resources'] },
    );
  });
});
