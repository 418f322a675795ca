import { basicAuth, isAnaplanAccessError } from '@anaplan-access/core';
import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceEntitlements, workspaceIdsOf } from './entitlements.js';
import { ScimClient } from './scim-client.js';
import { isWorkspaceChangeError, WorkspaceChangeError } from './workspace-change.js';

const password = 'workspaces-test-password';
const workspaceIds = Array.from({ length: 120 }, (_, index) => index.toString(16).padStart(32, '0'));
let simulator: Simulator;
let client: ScimClient;
let sequence = 0;

beforeAll(async () => {
  simulator = await startSimulator({
    seed: {
      users: [{ userName: 'admin@example.com', password, roles: ['USER_ADMIN'] }],
      workspaces: workspaceIds.map((id, index) => ({ id, name: `Workspace ${index}` })),
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
    userName: `ws.${++sequence}@example.com`,
    name: { givenName: 'W', familyName: 'S' },
    entitlements: workspaceEntitlements(initial),
  });
}

const patchesSince = (since: number) =>
  simulator.requests.slice(since).filter((request) => request.method === 'PATCH');

describe('workspace membership', () => {
  it('grants 120 workspaces in chunks of 50 and confirms each one', async () => {
    const user = await newUser([workspaceIds[0]!]);
    const since = simulator.requests.length;
    const result = await client.users.grantWorkspaces(user.id, workspaceIds);
    expect(result.unchanged).toEqual([workspaceIds[0]]);
    expect(result.granted).toHaveLength(119);
    expect(result.failed).toEqual([]);
    expect(patchesSince(since)).toHaveLength(3);
    expect(new Set(workspaceIdsOf(await client.users.get(user.id)))).toEqual(new Set(workspaceIds));
  });

  it('sets workspaces from the diff with the current user', async () => {
    const user = await newUser(workspaceIds.slice(0, 50));
    await client.users.grantWorkspaces(user.id, workspaceIds.slice(50, 60));
    const wanted = workspaceIds.slice(30, 90);
    const since = simulator.requests.length;
    const result = await client.users.setWorkspaces(user.id, wanted);
    expect(result.granted).toEqual(workspaceIds.slice(60, 90));
    expect(result.revoked).toEqual(workspaceIds.slice(0, 30));
    expect(result.unchanged).toEqual(workspaceIds.slice(30, 60));
    // 30 grants in one request, 30 revokes in one request.
    expect(patchesSince(since)).toHaveLength(2);
    expect(new Set(workspaceIdsOf(result.user))).toEqual(new Set(wanted));
  });

  it('reports a 207 partial failure per workspace and never swallows it', async () => {
    const failing = workspaceIds[100]!;
    simulator.state.switches.scimFailingWorkspaces = [failing];
    try {
      const user = await newUser([workspaceIds[0]!]);
      const wanted = [workspaceIds[99]!, failing, workspaceIds[101]!];
      const error = await client.users.grantWorkspaces(user.id, wanted).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkspaceChangeError);
      if (!isWorkspaceChangeError(error)) throw new Error('expected a WorkspaceChangeError');
      const { result } = error;
      expect(result.granted).toEqual([workspaceIds[99], workspaceIds[101]]);
      expect(result.failed).toEqual([
        { workspaceId: failing, operation: 'grant', status: 207, detail: expect.any(String) },
      ]);
      const quiet = await client.users.grantWorkspaces(user.id, wanted, { throwOnFailure: false });
      expect(quiet.unchanged).toEqual([workspaceIds[99], workspaceIds[101]]);
      expect(quiet.failed.map((failure) => failure.workspaceId)).toEqual([failing]);
    } finally {
      simulator.state.switches.scimFailingWorkspaces = [];
    }
  });

  it('reads the user back when a 207 body is not a User (switch scimPartialBody: report)', async () => {
    const failing = workspaceIds[110]!;
    simulator.state.switches.scimFailingWorkspaces = [failing];
    simulator.state.switches.scimPartialBody = 'report';
    try {
      // The create happened (with the workspaces that could be saved): it returns the user, never throws.
      const created = await newUser([workspaceIds[0]!, failing]);
      expect(created.userName).toMatch(/^ws\.\d+@example\.com$/);
      expect(workspaceIdsOf(created)).toEqual([workspaceIds[0]]);
      const replaced = await client.users.replace(created.id, {
        ...created,
        name: { givenName: 'Replaced', familyName: 'S' },
        entitlements: workspaceEntitlements([workspaceIds[1]!, failing]),
      });
      expect(replaced.name?.givenName).toBe('Replaced');
      expect(workspaceIdsOf(replaced)).toEqual([workspaceIds[1]]);
      const quiet = await client.users.grantWorkspaces(created.id, [workspaceIds[2]!, failing], {
        throwOnFailure: false,
      });
      expect(quiet.granted).toEqual([workspaceIds[2]]);
      expect(quiet.failed.map((failure) => failure.workspaceId)).toEqual([failing]);
    } finally {
      simulator.state.switches.scimFailingWorkspaces = [];
      simulator.state.switches.scimPartialBody = 'user';
    }
  });

  it('reports workspaces lost when the server replaces the list on add', async () => {
    simulator.state.switches.scimPatchAddMerges = false;
    try {
      const user = await newUser([workspaceIds[0]!]);
      const error = await client.users
        .grantWorkspaces(user.id, [workspaceIds[1]!])
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkspaceChangeError);
      // The package's kinds are known to core's guard, which narrows to the class.
      if (!isAnaplanAccessError(error, 'scim-workspace-change'))
        throw new Error('expected a WorkspaceChangeError');
      expect(error.result).toMatchObject({
        granted: [workspaceIds[1]],
        failed: [{ workspaceId: workspaceIds[0], operation: 'keep' }],
      });
    } finally {
      simulator.state.switches.scimPatchAddMerges = true;
    }
  });

  it('reports the chunk that failed and the ones not sent', async () => {
    const user = await newUser([]);
    simulator.faults.failNext({
      status: 400,
      route: /PATCH /,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '400',
        detail: 'Bad workspace',
      },
    });
    const result = await client.users.grantWorkspaces(user.id, workspaceIds.slice(0, 60), {
      throwOnFailure: false,
    });
    expect(result.granted).toEqual([]);
    expect(result.failed).toHaveLength(60);
    expect(result.failed[0]).toMatchObject({ status: 400, detail: 'Bad workspace' });
    expect(result.failed[59]).toMatchObject({ status: undefined, detail: expect.stringMatching(/not sent/) });
  });
});
