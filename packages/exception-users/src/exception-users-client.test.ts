import { apiKey, basicAuth, bearerToken, isBadRequestError } from '@anaplan-access/core';
import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExceptionUsersClient } from './exception-users-client.js';
import { isExceptionUsersPermissionError } from './exception-users-permission-error.js';

const sso = 'aa'.repeat(16);
const plain = 'bb'.repeat(16);
const ids = { security: '01'.repeat(16), planner: '02'.repeat(16), breakGlass: '03'.repeat(16) };
let sim: Simulator;

const clientAs = (username: string) =>
  new ExceptionUsersClient({
    auth: basicAuth({ username, password: 'pw' }),
    authUrl: sim.authUrl,
    baseUrl: sim.adminUrl,
  });

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      workspaces: [
        { id: sso, name: 'Finance', ssoEnabled: true },
        { id: plain, name: 'Sales' },
      ],
      users: [
        {
          id: ids.security,
          userName: 'security@example.com',
          password: 'pw',
          roles: ['TENANT_SECURITY_ADMIN'],
          workspaces: [sso],
        },
        { id: ids.planner, userName: 'planner@example.com', password: 'pw', workspaces: [sso, plain] },
        { id: ids.breakGlass, userName: 'break.glass@example.com', workspaces: [sso] },
      ],
      apiKeys: [{ key: 'auk_us1_security', userName: 'security@example.com' }],
    },
  });
});
afterAll(() => sim.close());

describe('ExceptionUsersClient', () => {
  it('assigns, searches by workspace and by user, and unassigns, recording the audit events', async () => {
    const exceptions = clientAs('security@example.com');
    await exceptions.assign(ids.breakGlass, sso);
    await exceptions.assign(ids.breakGlass, sso); // again: no change
    expect(await exceptions.search({ workspaceGuid: sso })).toEqual([
      {
        workspaceGuid: sso,
        workspaceName: 'Finance',
        users: [{ userGuid: ids.breakGlass, email: 'break.glass@example.com' }],
      },
    ]);
    expect(
      (await exceptions.search({ userGuid: ids.breakGlass })).map((workspace) => workspace.workspaceGuid),
    ).toEqual([sso]);
    await exceptions.unassign(ids.breakGlass, sso);
    expect(await exceptions.search({ userGuid: ids.breakGlass })).toEqual([]);
    expect(
      sim.audit.events
        .filter((event) => event.eventTypeId.startsWith('USR-5'))
        .map((e) => [e.eventTypeId, e.userId]),
    ).toEqual([
      ['USR-57', ids.security],
      ['USR-58', ids.security],
    ]);
    const schemes = sim.requests
      .filter((request) => request.path.startsWith('/admin/'))
      .map((request) => request.authScheme);
    expect(new Set(schemes)).toEqual(new Set(['AnaplanAuthToken']));
    await exceptions.close();
  });

  it('never sends Bearer: an API key goes as AnaplanApiKey, a token as AnaplanAuthToken', async () => {
    const keyed = new ExceptionUsersClient({ auth: apiKey('auk_us1_security'), baseUrl: sim.adminUrl });
    expect(await keyed.search({ workspaceGuid: sso })).toHaveLength(1);
    const login = await fetch(`${sim.authUrl}/token/authenticate`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('security@example.com:pw').toString('base64')}` },
    });
    const { tokenInfo } = (await login.json()) as { tokenInfo: { tokenValue: string } };
    const tokened = new ExceptionUsersClient({
      auth: bearerToken(tokenInfo.tokenValue),
      baseUrl: sim.adminUrl,
    });
    expect(await tokened.search({ workspaceGuid: sso })).toHaveLength(1);
    const schemes = sim.requests.slice(-3).map((request) => request.authScheme);
    expect(schemes).toEqual(['AnaplanApiKey', 'Basic', 'AnaplanAuthToken']);
  });

  it('refuses the own account and callers without the role with a typed error', async () => {
    const security = clientAs('security@example.com');
    const own = await failure(security.assign(ids.security, sso));
    expect(isExceptionUsersPermissionError(own)).toBe(true);
    expect(own).toMatchObject({ status: 403, ownAccount: true });
    const planner = clientAs('planner@example.com');
    const role = await failure(planner.assign(ids.breakGlass, sso));
    expect(role).toMatchObject({ status: 403, ownAccount: false });
    expect(isBadRequestError(await failure(security.assign(ids.planner, plain)))).toBe(true);
    await security.close();
    await planner.close();
  });

  it('refuses bad input before sending, naming the field', () => {
    const exceptions = clientAs('security@example.com');
    const refused = (call: () => unknown, key: string) =>
      expect(call).toThrow(expect.objectContaining({ kind: 'configuration', key }));
    refused(() => exceptions.assign('not-an-id', sso), 'userGuid');
    refused(() => exceptions.unassign(ids.planner, sso.toUpperCase()), 'workspaceGuid');
    refused(() => exceptions.search({ workspaceGuid: sso, userGuid: ids.planner } as never), 'criteria');
    refused(() => new ExceptionUsersClient({ auth: apiKey('k'), colour: 'red' } as never), 'colour');
  });

  it('defaults to the region’s Administration API', () => {
    expect(new ExceptionUsersClient({ auth: apiKey('k'), region: 'eu3' }).baseUrl).toBe(
      'https://eu3.api.anaplan.com/admin/1/0',
    );
    expect(new ExceptionUsersClient({ auth: apiKey('k') }).baseUrl).toBe('https://api.anaplan.com/admin/1/0');
  });
});
