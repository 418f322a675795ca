import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Transport } from '../client.js';
import {
  type AuthProvider,
  type DevicePrompt,
  isAbortError,
  isAuthenticationError,
  oauthDeviceGrant,
  oauthRefreshToken,
} from '../index.js';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      users: [{ userName: 'oauth@example.com' }],
      oauthClients: [
        {
          clientId: 'rotating-client',
          clientSecret: 'rotating-client-secret',
          userName: 'oauth@example.com',
          refreshTokens: ['first-refresh-token'],
          rotate: true,
        },
        {
          clientId: 'fixed-client',
          userName: 'oauth@example.com',
          refreshTokens: ['fixed-refresh-token'],
          rotate: false,
        },
        { clientId: 'device-client', userName: 'oauth@example.com' },
      ],
    },
    tokenTtlMs: 2000,
  });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.faults.clear();
});

function transportFor(auth: AuthProvider): Transport {
  return new Transport({
    auth,
    baseUrls: { api: sim.apiUrl, auth: sim.authUrl, scim: sim.scimUrl, oauth: sim.oauthUrl },
    retry: 0,
  });
}

async function whoAmI(transport: Transport, signal?: AbortSignal): Promise<string> {
  const { data } = await transport.request({
    api: 'auth',
    method: 'GET',
    path: '/token/validate',
    signal,
  });
  return (data as { userInfo: { userId: string } }).userInfo.userId;
}

const tokenCalls = () => sim.requests.filter((request) => request.path === '/oauth/token');

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('oauthRefreshToken', () => {
  it('rotates: reports every new refresh token to onRotate and uses it next', async () => {
    const rotated: string[] = [];
    const transport = transportFor(
      oauthRefreshToken({
        clientId: 'rotating-client',
        clientSecret: 'rotating-client-secret',
        refreshToken: 'first-refresh-token',
        onRotate: (token) => {
          rotated.push(token);
        },
      }),
    );
    expect(await whoAmI(transport)).toBe('oauth@example.com');
    expect(rotated).toHaveLength(1);
    expect(rotated[0]).not.toBe('first-refresh-token');
    // The 2 s access token is renewed after half its lifetime with the rotated refresh token.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await whoAmI(transport)).toBe('oauth@example.com');
    expect(rotated).toHaveLength(2);
    expect(rotated[1]).not.toBe(rotated[0]);
    const client = sim.state.oauthClients.get('rotating-client');
    expect(client?.refreshTokens).toEqual([rotated[1]]);
  });

  it('keeps a non-rotating refresh token and does not call onRotate', async () => {
    let calls = 0;
    const transport = transportFor(
      oauthRefreshToken({
        clientId: 'fixed-client',
        refreshToken: 'fixed-refresh-token',
        onRotate: () => void calls++,
      }),
    );
    expect(await whoAmI(transport)).toBe('oauth@example.com');
    expect(calls).toBe(0);
  });

  it('sends the access token as AnaplanAuthToken', async () => {
    const transport = transportFor(
      oauthRefreshToken({ clientId: 'fixed-client', refreshToken: 'fixed-refresh-token' }),
    );
    const before = sim.requests.length;
    await whoAmI(transport);
    expect(sim.requests.slice(before).map((request) => request.authScheme)).toEqual([
      undefined,
      'AnaplanAuthToken',
    ]);
  });

  it('a throwing onRotate is logged but does not fail the request', async () => {
    const client = sim.state.oauthClients.get('rotating-client');
    client?.refreshTokens.push('second-refresh-token');
    const warnings: string[] = [];
    const transport = new Transport({
      auth: oauthRefreshToken({
        clientId: 'rotating-client',
        clientSecret: 'rotating-client-secret',
        refreshToken: 'second-refresh-token',
        onRotate: () => {
          throw new Error('store unavailable');
        },
      }),
      baseUrls: { auth: sim.authUrl, oauth: sim.oauthUrl },
      logger: { debug() {}, info() {}, error() {}, warn: (_fields, message) => warnings.push(message) },
    });
    expect(await whoAmI(transport)).toBe('oauth@example.com');
    expect(warnings).toEqual(['onRotate failed; the new refresh token is kept in memory only']);
  });

  it('turns an invalid refresh token into an AuthenticationError', async () => {
    const transport = transportFor(
      oauthRefreshToken({ clientId: 'fixed-client', refreshToken: 'not-a-valid-token' }),
    );
    const error = await rejection(whoAmI(transport));
    expect(isAuthenticationError(error)).toBe(true);
    expect(String(error)).toContain('The OAuth refresh-token grant failed');
    expect(String(error)).toContain('invalid_grant');
  });

  it('shows only kind and client id', () => {
    const auth = oauthRefreshToken({
      clientId: 'c1',
      clientSecret: 'hidden-secret',
      refreshToken: 'hidden-refresh',
    });
    expect(JSON.stringify(auth)).toBe('{"kind":"oauth-refresh-token","clientId":"c1"}');
  });
});

describe('oauthDeviceGrant', () => {
  it('prompts, honours authorization_pending, then uses the tokens', async () => {
    sim.state.switches.deviceCodeIntervalSeconds = 1;
    const prompts: DevicePrompt[] = [];
    const issued: string[] = [];
    const transport = transportFor(
      oauthDeviceGrant({
        clientId: 'device-client',
        onPrompt: (prompt) => {
          prompts.push(prompt);
        },
        onRotate: (token) => {
          issued.push(token);
        },
      }),
    );
    const before = tokenCalls().length;
    const result = whoAmI(transport);
    // Approve once the client has been told "authorization_pending" once.
    while (tokenCalls().length === before) await new Promise((resolve) => setTimeout(resolve, 20));
    sim.approveDevice(prompts[0]?.userCode ?? 'missing');
    expect(await result).toBe('oauth@example.com');
    expect(prompts[0]).toMatchObject({ verificationUri: `${sim.oauthUrl}/oauth/activate`, expiresIn: 900 });
    expect(prompts[0]?.verificationUriComplete).toContain(prompts[0]?.userCode);
    expect(
      tokenCalls()
        .slice(before)
        .map((request) => request.status),
    ).toEqual([400, 200]);
    expect(issued).toHaveLength(1);
  });

  it('slows down by 5 s on slow_down', async () => {
    sim.state.switches.deviceCodeIntervalSeconds = 0;
    const body = (error: string) => ({ error, error_description: 'injected' });
    sim.faults
      .failNext({ status: 400, route: '/oauth/token', body: body('authorization_pending') })
      .failNext({ status: 400, route: '/oauth/token', body: body('slow_down') });
    const transport = transportFor(
      oauthDeviceGrant({
        clientId: 'device-client',
        onPrompt: ({ userCode }) => void sim.approveDevice(userCode),
      }),
    );
    const before = tokenCalls().length;
    const startedAt = performance.now();
    expect(await whoAmI(transport)).toBe('oauth@example.com');
    const polls = tokenCalls().slice(before);
    expect(polls.map((request) => request.status)).toEqual([400, 400, 200]);
    const gap = (polls[2]?.startedAt ?? 0) - (polls[1]?.startedAt ?? 0);
    expect(gap).toBeGreaterThanOrEqual(4900);
    expect(performance.now() - startedAt).toBeLessThan(8000);
  }, 15_000);

  it.each(['deny', 'expire'] as const)('a %s ends in an AuthenticationError', async (outcome) => {
    sim.state.switches.deviceCodeIntervalSeconds = 0;
    const transport = transportFor(
      oauthDeviceGrant({
        clientId: 'device-client',
        onPrompt: ({ userCode }) => {
          if (outcome === 'deny') sim.approveDevice(userCode, 'deny');
          else sim.advanceTime(901_000);
        },
      }),
    );
    const error = await rejection(whoAmI(transport));
    if (outcome === 'expire') sim.advanceTime(-901_000);
    expect(isAuthenticationError(error)).toBe(true);
    expect(String(error)).toContain(outcome === 'deny' ? 'access_denied' : 'expired_token');
  });

  it('stops polling when the only waiting request is aborted', async () => {
    sim.state.switches.deviceCodeIntervalSeconds = 0;
    const controller = new AbortController();
    const transport = transportFor(
      oauthDeviceGrant({
        clientId: 'device-client',
        onPrompt: () => void setTimeout(() => controller.abort(), 100),
      }),
    );
    const error = await rejection(whoAmI(transport, controller.signal));
    expect(isAbortError(error)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const count = tokenCalls().length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tokenCalls().length).toBe(count);
  });
});
