import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../simulator.js';

let sim: Simulator;
const sso = 'aa'.repeat(16);
const plain = 'bb'.repeat(16);
const ids = { security: '01'.repeat(16), planner: '02'.repeat(16), visitor: '03'.repeat(16) };

function token(userName: string): string {
  const user = sim.state.findUserByName(userName);
  if (!user) throw new Error(userName);
  const value = `token-${user.id}`;
  sim.state.sessions.set(value, {
    token: value,
    tokenId: value,
    userId: user.id,
    expiresAt: Date.now() + 3_600_000,
    revoked: false,
    via: 'basic',
  });
  return value;
}

async function call(method: string, path: string, body: unknown, authorization: string) {
  const response = await fetch(`${sim.adminUrl}/permissions/exception-users${path}`, {
    method,
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      workspaces: [
        { id: sso, name: 'Finance', ssoEnabled: true, exceptionUsers: ['visitor@example.com'] },
        { id: plain, name: 'Sales' },
      ],
      users: [
        {
          id: ids.security,
          userName: 'security@example.com',
          roles: ['TENANT_SECURITY_ADMIN'],
          workspaces: [sso],
        },
        { id: ids.planner, userName: 'planner@example.com', workspaces: [sso, plain] },
        { id: ids.visitor, userName: 'visitor@example.com' },
      ],
      apiKeys: [{ key: 'auk_us1_key', userName: 'security@example.com' }],
      models: [
        { name: 'FP&A', workspaceId: sso, users: [{ email: 'planner@example.com', role: 'Full Access' }] },
      ],
    },
  });
});
afterAll(() => sim.close());

describe('the simulated Exception Users API', () => {
  it('refuses Bearer with 400 FAILURE_BAD_HEADER, and takes AnaplanApiKey', async () => {
    const bearer = await call(
      'POST',
      '/search',
      { workspaceGuid: sso },
      `Bearer ${token('security@example.com')}`,
    );
    expect(bearer).toMatchObject({ status: 400, body: { status: 'FAILURE_BAD_HEADER' } });
    const key = await call('POST', '/search', { workspaceGuid: sso }, 'AnaplanApiKey auk_us1_key');
    expect(key.status).toBe(200);
  });

  it('assigns and unassigns in an SSO workspace, for a Tenant Security Admin, recording USR-57/58', async () => {
    const auth = `AnaplanAuthToken ${token('security@example.com')}`;
    expect(
      (await call('PATCH', `/users/${ids.planner}`, { op: 'assign', workspaceGuid: sso }, auth)).status,
    ).toBe(204);
    expect(sim.state.models.values().next().value?.users.get('planner@example.com')?.sso).toBe(false);
    const byWorkspace = await call('POST', '/search', { workspaceGuid: sso }, auth);
    expect(byWorkspace.body).toEqual({
      response: [
        {
          workspaceGuid: sso,
          workspaceName: 'Finance',
          users: [
            { userGuid: ids.visitor, email: 'visitor@example.com' },
            { userGuid: ids.planner, email: 'planner@example.com' },
          ],
        },
      ],
    });
    // By user: the visitor's workspace is left out (not a member).
    expect((await call('POST', '/search', { userGuid: ids.visitor }, auth)).body).toEqual({ response: [] });
    expect((await call('POST', '/search', { userGuid: ids.planner }, auth)).body.response).toHaveLength(1);
    expect(
      (await call('PATCH', `/users/${ids.planner}`, { op: 'unassign', workspaceGuid: sso }, auth)).status,
    ).toBe(204);
    expect(sim.audit.events.map((event) => [event.eventTypeId, event.userId, event.objectId])).toEqual([
      ['USR-57', ids.security, ids.planner],
      ['USR-58', ids.security, ids.planner],
    ]);
  });

  it('refuses its own account, other roles, a workspace without SSO and a bad op', async () => {
    const security = `AnaplanAuthToken ${token('security@example.com')}`;
    const planner = `AnaplanAuthToken ${token('planner@example.com')}`;
    const own = await call('PATCH', `/users/${ids.security}`, { op: 'assign', workspaceGuid: sso }, security);
    expect(own).toMatchObject({
      status: 403,
      body: { statusMessage: 'Users cannot change their own exception user status' },
    });
    expect(
      (await call('PATCH', `/users/${ids.visitor}`, { op: 'assign', workspaceGuid: sso }, planner)).status,
    ).toBe(403);
    expect(
      (await call('PATCH', `/users/${ids.planner}`, { op: 'assign', workspaceGuid: plain }, security)).status,
    ).toBe(400);
    expect(
      (await call('PATCH', `/users/${ids.planner}`, { op: 'grant', workspaceGuid: sso }, planner)).status,
    ).toBe(400);
    expect((await call('POST', '/search', {}, planner)).status).toBe(400);
    // A standard user searches the workspaces they see.
    expect((await call('POST', '/search', { workspaceGuid: sso }, planner)).status).toBe(200);
  });
});
