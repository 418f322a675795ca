import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../simulator.js';

const deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code';

/** Any `/oauth/...` answer: token fields, device-code fields or an error. */
interface OAuthAnswer {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  interval: number;
  error: string;
  error_description: string;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      users: [{ userName: 'oauth@example.com' }, { userName: 'off@example.com', active: false }],
      oauthClients: [
        { clientId: 'rotating', userName: 'oauth@example.com', refreshTokens: ['rt-1', 'rt-2'] },
        { clientId: 'fixed', userName: 'oauth@example.com', refreshTokens: ['keep-me'], rotate: false },
        {
          clientId: 'secret',
          clientSecret: 's3cret',
          userName: 'oauth@example.com',
          refreshTokens: ['rt-s'],
        },
        { clientId: 'device', userName: 'oauth@example.com' },
        { clientId: 'inactive', userName: 'off@example.com', refreshTokens: ['rt-off'] },
      ],
    },
  });
});
afterAll(async () => {
  await sim.close();
});

async function postJson(path: string, body: unknown): Promise<{ status: number; body: OAuthAnswer }> {
  const response = await fetch(`${sim.oauthUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as OAuthAnswer };
}

async function postForm(path: string, fields: Record<string, string>) {
  const response = await fetch(`${sim.oauthUrl}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
  });
  return { status: response.status, body: (await response.json()) as OAuthAnswer };
}

const refresh = (fields: Record<string, string>) =>
  postJson('/oauth/token', { grant_type: 'refresh_token', ...fields });

describe('POST /oauth/token with grant_type=refresh_token', () => {
  it('rotates: answers new tokens, and the old refresh token stops working', async () => {
    const first = await refresh({ client_id: 'rotating', refresh_token: 'rt-1' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 2100,
      scope: 'openid email offline_access',
    });
    expect(first.body.refresh_token).not.toBe('rt-1');
    expect(sim.state.sessions.get(first.body.access_token)?.via).toBe('oauth');
    const reused = await refresh({ client_id: 'rotating', refresh_token: 'rt-1' });
    expect(reused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const next = await refresh({ client_id: 'rotating', refresh_token: first.body.refresh_token });
    expect(next.status).toBe(200);
    expect(next.body.access_token).not.toBe(first.body.access_token);
    expect((await refresh({ client_id: 'rotating', refresh_token: 'rt-2' })).status).toBe(200);
  });

  it('gives an access token usable as AnaplanAuthToken, until it expires', async () => {
    const { body } = await refresh({ client_id: 'fixed', refresh_token: 'keep-me' });
    const headers = { authorization: `AnaplanAuthToken ${body.access_token}` };
    const validate = await fetch(`${sim.authUrl}/token/validate`, { headers });
    expect(validate.status).toBe(200);
    expect(await validate.json()).toMatchObject({ userInfo: { userId: 'oauth@example.com' } });
    const renew = await fetch(`${sim.authUrl}/token/refresh`, { method: 'POST', headers });
    expect(renew.status).toBe(401);
    sim.advanceTime(2100 * 1000);
    try {
      expect((await fetch(`${sim.authUrl}/token/validate`, { headers })).status).toBe(401);
    } finally {
      sim.advanceTime(-2100 * 1000);
    }
  });

  it('keeps a non-rotating refresh token valid and returns it again', async () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const { status, body } = await refresh({ client_id: 'fixed', refresh_token: 'keep-me' });
      expect(status).toBe(200);
      expect(body.refresh_token).toBe('keep-me');
    }
  });

  it('accepts a form-encoded body', async () => {
    const { status, body } = await postForm('/oauth/token', {
      grant_type: 'refresh_token',
      client_id: 'fixed',
      refresh_token: 'keep-me',
    });
    expect(status).toBe(200);
    expect(typeof body.access_token).toBe('string');
  });

  it('requires the secret of a client that has one, in the body or a Basic header', async () => {
    expect(await refresh({ client_id: 'secret', refresh_token: 'rt-s' })).toMatchObject({
      status: 403,
      body: { error: 'unauthorized_client' },
    });
    expect(
      await refresh({ client_id: 'secret', client_secret: 'wrong', refresh_token: 'rt-s' }),
    ).toMatchObject({
      status: 403,
      body: { error: 'unauthorized_client' },
    });
    const ok = await refresh({ client_id: 'secret', client_secret: 's3cret', refresh_token: 'rt-s' });
    expect(ok.status).toBe(200);
    const response = await fetch(`${sim.oauthUrl}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('secret:s3cret').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: ok.body.refresh_token }),
    });
    expect(response.status).toBe(200);
  });

  it.each([
    ['an unknown client', { client_id: 'nobody', refresh_token: 'rt-2' }, 403, 'unauthorized_client'],
    ['an unknown refresh token', { client_id: 'fixed', refresh_token: 'guess' }, 400, 'invalid_grant'],
    ["another client's refresh token", { client_id: 'fixed', refresh_token: 'rt-s' }, 400, 'invalid_grant'],
    ['an inactive user', { client_id: 'inactive', refresh_token: 'rt-off' }, 400, 'invalid_grant'],
    ['no refresh_token', { client_id: 'fixed' }, 400, 'invalid_request'],
    ['no client_id', { refresh_token: 'keep-me' }, 400, 'invalid_request'],
  ])('refuses %s', async (_case, fields, status, error) => {
    const answer = await refresh(fields as Record<string, string>);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toBe(error);
    expect(typeof answer.body.error_description).toBe('string');
  });

  it('refuses a missing or unsupported grant_type and a body that is not JSON', async () => {
    expect(await postJson('/oauth/token', { client_id: 'fixed' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
    expect(await postJson('/oauth/token', { grant_type: 'password', client_id: 'fixed' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    const response = await fetch(`${sim.oauthUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
  });
});

describe('device authorization grant', () => {
  async function startDevice(scope = 'openid profile email offline_access') {
    const answer = await postJson('/oauth/device/code', { client_id: 'device', scope });
    expect(answer.status).toBe(200);
    return answer.body;
  }
  const poll = (deviceCode: string) =>
    postJson('/oauth/token', { grant_type: deviceGrant, client_id: 'device', device_code: deviceCode });

  it('answers the RFC 8628 device code response', async () => {
    const body = await startDevice();
    expect(body).toMatchObject({
      verification_uri: `${sim.baseUrl}/oauth/activate`,
      verification_uri_complete: `${sim.baseUrl}/oauth/activate?user_code=${body.user_code}`,
      expires_in: 900,
      interval: 5,
    });
    expect(body.user_code).toMatch(/^[B-Z]{4}-[B-Z]{4}$/);
    expect(typeof body.device_code).toBe('string');
  });

  it('answers authorization_pending, slow_down when polled too fast, then tokens after approval', async () => {
    const { device_code, user_code } = await startDevice();
    expect(await poll(device_code)).toMatchObject({ status: 400, body: { error: 'authorization_pending' } });
    expect(await poll(device_code)).toMatchObject({ status: 400, body: { error: 'slow_down' } });
    sim.advanceTime(5_000);
    // slow_down added 5 s to the interval: 5 s is now too soon.
    expect(await poll(device_code)).toMatchObject({ status: 400, body: { error: 'slow_down' } });
    sim.advanceTime(15_000);
    expect(sim.approveDevice(user_code.toLowerCase().replace('-', ''))).toBe(1);
    const tokens = await poll(device_code);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 2100,
      scope: 'openid email offline_access',
    });
    expect(sim.state.oauthClients.get('device')?.refreshTokens).toContain(tokens.body.refresh_token);
    const session = sim.state.sessions.get(tokens.body.access_token);
    expect(sim.state.users.get(session?.userId ?? '')?.userName).toBe('oauth@example.com');
    sim.advanceTime(15_000);
    expect(await poll(device_code)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const refreshed = await refresh({ client_id: 'device', refresh_token: tokens.body.refresh_token });
    expect(refreshed.status).toBe(200);
  });

  it('gives no refresh token without offline_access', async () => {
    const { device_code, user_code } = await startDevice('openid email');
    sim.approveDevice(user_code);
    const tokens = await poll(device_code);
    expect(tokens.status).toBe(200);
    expect(tokens.body.refresh_token).toBeUndefined();
  });

  it('answers access_denied after a denial', async () => {
    const { device_code, user_code } = await startDevice();
    sim.approveDevice(user_code, 'deny');
    expect(await poll(device_code)).toMatchObject({ status: 400, body: { error: 'access_denied' } });
  });

  it('answers expired_token after expires_in on the simulator clock', async () => {
    const { device_code } = await startDevice();
    sim.advanceTime(900_000);
    expect(await poll(device_code)).toMatchObject({ status: 400, body: { error: 'expired_token' } });
  });

  it('approves every pending authorization with "all", and throws for an unknown user code', async () => {
    const first = await startDevice();
    const second = await startDevice();
    expect(sim.approveDevice('all')).toBeGreaterThanOrEqual(2);
    expect((await poll(first.device_code)).status).toBe(200);
    expect((await poll(second.device_code)).status).toBe(200);
    expect(() => sim.approveDevice('ZZZZ-ZZZZ')).toThrow(/ZZZZ-ZZZZ/);
  });

  it('refuses an unknown device code, a code of another client, and an unknown client', async () => {
    expect(await poll('made-up')).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const { device_code } = await startDevice();
    const other = await postJson('/oauth/token', {
      grant_type: deviceGrant,
      client_id: 'fixed',
      device_code,
    });
    expect(other).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await postJson('/oauth/device/code', { client_id: 'nobody' })).toMatchObject({
      status: 403,
      body: { error: 'unauthorized_client' },
    });
    expect(await postJson('/oauth/token', { grant_type: deviceGrant, client_id: 'device' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
  });

  it('accepts form-encoded bodies and honours the interval switches', async () => {
    const other = await startSimulator({
      seed: {
        users: [{ userName: 'oauth@example.com' }],
        oauthClients: [{ clientId: 'device', userName: 'oauth@example.com' }],
      },
      switches: { deviceCodeIntervalSeconds: 0, deviceCodeExpiresInSeconds: 60 },
    });
    try {
      const form = (path: string, fields: Record<string, string>) =>
        fetch(`${other.oauthUrl}${path}`, { method: 'POST', body: new URLSearchParams(fields) });
      const code = (await (await form('/oauth/device/code', { client_id: 'device' })).json()) as OAuthAnswer;
      expect(code).toMatchObject({ interval: 0, expires_in: 60 });
      const fields = { grant_type: deviceGrant, client_id: 'device', device_code: code.device_code };
      expect((await form('/oauth/token', fields)).status).toBe(400);
      expect(await (await form('/oauth/token', fields)).json()).toMatchObject({
        error: 'authorization_pending',
      });
      other.approveDevice(code.user_code);
      expect((await form('/oauth/token', fields)).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('lets a person approve or deny on the verification page', async () => {
    const { device_code, user_code, verification_uri_complete } = await startDevice();
    const page = await fetch(verification_uri_complete);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`value="${user_code}"`);
    const approve = await fetch(`${sim.oauthUrl}/oauth/activate`, {
      method: 'POST',
      body: new URLSearchParams({ user_code, decision: 'approve' }),
    });
    expect(approve.status).toBe(200);
    expect((await poll(device_code)).status).toBe(200);
    const again = await fetch(`${sim.oauthUrl}/oauth/activate`, {
      method: 'POST',
      body: new URLSearchParams({ user_code, decision: 'approve' }),
    });
    expect(again.status).toBe(404);
  });
});
