import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientTransport } from '../client.js';
import { apiKey, basicAuth, bearerToken, isConfigurationError } from '../index.js';
import { type AnaplanAuthSchemeOptions, withAnaplanAuthScheme } from './anaplan-auth-scheme.js';
import type { AuthProvider } from './auth-provider.js';

const workspaceGuid = 'aa'.repeat(16);
const adminApi: AnaplanAuthSchemeOptions = {
  client: 'TestClient',
  api: 'the Exception Users API',
  apiKeys: 'AnaplanApiKey',
};
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      workspaces: [{ id: workspaceGuid, name: 'Finance', ssoEnabled: true }],
      users: [{ userName: 'security@example.com', password: 'pw', workspaces: [workspaceGuid] }],
      apiKeys: [{ key: 'auk_us1_security', userName: 'security@example.com' }],
    },
  });
});
afterAll(() => sim.close());

/** Searches the simulated Exception Users API (which answers Bearer with 400) as `auth`; the scheme it sent. */
async function searchAs(auth: AuthProvider): Promise<string | undefined> {
  const transport = createClientTransport('TestClient', 'api', {
    auth,
    authUrl: sim.authUrl,
    baseUrl: sim.adminUrl,
    retry: 0,
  });
  try {
    await transport.request({
      api: 'api',
      method: 'POST',
      path: '/permissions/exception-users/search',
      json: { workspaceGuid },
      idempotent: true,
    });
  } finally {
    await transport.close();
  }
  return sim.requests.filter((request) => request.path.includes('/exception-users/')).at(-1)?.authScheme;
}

async function tokenOf(username: string): Promise<string> {
  const login = await fetch(`${sim.authUrl}/token/authenticate`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${username}:pw`).toString('base64')}` },
  });
  return ((await login.json()) as { tokenInfo: { tokenValue: string } }).tokenInfo.tokenValue;
}

describe('withAnaplanAuthScheme', () => {
  it('sends an API key as AnaplanApiKey, which the Administration APIs take (core’s apiKey alone sends Bearer)', async () => {
    expect(await searchAs(withAnaplanAuthScheme(apiKey('auk_us1_security'), adminApi))).toBe('AnaplanApiKey');
    await expect(searchAs(apiKey('auk_us1_security'))).rejects.toMatchObject({ status: 400 });
  });

  it('sends a Bearer token as AnaplanAuthToken, and an Anaplan login as it is', async () => {
    const token = await tokenOf('security@example.com');
    expect(await searchAs(withAnaplanAuthScheme(bearerToken(token), adminApi))).toBe('AnaplanAuthToken');
    const login = basicAuth({ username: 'security@example.com', password: 'pw' });
    expect(await searchAs(withAnaplanAuthScheme(login, adminApi))).toBe('AnaplanAuthToken');
  });

  it('refuses an API key where the API takes none, and any other scheme, naming auth', async () => {
    const refused = (() => {
      try {
        withAnaplanAuthScheme(apiKey('auk_us1_security'), { ...adminApi, apiKeys: 'refuse' });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(isConfigurationError(refused)).toBe(true);
    expect(refused).toMatchObject({
      key: 'auth',
      message: expect.stringContaining('does not accept API keys'),
    });
    const digest: AuthProvider = {
      kind: 'digest',
      authenticate: async () => ({ authorization: 'Digest x' }),
    };
    await expect(searchAs(withAnaplanAuthScheme(digest, adminApi))).rejects.toMatchObject({
      kind: 'configuration',
      key: 'auth',
    });
  });
});
