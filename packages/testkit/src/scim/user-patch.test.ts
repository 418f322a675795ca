import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../simulator.js';

interface UserBody {
  id: string;
  externalId?: string;
  name: { givenName: string; familyName: string };
  displayName: string;
  active: boolean;
  entitlements?: { value: string; type: string }[];
  meta: { version: string };
  status?: string;
  scimType?: string;
}

const adminAuth = `Basic ${Buffer.from('admin@example.com:admin-secret').toString('base64')}`;
const workspaceId = (index: number) => index.toString(16).padStart(32, '0');
const workspaces = Array.from({ length: 60 }, (_, index) => ({
  id: workspaceId(index + 1),
  name: `Workspace ${index + 1}`,
}));
const ws = (index: number) => ({ value: workspaceId(index), type: 'WORKSPACE' });
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

let sim: Simulator;
let userId: string;

async function patch(Operations: unknown[], body?: unknown) {
  const response = await fetch(`${sim.scimUrl}/Users/${userId}`, {
    method: 'PATCH',
    headers: { authorization: adminAuth, 'content-type': 'application/scim+json' },
    body: JSON.stringify(body ?? { schemas: [patchOp], Operations }),
  });
  return { status: response.status, body: (await response.json()) as UserBody };
}

const stored = () => {
  const user = sim.state.users.get(userId);
  if (!user) throw new Error('user vanished');
  return user;
};

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
  sim.state.switches.scimPatchAddMerges = true;
  const user = sim.state.addUser({
    id: randomBytes(16).toString('hex'),
    userName: `patch-${sim.state.users.size}@example.com`,
    givenName: 'Pat',
    familyName: 'Ch',
    active: true,
    externalId: 'ext',
    password: undefined,
    roles: [],
    workspaces: [workspaceId(1), workspaceId(2)],
    certificate: undefined,
  });
  userId = user.id;
});

describe('PATCH /Users/{id} attributes', () => {
  it('replaces active (boolean or "False"), the name parts and externalId, in order', async () => {
    const { status, body } = await patch([
      { op: 'replace', path: 'active', value: 'False' },
      { op: 'replace', path: 'name.givenName', value: 'Patricia' },
      { op: 'Replace', path: 'NAME.FAMILYNAME', value: 'Chen' },
      { op: 'add', path: 'externalId', value: 'first' },
      { op: 'replace', path: 'externalId', value: 'second' },
    ]);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      active: false,
      displayName: 'Patricia Chen',
      externalId: 'second',
      meta: { version: 'W/"2"' },
    });
    expect((await patch([{ op: 'replace', path: 'name', value: { givenName: 'P' } }])).body.displayName).toBe(
      'P Chen',
    );
    expect((await patch([{ op: 'remove', path: 'externalId' }])).body.externalId).toBeUndefined();
  });

  it('requires a path on every operation (400 noTarget), even add and replace', async () => {
    for (const operation of [
      { op: 'replace', value: { active: false } },
      { op: 'add', value: { externalId: 'x' } },
      { op: 'remove' },
    ]) {
      const { status, body } = await patch([operation]);
      expect(status, operation.op).toBe(400);
      expect(body).toMatchObject({ status: '400', scimType: 'noTarget' });
    }
    expect(stored().active).toBe(true);
  });

  it('refuses read-only targets (userName, displayName, id) with 400 mutability', async () => {
    for (const path of ['userName', 'displayName', 'id', 'name.formatted']) {
      const { status, body } = await patch([{ op: 'replace', path, value: 'x@example.com' }]);
      expect(status, path).toBe(400);
      expect(body.scimType, path).toBe('mutability');
    }
  });

  it('refuses malformed requests: wrong schemas, unknown op, unknown path, missing value', async () => {
    const cases: [unknown, string][] = [
      [{ Operations: [{ op: 'replace', path: 'active', value: false }] }, 'invalidSyntax'],
      [{ schemas: [patchOp], Operations: [] }, 'invalidSyntax'],
      [{ schemas: [patchOp], Operations: [{ op: 'move', path: 'active', value: false }] }, 'invalidSyntax'],
      [{ schemas: [patchOp], Operations: [{ op: 'replace', path: 'nickName', value: 'x' }] }, 'invalidPath'],
      [
        { schemas: [patchOp], Operations: [{ op: 'replace', path: 'emails[type eq "work"]', value: 'x' }] },
        'mutability',
      ],
      [{ schemas: [patchOp], Operations: [{ op: 'replace', path: 'active' }] }, 'invalidValue'],
      [{ schemas: [patchOp], Operations: [{ op: 'replace', path: 'active', value: 'yes' }] }, 'invalidValue'],
    ];
    for (const [body, scimType] of cases) {
      const response = await patch([], body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.scimType, JSON.stringify(body)).toBe(scimType);
    }
  });

  it('is atomic: a failing operation leaves earlier ones unapplied', async () => {
    const { status } = await patch([
      { op: 'replace', path: 'active', value: false },
      { op: 'remove', path: 'entitlements' },
      { op: 'replace', path: 'userName', value: 'new@example.com' },
    ]);
    expect(status).toBe(400);
    expect(stored()).toMatchObject({
      active: true,
      workspaces: [workspaceId(1), workspaceId(2)],
      version: 1,
    });
  });
});

describe('PATCH /Users/{id} entitlements', () => {
  it('add merges into the current set by default', async () => {
    await patch([{ op: 'add', path: 'entitlements', value: [ws(2), ws(3)] }]);
    expect(stored().workspaces).toEqual([workspaceId(1), workspaceId(2), workspaceId(3)]);
  });

  it('add replaces the set when scimPatchAddMerges is false (the literal Apiary reading)', async () => {
    sim.state.switches.scimPatchAddMerges = false;
    await patch([{ op: 'add', path: 'entitlements', value: [ws(3)] }]);
    expect(stored().workspaces).toEqual([workspaceId(3)]);
  });

  it('replace sets the set, also through the documented type filter and the WORKSPACE_IDS value path', async () => {
    await patch([{ op: 'replace', path: 'entitlements', value: [ws(4)] }]);
    expect(stored().workspaces).toEqual([workspaceId(4)]);
    await patch([{ op: 'replace', path: 'entitlements[type eq "WORKSPACE"]', value: [ws(5), ws(6)] }]);
    expect(stored().workspaces).toEqual([workspaceId(5), workspaceId(6)]);
    await patch([
      {
        op: 'replace',
        path: 'entitlements[type eq "WORKSPACE_IDS"].value',
        value: `${workspaceId(7)},${workspaceId(8)}`,
      },
    ]);
    expect(stored().workspaces).toEqual([workspaceId(7), workspaceId(8)]);
  });

  it('removes one workspace by value filter, or all of them without a filter', async () => {
    const { body } = await patch([
      { op: 'remove', path: `entitlements[value eq "${workspaceId(1).toUpperCase()}"]` },
    ]);
    expect(stored().workspaces).toEqual([workspaceId(2)]);
    expect(body.entitlements?.filter((item) => item.type === 'WORKSPACE').map((item) => item.value)).toEqual([
      workspaceId(2),
    ]);
    const cleared = await patch([
      { op: 'replace', path: 'active', value: false },
      { op: 'remove', path: 'entitlements' },
    ]);
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ active: false });
    expect(cleared.body.entitlements).toBeUndefined();
  });

  it('answers noTarget when a replace filter matches nothing, invalidPath for an unsupported filter', async () => {
    const none = await patch([
      { op: 'replace', path: `entitlements[value eq "${workspaceId(9)}"]`, value: [ws(3)] },
    ]);
    expect(none.body.scimType).toBe('noTarget');
    const bad = await patch([{ op: 'remove', path: 'entitlements[value co "0"]' }]);
    expect(bad.body.scimType).toBe('invalidPath');
    expect(stored().workspaces).toEqual([workspaceId(1), workspaceId(2)]);
  });

  it('refuses more than 50 workspaces in one request, counted over all operations', async () => {
    const first = Array.from({ length: 30 }, (_, index) => ws(index + 1));
    const second = Array.from({ length: 21 }, (_, index) => ws(index + 31));
    const { status, body } = await patch([
      { op: 'add', path: 'entitlements', value: first },
      { op: 'add', path: 'entitlements', value: second },
    ]);
    expect(status).toBe(400);
    expect(body.scimType).toBe('invalidValue');
    expect(stored().workspaces).toHaveLength(2);
    expect(
      (await patch([{ op: 'add', path: 'entitlements', value: [...first, ...second.slice(1)] }])).status,
    ).toBe(200);
    expect(stored().workspaces).toHaveLength(50);
  });

  it('answers 400 invalidValue for an unknown workspace and changes nothing', async () => {
    const { status, body } = await patch([
      { op: 'add', path: 'entitlements', value: [{ value: 'f'.repeat(32), type: 'WORKSPACE' }] },
    ]);
    expect(status).toBe(400);
    expect(body.scimType).toBe('invalidValue');
    expect(stored().workspaces).toEqual([workspaceId(1), workspaceId(2)]);
  });
});
