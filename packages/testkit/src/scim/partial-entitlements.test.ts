import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../simulator.js';

const resultsUrn = 'urn:anaplan-access:simulator:scim:2.0:EntitlementResults';

interface PartialBody {
  schemas: string[];
  id: string;
  active: boolean;
  displayName: string;
  entitlements?: { value: string; type: string }[];
  [resultsUrn]?: {
    status: string;
    detail: string;
    results: {
      value: string;
      display: string;
      type: string;
      operation: string;
      status: string;
      detail?: string;
    }[];
  };
}

const adminAuth = `Basic ${Buffer.from('admin@example.com:admin-secret').toString('base64')}`;
const workspaceId = (index: number) => index.toString(16).padStart(32, '0');
const ws = (index: number) => ({ value: workspaceId(index), type: 'WORKSPACE' });
const failing = workspaceId(3);

let sim: Simulator;

async function call(method: string, path: string, body: unknown) {
  const response = await fetch(`${sim.scimUrl}${path}`, {
    method,
    headers: { authorization: adminAuth, 'content-type': 'application/scim+json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    body: (await response.json()) as PartialBody,
  };
}

const newUser = (userName: string, entitlements: unknown[]) => ({
  userName,
  name: { givenName: 'Part', familyName: 'Ial' },
  entitlements,
});

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      workspaces: [1, 2, 3].map((index) => ({ id: workspaceId(index), name: `Workspace ${index}` })),
      users: [{ userName: 'admin@example.com', password: 'admin-secret', roles: ['USER_ADMIN'] }],
    },
    switches: { scimFailingWorkspaces: [failing] },
  });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.state.switches.scimPartialStatus = 207;
});

describe('partial entitlement failures', () => {
  it('creates the user with the workspaces that saved and answers 207 with per-workspace results', async () => {
    const { status, location, body } = await call(
      'POST',
      '/Users',
      newUser('p1@example.com', [ws(1), ws(3), ws(2)]),
    );
    expect(status).toBe(207);
    expect(location).toBe(`${sim.scimUrl}/Users/${body.id}`);
    expect(body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', resultsUrn]);
    expect(body.displayName).toBe('Part Ial');
    expect(body.entitlements?.filter((item) => item.type === 'WORKSPACE').map((item) => item.value)).toEqual([
      workspaceId(1),
      workspaceId(2),
    ]);
    expect(body[resultsUrn]).toEqual({
      status: '207',
      detail: expect.stringContaining('1 of 3'),
      results: [
        { value: workspaceId(1), display: 'Workspace 1', type: 'WORKSPACE', operation: 'add', status: '200' },
        {
          value: failing,
          display: 'Workspace 3',
          type: 'WORKSPACE',
          operation: 'add',
          status: '500',
          detail: expect.any(String),
        },
        { value: workspaceId(2), display: 'Workspace 2', type: 'WORKSPACE', operation: 'add', status: '200' },
      ],
    });
    expect(sim.state.users.get(body.id)?.workspaces).toEqual([workspaceId(1), workspaceId(2)]);
  });

  it('keeps a membership whose removal fails while saving the rest of a PUT', async () => {
    const user = sim.state.addUser({
      id: 'c'.repeat(32),
      userName: 'p2@example.com',
      givenName: 'Old',
      familyName: 'Name',
      active: true,
      externalId: undefined,
      password: undefined,
      roles: [],
      workspaces: [workspaceId(1), failing],
      certificate: undefined,
    });
    const { status, body } = await call('PUT', `/Users/${user.id}`, {
      userName: 'p2@example.com',
      name: { givenName: 'New', familyName: 'Name' },
      active: false,
    });
    expect(status).toBe(207);
    expect(body).toMatchObject({ displayName: 'New Name', active: false });
    expect(user.workspaces).toEqual([failing]);
    expect(body[resultsUrn]?.results.map((result) => [result.operation, result.status])).toEqual([
      ['remove', '200'],
      ['remove', '500'],
    ]);
  });

  it('answers 200 with the user as saved when scimPartialStatus is 200', async () => {
    sim.state.switches.scimPartialStatus = 200;
    const created = await call('POST', '/Users', newUser('p3@example.com', [ws(1)]));
    expect(created.status).toBe(201);
    const { status, body } = await call('PATCH', `/Users/${created.body.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'entitlements', value: [ws(3), ws(2)] }],
    });
    expect(status).toBe(200);
    expect(body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User']);
    expect(body[resultsUrn]).toBeUndefined();
    expect(body.entitlements?.filter((item) => item.type === 'WORKSPACE').map((item) => item.value)).toEqual([
      workspaceId(1),
      workspaceId(2),
    ]);
  });

  it('answers plainly when the failing workspace is not touched', async () => {
    const { status, body } = await call('POST', '/Users', newUser('p4@example.com', [ws(2)]));
    expect(status).toBe(201);
    expect(body[resultsUrn]).toBeUndefined();
  });
});
