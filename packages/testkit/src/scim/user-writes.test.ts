import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../simulator.js';

interface UserBody {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  name: { givenName: string; familyName: string; formatted: string };
  displayName: string;
  active: boolean;
  emails: { value: string; type: string; primary: boolean }[];
  entitlements?: { value: string; display?: string; type: string; primary?: boolean }[];
  meta: { resourceType: string; created: string; lastModified: string; location: string; version: string };
  status?: string;
  scimType?: string;
}

const adminAuth = `Basic ${Buffer.from('admin@example.com:admin-secret').toString('base64')}`;
const workspaceId = (index: number) => index.toString(16).padStart(32, '0');
const workspaces = Array.from({ length: 60 }, (_, index) => ({
  id: workspaceId(index + 1),
  name: `Workspace ${index + 1}`,
}));
workspaces[1] = { id: workspaceId(2), name: 'Finance, "EMEA"' };

let sim: Simulator;

async function call(method: string, path: string, body?: unknown, raw?: string) {
  const response = await fetch(`${sim.scimUrl}${path}`, {
    method,
    headers: { authorization: adminAuth, 'content-type': 'application/scim+json' },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as UserBody };
}

const newUser = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'Grace', familyName: 'Hopper' },
  ...extra,
});
const ws = (index: number) => ({ value: workspaceId(index), type: 'WORKSPACE' });
const memberships = (id: string) => sim.state.users.get(id)?.workspaces;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      workspaces,
      users: [{ userName: 'admin@example.com', password: 'admin-secret', roles: ['USER_ADMIN'] }],
    },
  });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.state.switches.scimCreateStatus = 201;
});

describe('POST /Users', () => {
  it('creates a user (201, Location) in the live schema shape with all three entitlement forms', async () => {
    const { status, headers, body } = await call(
      'POST',
      '/Users',
      newUser('grace@example.com', {
        externalId: 'E-1',
        displayName: 'ignored',
        entitlements: [ws(1), ws(2)],
      }),
    );
    expect(status).toBe(201);
    expect(body.id).toMatch(/^[0-9a-f]{32}$/);
    expect(headers.get('location')).toBe(`${sim.scimUrl}/Users/${body.id}`);
    expect(body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: body.id,
      externalId: 'E-1',
      userName: 'grace@example.com',
      name: { givenName: 'Grace', familyName: 'Hopper', formatted: 'Grace Hopper' },
      displayName: 'Grace Hopper',
      active: true,
      emails: [{ value: 'grace@example.com', type: 'work', primary: true }],
      entitlements: [
        { value: workspaceId(1), display: 'Workspace 1', type: 'WORKSPACE', primary: true },
        { value: workspaceId(2), display: 'Finance, "EMEA"', type: 'WORKSPACE' },
        { value: `${workspaceId(1)},${workspaceId(2)}`, type: 'WORKSPACE_IDS' },
        { value: '"Workspace 1","Finance, \\"EMEA\\""', type: 'WORKSPACE_NAMES' },
      ],
      meta: {
        resourceType: 'User',
        created: expect.any(String),
        lastModified: expect.any(String),
        location: `${sim.scimUrl}/Users/${body.id}`,
        version: 'W/"1"',
      },
    });
    const fetched = await call('GET', `/Users/${body.id.toUpperCase()}`);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('location')).toBe(`${sim.scimUrl}/Users/${body.id}`);
    expect(fetched.body).toEqual(body);
  });

  it('accepts a WORKSPACE_IDS item and a WORKSPACE_NAMES item with quoted, comma-holding names', async () => {
    const byIds = await call(
      'POST',
      '/Users',
      newUser('ids@example.com', {
        entitlements: [{ type: 'WORKSPACE_IDS', value: `${workspaceId(3)}, ${workspaceId(4)}` }],
      }),
    );
    expect(memberships(byIds.body.id)).toEqual([workspaceId(3), workspaceId(4)]);
    const byNames = await call(
      'POST',
      '/Users',
      newUser('names@example.com', {
        entitlements: [{ type: 'WORKSPACE_NAMES', value: '"finance, \\"emea\\"","Workspace 5"' }],
      }),
    );
    expect(byNames.status).toBe(201);
    expect(memberships(byNames.body.id)).toEqual([workspaceId(2), workspaceId(5)]);
  });

  it('refuses missing required attributes, bad JSON and unknown workspaces with 400', async () => {
    const cases: [unknown, string][] = [
      [{ name: { givenName: 'A', familyName: 'B' } }, 'invalidValue'],
      [{ userName: 'a@example.com', name: { familyName: 'B' } }, 'invalidValue'],
      [{ userName: 'a@example.com', name: { givenName: 'A' } }, 'invalidValue'],
      [newUser('a@example.com', { active: 'maybe' }), 'invalidValue'],
      [
        newUser('a@example.com', { entitlements: [{ value: 'f'.repeat(32), type: 'WORKSPACE' }] }),
        'invalidValue',
      ],
      [
        newUser('a@example.com', { entitlements: [{ type: 'WORKSPACE_NAMES', value: '"Nope"' }] }),
        'invalidValue',
      ],
      [newUser('a@example.com', { entitlements: [{ value: workspaceId(1) }] }), 'invalidValue'],
      [[1, 2], 'invalidSyntax'],
    ];
    for (const [body, scimType] of cases) {
      const response = await call('POST', '/Users', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body).toMatchObject({ status: '400', scimType });
    }
    expect((await call('POST', '/Users', undefined, '{"userName":')).body.scimType).toBe('invalidSyntax');
    expect(sim.state.findUserByName('a@example.com')).toBeUndefined();
  });

  it('answers 409 uniqueness for an existing userName in any case', async () => {
    await call('POST', '/Users', newUser('dup@example.com'));
    const { status, body } = await call('POST', '/Users', newUser('DUP@Example.COM'));
    expect(status).toBe(409);
    expect(body).toMatchObject({ status: '409', scimType: 'uniqueness' });
  });

  it('allows 50 workspaces in one call and refuses 51', async () => {
    const fifty = Array.from({ length: 50 }, (_, index) => ws(index + 1));
    expect((await call('POST', '/Users', newUser('fifty@example.com', { entitlements: fifty }))).status).toBe(
      201,
    );
    const tooMany = await call(
      'POST',
      '/Users',
      newUser('many@example.com', { entitlements: [...fifty, ws(51)] }),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.scimType).toBe('invalidValue');
    expect(sim.state.findUserByName('many@example.com')).toBeUndefined();
  });

  it('accepts "False" as active and answers 200 when the scimCreateStatus switch says so', async () => {
    sim.state.switches.scimCreateStatus = 200;
    const { status, body } = await call(
      'POST',
      '/Users',
      newUser('inactive@example.com', { active: 'False' }),
    );
    expect(status).toBe(200);
    expect(body.active).toBe(false);
  });
});

describe('PUT /Users/{id}', () => {
  const create = async (userName: string, extra: Record<string, unknown> = {}) =>
    (await call('POST', '/Users', newUser(userName, extra))).body;

  it('replaces every writable attribute and bumps meta.version', async () => {
    const created = await create('put@example.com', { externalId: 'old', entitlements: [ws(1), ws(2)] });
    const { status, headers, body } = await call('PUT', `/Users/${created.id}`, {
      ...created,
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      displayName: 'Ignored Name',
      active: 'True',
      externalId: 'new',
      entitlements: [ws(2), ws(3)],
    });
    expect(status).toBe(200);
    expect(headers.get('location')).toBe(created.meta.location);
    expect(body).toMatchObject({
      displayName: 'Ada Lovelace',
      active: true,
      externalId: 'new',
      meta: { version: 'W/"2"' },
    });
    expect(memberships(created.id)).toEqual([workspaceId(2), workspaceId(3)]);
  });

  it('accepts its own GET body back unchanged (all three entitlement forms) without changing anything', async () => {
    const created = await create('roundtrip@example.com', { entitlements: [ws(4), ws(2)] });
    const { status, body } = await call('PUT', `/Users/${created.id}`, created);
    expect(status).toBe(200);
    expect(body).toEqual(created);
  });

  it('removes every workspace and clears externalId when they are omitted', async () => {
    const created = await create('clear@example.com', { externalId: 'x', entitlements: [ws(1), ws(5)] });
    const { body } = await call('PUT', `/Users/${created.id}`, newUser('clear@example.com'));
    expect(body.entitlements).toBeUndefined();
    expect(body.externalId).toBeUndefined();
    expect(memberships(created.id)).toEqual([]);
  });

  it('refuses a different userName with 400 mutability but accepts the same one in another case', async () => {
    const created = await create('fixed@example.com');
    const changed = await call('PUT', `/Users/${created.id}`, newUser('other@example.com'));
    expect(changed.status).toBe(400);
    expect(changed.body).toMatchObject({ status: '400', scimType: 'mutability' });
    expect((await call('PUT', `/Users/${created.id}`, newUser('FIXED@example.com'))).status).toBe(200);
    expect(sim.state.users.get(created.id)?.userName).toBe('fixed@example.com');
  });

  it('answers 404 for an unknown id and 400 for more than 50 workspaces', async () => {
    const missing = await call('PUT', `/Users/${'e'.repeat(32)}`, newUser('x@example.com'));
    expect(missing.status).toBe(404);
    expect(missing.body.status).toBe('404');
    const created = await create('put51@example.com');
    const entitlements = Array.from({ length: 51 }, (_, index) => ws(index + 1));
    expect(
      (await call('PUT', `/Users/${created.id}`, newUser('put51@example.com', { entitlements }))).status,
    ).toBe(400);
  });
});
