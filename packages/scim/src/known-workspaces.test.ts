import { basicAuth } from '@anaplan-access/core';
import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceEntitlements, workspaceIdsOf } from './entitlements.js';
import { ScimClient } from './scim-client.js';

const password = 'known-workspaces-password';
const [first, second, third] = ['1', '2', '3'].map((digit) => digit.repeat(32)) as [string, string, string];
let simulator: Simulator;
let client: ScimClient;
let sequence = 0;

beforeAll(async () => {
  simulator = await startSimulator({
    seed: {
      users: [{ userName: 'admin@example.com', password, roles: ['USER_ADMIN'] }],
      workspaces: [first, second, third].map((id, index) => ({ id, name: `Workspace ${index}` })),
    },
  });
  client = new ScimClient({
    baseUrl: simulator.scimUrl,
    authUrl: simulator.authUrl,
    auth: basicAuth({ username: 'admin@example.com', password }),
  });
});

afterAll(async () => {
  await client.close();
  await simulator.close();
});

async function newUser(initial: string[]) {
  return client.users.create({
    userName: `known.${++sequence}@example.com`,
    name: { givenName: 'K', familyName: 'W' },
    entitlements: workspaceEntitlements(initial),
  });
}

const requestsSince = (since: number) =>
  simulator.requests
    .slice(since)
    .map((request) => `${request.method} ${request.path.replace(/^.*\/v2/, '')}`);

describe('workspace changes with knownWorkspaces', () => {
  it('reads the user before a grant by default', async () => {
    const user = await newUser([first]);
    const since = simulator.requests.length;
    const result = await client.users.grantWorkspaces(user.id, [second]);
    expect(result.granted).toEqual([second]);
    expect(requestsSince(since)).toEqual([`GET /Users/${user.id}`, `PATCH /Users/${user.id}`]);
  });

  it('grants with one PATCH when the caller knows the workspaces held', async () => {
    const user = await newUser([first]);
    const since = simulator.requests.length;
    const result = await client.users.grantWorkspaces(user.id, [second], { knownWorkspaces: [first] });
    expect(result).toMatchObject({ granted: [second], unchanged: [], failed: [] });
    expect(new Set(workspaceIdsOf(result.user))).toEqual(new Set([first, second]));
    expect(requestsSince(since)).toEqual([`PATCH /Users/${user.id}`]);
  });

  it('revokes with one PATCH when the caller knows the workspaces held', async () => {
    const user = await newUser([first, second]);
    const since = simulator.requests.length;
    const result = await client.users.revokeWorkspaces(user.id, [second], {
      knownWorkspaces: [first, second],
    });
    expect(result).toMatchObject({ revoked: [second], failed: [] });
    expect(workspaceIdsOf(await client.users.get(user.id))).toEqual([first]);
    expect(requestsSince(since).slice(0, 1)).toEqual([`PATCH /Users/${user.id}`]);
  });

  it('sends nothing when the known workspaces need no change, and still returns the user', async () => {
    const user = await newUser([first]);
    const since = simulator.requests.length;
    const result = await client.users.grantWorkspaces(user.id, [first], { knownWorkspaces: [first] });
    expect(result).toMatchObject({ granted: [], unchanged: [first], failed: [] });
    expect(result.user.id).toBe(user.id);
    expect(requestsSince(since)).toEqual([`GET /Users/${user.id}`]);
  });

  it('revokes through the documented type path where value filters are refused, from a fresh read once learned', async () => {
    simulator.state.switches.scimEntitlementValueFilters = 'reject';
    const fresh = new ScimClient({
      baseUrl: simulator.scimUrl,
      authUrl: simulator.authUrl,
      auth: basicAuth({ username: 'admin@example.com', password }),
    });
    try {
      const user = await newUser([first, second, third]);
      let since = simulator.requests.length;
      const result = await fresh.users.revokeWorkspaces(user.id, [second], {
        knownWorkspaces: [first, second, third],
      });
      expect(result).toMatchObject({ revoked: [second], failed: [] });
      expect(new Set(workspaceIdsOf(await fresh.users.get(user.id)))).toEqual(new Set([first, third]));
      // The refused value filter, then the documented path.
      const patches = () => requestsSince(since).filter((request) => request.startsWith('PATCH'));
      expect(patches()).toEqual([`PATCH /Users/${user.id}`, `PATCH /Users/${user.id}`]);
      // Someone grants `second` again behind this client's back: its known list is stale. A replacement of the
      // set is written from a fresh read, so that grant survives.
      await client.users.grantWorkspaces(user.id, [second]);
      since = simulator.requests.length;
      const again = await fresh.users.revokeWorkspaces(user.id, [first, third], {
        knownWorkspaces: [first, third],
      });
      expect(again).toMatchObject({ revoked: [first, third], failed: [] });
      expect(workspaceIdsOf(await fresh.users.get(user.id))).toEqual([second]);
      // Learned: no refused attempt any more; one read, then the one PATCH.
      expect(requestsSince(since).slice(0, 2)).toEqual([`GET /Users/${user.id}`, `PATCH /Users/${user.id}`]);
      expect(patches()).toEqual([`PATCH /Users/${user.id}`]);
    } finally {
      simulator.state.switches.scimEntitlementValueFilters = 'accept';
      await fresh.close();
    }
  });

  it('still notices a workspace lost to an add that replaced the list', async () => {
    const replacing = await startSimulator({
      seed: {
        users: [
          { userName: 'admin@example.com', password, roles: ['USER_ADMIN'] },
          { id: 'a'.repeat(32), userName: 'held@example.com', workspaces: [first] },
        ],
        workspaces: [first, second].map((id, index) => ({ id, name: `Workspace ${index}` })),
      },
      switches: { scimPatchAddMerges: false },
    });
    const other = new ScimClient({
      baseUrl: replacing.scimUrl,
      authUrl: replacing.authUrl,
      auth: basicAuth({ username: 'admin@example.com', password }),
    });
    try {
      const result = await other.users.grantWorkspaces('a'.repeat(32), [second], {
        knownWorkspaces: [first],
        throwOnFailure: false,
      });
      expect(result.granted).toEqual([second]);
      expect(result.failed).toMatchObject([{ workspaceId: first, operation: 'keep' }]);
    } finally {
      await other.close();
      await replacing.close();
    }
  });
});
