import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../simulator.js';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const seed = {
  users: [
    { userName: 'admin@example.com', password: 'correct horse', roles: ['USER_ADMIN'] },
    { userName: 'gone@example.com', password: 'pw', active: false },
    { userName: 'nopassword@example.com' },
  ],
};

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed });
});
afterAll(async () => {
  await sim.close();
});

async function authenticate(authorization?: string): Promise<Response> {
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  return fetch(`${sim.authUrl}/token/authenticate`, { method: 'POST', headers });
}

async function login(): Promise<{
  tokenValue: string;
  tokenId: string;
  expiresAt: number;
  refreshTokenId: string;
}> {
  const response = await authenticate(basic('admin@example.com', 'correct horse'));
  expect(response.status).toBe(201);
  return ((await response.json()) as { tokenInfo: never }).tokenInfo;
}

interface TokenEnvelope {
  meta: { validationUrl: string };
  status: string;
  statusMessage: string;
  tokenInfo: { tokenId: string; tokenValue: string; expiresAt: number; refreshTokenId: string };
  userInfo: { userGuid: string; userId: string; customerGuid: string };
}

const withToken = (token: string, scheme = 'AnaplanAuthToken') => ({ authorization: `${scheme} ${token}` });

describe('POST /token/authenticate with Basic', () => {
  it('answers 201 with the documented envelope and a 35-minute token', async () => {
    const before = Date.now();
    const response = await authenticate(basic('ADMIN@example.com', 'correct horse'));
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as TokenEnvelope;
    expect(body).toMatchObject({
      meta: { validationUrl: `${sim.baseUrl}/token/validate` },
      status: 'SUCCESS',
      statusMessage: 'Login successful',
    });
    expect(body.tokenInfo.tokenId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(body.tokenInfo.refreshTokenId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof body.tokenInfo.tokenValue).toBe('string');
    expect(body.tokenInfo.expiresAt).toBeGreaterThanOrEqual(before + 35 * 60 * 1000);
    expect(body.tokenInfo.expiresAt).toBeLessThanOrEqual(Date.now() + 35 * 60 * 1000);
    const session = sim.state.sessions.get(body.tokenInfo.tokenValue);
    expect(session?.via).toBe('basic');
    expect(sim.state.users.get(session?.userId ?? '')?.userName).toBe('admin@example.com');
  });

  it.each([
    ['a wrong password', basic('admin@example.com', 'wrong')],
    ['an unknown user', basic('nobody@example.com', 'correct horse')],
    ['an inactive user', basic('gone@example.com', 'pw')],
    ['a user without a password', basic('nopassword@example.com', '')],
    ['no Authorization header', undefined],
  ])('refuses %s with 401 FAILURE_BAD_CREDENTIAL', async (_case, authorization) => {
    const response = await authenticate(authorization);
    expect(response.status).toBe(401);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.status).toBe('FAILURE_BAD_CREDENTIAL');
    expect(typeof body.statusMessage).toBe('string');
    expect(JSON.stringify(body)).not.toContain('correct horse');
  });

  it.each([
    ['an unknown scheme', 'Token abc'],
    ['Basic without a colon', `Basic ${Buffer.from('admin@example.com').toString('base64')}`],
    ['Basic with non-base64 text', 'Basic !!!'],
  ])('answers 400 FAILURE_BAD_HEADER for %s', async (_case, authorization) => {
    const response = await authenticate(authorization);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 'FAILURE_BAD_HEADER' });
  });

  it('answers 200 when the authenticateStatus switch says so', async () => {
    const other = await startSimulator({ seed, switches: { authenticateStatus: 200 } });
    try {
      const response = await fetch(`${other.authUrl}/token/authenticate`, {
        method: 'POST',
        headers: { authorization: basic('admin@example.com', 'correct horse') },
      });
      expect(response.status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('lets tests count authentications through sim.requests', async () => {
    const count = () => sim.requests.filter((request) => request.path === '/token/authenticate').length;
    const before = count();
    await login();
    await authenticate(basic('admin@example.com', 'wrong'));
    expect(count()).toBe(before + 2);
    expect(sim.requests.at(-1)).toMatchObject({ method: 'POST', status: 401, authScheme: 'Basic' });
  });
});

describe('GET /token/validate', () => {
  it('answers 200 with tokenInfo and userInfo for a live token', async () => {
    const token = await login();
    const response = await fetch(`${sim.authUrl}/token/validate`, { headers: withToken(token.tokenValue) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenEnvelope;
    expect(body).toMatchObject({
      status: 'SUCCESS',
      statusMessage: 'Token validated',
      tokenInfo: { tokenId: token.tokenId, expiresAt: token.expiresAt },
      userInfo: { userId: 'admin@example.com' },
    });
    expect(body.userInfo.userGuid).toMatch(/^[0-9a-f]{32}$/);
    expect(body.userInfo.customerGuid).toMatch(/^[0-9a-f]{32}$/);
  });

  it('answers 401 for an unknown token and 401 without a header', async () => {
    const unknown = await fetch(`${sim.authUrl}/token/validate`, { headers: withToken('not-a-token') });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ status: 'FAILURE_BAD_CREDENTIAL' });
    expect((await fetch(`${sim.authUrl}/token/validate`)).status).toBe(401);
  });

  it('answers 400 for a Bearer header (live probes)', async () => {
    const token = await login();
    const response = await fetch(`${sim.authUrl}/token/validate`, {
      headers: withToken(token.tokenValue, 'Bearer'),
    });
    expect(response.status).toBe(400);
  });

  it('answers 401 once the token expired on the simulator clock', async () => {
    const other = await startSimulator({ seed, tokenTtlMs: 60_000 });
    try {
      const response = await fetch(`${other.authUrl}/token/authenticate`, {
        method: 'POST',
        headers: { authorization: basic('admin@example.com', 'correct horse') },
      });
      const { tokenInfo } = (await response.json()) as { tokenInfo: { tokenValue: string } };
      other.advanceTime(59_000);
      const fresh = await fetch(`${other.authUrl}/token/validate`, {
        headers: withToken(tokenInfo.tokenValue),
      });
      expect(fresh.status).toBe(200);
      other.advanceTime(1_000);
      const stale = await fetch(`${other.authUrl}/token/validate`, {
        headers: withToken(tokenInfo.tokenValue),
      });
      expect(stale.status).toBe(401);
      const refresh = await fetch(`${other.authUrl}/token/refresh`, {
        method: 'POST',
        headers: withToken(tokenInfo.tokenValue),
      });
      expect(refresh.status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('answers 401 once the user was deactivated', async () => {
    const token = await login();
    const user = sim.state.findUserByName('admin@example.com');
    if (!user) throw new Error('seed user missing');
    user.active = false;
    try {
      const response = await fetch(`${sim.authUrl}/token/validate`, { headers: withToken(token.tokenValue) });
      expect(response.status).toBe(401);
    } finally {
      user.active = true;
    }
  });
});

describe('POST /token/refresh', () => {
  it('by default extends the same token value with a later expiry, as live probes saw', async () => {
    const token = await login();
    sim.advanceTime(60_000);
    const response = await fetch(`${sim.authUrl}/token/refresh`, {
      method: 'POST',
      headers: withToken(token.tokenValue),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenEnvelope;
    expect(body).toMatchObject({ status: 'SUCCESS', statusMessage: 'Token refreshed' });
    expect(body.tokenInfo.tokenValue).toBe(token.tokenValue);
    expect(body.tokenInfo.refreshTokenId).toBe(token.refreshTokenId);
    expect(body.tokenInfo.expiresAt).toBeGreaterThanOrEqual(token.expiresAt + 60_000);
    const validate = await fetch(`${sim.authUrl}/token/validate`, { headers: withToken(token.tokenValue) });
    expect(validate.status).toBe(200);
  });

  it('issues a new token value, keeps refreshTokenId and revokes the old value when refreshReturnsSameToken is off', async () => {
    const other = await startSimulator({ seed, switches: { refreshReturnsSameToken: false } });
    try {
      const authenticated = await fetch(`${other.authUrl}/token/authenticate`, {
        method: 'POST',
        headers: { authorization: basic('admin@example.com', 'correct horse') },
      });
      const token = ((await authenticated.json()) as TokenEnvelope).tokenInfo;
      other.advanceTime(10 * 60 * 1000);
      const response = await fetch(`${other.authUrl}/token/refresh`, {
        method: 'POST',
        headers: withToken(token.tokenValue),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as TokenEnvelope;
      expect(body).toMatchObject({ status: 'SUCCESS', statusMessage: 'Token refreshed' });
      expect(body.meta.validationUrl).toBe(`${other.baseUrl}/token/validate`);
      expect(body.tokenInfo.tokenValue).not.toBe(token.tokenValue);
      expect(body.tokenInfo.refreshTokenId).toBe(token.refreshTokenId);
      expect(body.tokenInfo.expiresAt).toBeGreaterThanOrEqual(token.expiresAt + 10 * 60 * 1000);
      const old = await fetch(`${other.authUrl}/token/validate`, { headers: withToken(token.tokenValue) });
      expect(old.status).toBe(401);
      const renewed = await fetch(`${other.authUrl}/token/validate`, {
        headers: withToken(body.tokenInfo.tokenValue),
      });
      expect(renewed.status).toBe(200);
      const again = await fetch(`${other.authUrl}/token/refresh`, {
        method: 'POST',
        headers: withToken(token.tokenValue),
      });
      expect(again.status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('answers 401 for unknown and logged-out tokens and 400 for Bearer', async () => {
    const refresh = (authorization: Record<string, string>) =>
      fetch(`${sim.authUrl}/token/refresh`, { method: 'POST', headers: authorization });
    expect((await refresh(withToken('nope'))).status).toBe(401);
    const token = await login();
    expect((await refresh(withToken(token.tokenValue, 'Bearer'))).status).toBe(400);
    expect((await refresh(withToken(token.tokenValue))).status).toBe(200);
    const logout = await fetch(`${sim.authUrl}/token/logout`, {
      method: 'POST',
      headers: withToken(token.tokenValue),
    });
    expect(logout.status).toBe(204);
    expect((await refresh(withToken(token.tokenValue))).status).toBe(401);
  });
});

describe('POST /token/logout', () => {
  it('answers 204 with no body and the token is refused afterwards', async () => {
    const token = await login();
    const response = await fetch(`${sim.authUrl}/token/logout`, {
      method: 'POST',
      headers: withToken(token.tokenValue),
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(sim.state.sessions.get(token.tokenValue)?.revoked).toBe(true);
    const validate = await fetch(`${sim.authUrl}/token/validate`, { headers: withToken(token.tokenValue) });
    expect(validate.status).toBe(401);
    const again = await fetch(`${sim.authUrl}/token/logout`, {
      method: 'POST',
      headers: withToken(token.tokenValue),
    });
    expect(again.status).toBe(401);
  });

  it('answers 401 (not 400) for a Bearer header (live probes)', async () => {
    const token = await login();
    const response = await fetch(`${sim.authUrl}/token/logout`, {
      method: 'POST',
      headers: withToken(token.tokenValue, 'Bearer'),
    });
    expect(response.status).toBe(401);
    expect(sim.state.sessions.get(token.tokenValue)?.revoked).toBe(false);
  });

  it('answers 405 for GET', async () => {
    expect((await fetch(`${sim.authUrl}/token/logout`)).status).toBe(405);
  });
});
