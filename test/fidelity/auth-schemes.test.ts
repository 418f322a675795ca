import { IntegrationClient } from '@anaplan-access/bulk';
import {
  type AuthProvider,
  apiKey,
  basicAuth,
  isAuthenticationError,
  oauthRefreshToken,
} from '@anaplan-access/core';
import { ScimClient } from '@anaplan-access/scim';
import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Which scheme each API takes for a token is a simulator switch (`bearerAccepted`). The clients send every
// token they obtain (basic, certificate, OAuth) as `AnaplanAuthToken`, the one scheme every Anaplan API takes,
// so they work whatever the switch says; only a credential that is a bearer by nature (an API key) depends on it.

const oauthClient = 'c0ffee00c0ffee00c0ffee00c0ffee03';
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      users: [{ userName: 'admin@example.com', password: 'scheme-secret', roles: ['USER_ADMIN'] }],
      oauthClients: [
        { clientId: oauthClient, userName: 'admin@example.com', refreshTokens: ['rt-1'], rotate: false },
      ],
      apiKeys: [{ key: 'api-key-0123456789', userName: 'admin@example.com' }],
    },
  });
});
afterAll(() => sim?.close());

async function reach(auth: AuthProvider): Promise<{ scim: string; integration: string }> {
  const common = { auth, authUrl: sim.authUrl, oauthUrl: sim.oauthUrl, retry: 0 };
  const scim = new ScimClient({ ...common, baseUrl: sim.scimUrl });
  const integration = new IntegrationClient({ ...common, baseUrl: sim.apiUrl });
  const outcome = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: unknown) => (isAuthenticationError(error) ? 'refused' : `failed: ${String(error)}`),
    );
  try {
    return {
      scim: await outcome(scim.users.list()),
      integration: await outcome(integration.users.me()),
    };
  } finally {
    await Promise.allSettled([scim.close(), integration.close()]);
  }
}

describe.each([
  { integration: true, scim: true },
  { integration: false, scim: false },
])('with Bearer accepted by the Integration API: $integration, by SCIM: $scim', (accepted) => {
  beforeAll(() => {
    sim.state.switches.bearerAccepted = { ...accepted };
  });
  afterAll(() => {
    sim.state.switches.bearerAccepted = { integration: true, scim: true };
  });

  it('basic and OAuth tokens reach both APIs (sent as AnaplanAuthToken)', async () => {
    expect(await reach(basicAuth({ username: 'admin@example.com', password: 'scheme-secret' }))).toEqual({
      scim: 'ok',
      integration: 'ok',
    });
    expect(await reach(oauthRefreshToken({ clientId: oauthClient, refreshToken: 'rt-1' }))).toEqual({
      scim: 'ok',
      integration: 'ok',
    });
  });

  it('an API key (a Bearer credential) reaches SCIM only where SCIM takes Bearer', async () => {
    const result = await reach(apiKey('api-key-0123456789'));
    expect(result.scim).toBe(accepted.scim ? 'ok' : 'refused');
  });
});
