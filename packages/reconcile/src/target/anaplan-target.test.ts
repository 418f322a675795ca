import { IntegrationClient } from '@anaplan-access/bulk';
import { basicAuth } from '@anaplan-access/core';
import { ScimClient } from '@anaplan-access/scim';
import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anaplanTarget } from './anaplan-target.js';

const admin = { userName: 'integration@example.com', password: 'target-test-password' };
const [finance, sales] = ['1'.repeat(32), '2'.repeat(32)] as [string, string];
const userId = 'a'.repeat(32);
let sim: Simulator;
let scim: ScimClient;
let integration: IntegrationClient;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      users: [
        { ...admin, roles: ['USER_ADMIN'], workspaces: [finance, sales] },
        { id: userId, userName: 'member@example.com', workspaces: [finance] },
      ],
      workspaces: [
        { id: finance, name: 'Finance', admins: [admin.userName] },
        { id: sales, name: 'Sales', admins: [admin.userName] },
      ],
    },
  });
  const common = {
    auth: basicAuth({ username: admin.userName, password: admin.password }),
    authUrl: sim.authUrl,
  };
  scim = new ScimClient({ ...common, baseUrl: sim.scimUrl });
  integration = new IntegrationClient({ ...common, baseUrl: sim.apiUrl });
});

afterAll(async () => {
  await Promise.allSettled([scim.close(), integration.close()]);
  await sim.close();
});

const scimRequestsSince = (since: number) =>
  sim.requests
    .slice(since)
    .filter((request) => request.path.includes('/scim/'))
    .map((request) => `${request.method} ${request.path.replace(/^.*\/v2/, '')}`);

describe('anaplanTarget workspace writes', () => {
  it('reads a user it has not observed before changing their workspaces', async () => {
    const target = anaplanTarget({ scim, integration, workspaces: [finance, sales] });
    const since = sim.requests.length;
    expect(await target.grantWorkspaces(userId, [sales])).toEqual({ failed: [] });
    expect(scimRequestsSince(since)).toEqual([`GET /Users/${userId}`, `PATCH /Users/${userId}`]);
    expect(await target.revokeWorkspaces(userId, [sales])).toEqual({ failed: [] });
  });

  it('changes an observed user with one PATCH per call, also after its own writes', async () => {
    const target = anaplanTarget({ scim, integration, workspaces: [finance, sales] });
    await target.observe();
    const since = sim.requests.length;
    expect(await target.grantWorkspaces(userId, [sales])).toEqual({ failed: [] });
    expect(await target.revokeWorkspaces(userId, [sales])).toEqual({ failed: [] });
    expect(await target.grantWorkspaces(userId, [sales])).toEqual({ failed: [] });
    expect(scimRequestsSince(since)).toEqual(Array(3).fill(`PATCH /Users/${userId}`));
    expect(sim.state.users.get(userId)?.workspaces).toEqual([finance, sales]);
  });
});
