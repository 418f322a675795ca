import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectRequestMatches,
  expectResponseMatches,
  loadOpenApi,
  type OpenApiSpec,
} from '../helpers/openapi-contract.js';
import { haveReference } from '../helpers/reference.js';

// The simulator's auth service and OAuth endpoints against the reference authentication-openapi.yaml and
// oauth-openapi.yaml: every status each route can answer, successes and failures.

const specFiles = ['authentication-openapi.yaml', 'oauth-openapi.yaml'] as const;
const title = 'auth service and OAuth simulator responses match the reference specs';
const available = haveReference(specFiles, title);

const basic = `Basic ${Buffer.from('auth@example.com:auth-secret').toString('base64')}`;
const deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code';
// Anaplan's OAuth client ids are 32 lower-case hex digits (the spec's pattern).
const refreshClient = 'c0ffee00c0ffee00c0ffee00c0ffee01';
const deviceClient = 'c0ffee00c0ffee00c0ffee00c0ffee02';

interface Answer {
  status: number;
  contentType: string | null;
  body: unknown;
}

async function send(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  const contentType = response.headers.get('content-type');
  const text = await response.text();
  return { status: response.status, contentType, body: text === '' ? '' : JSON.parse(text) };
}

describe.skipIf(!available)(title, () => {
  let sim: Simulator;
  let auth: OpenApiSpec;
  let oauth: OpenApiSpec;

  /** Checks the status and validates the body against `spec`'s response for `path`. */
  function matches(spec: OpenApiSpec, method: string, path: string, answer: Answer, status: number): void {
    expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBe(status);
    if (status === 204) {
      expect(answer.body).toBe('');
      return;
    }
    // The spec pins `meta.validationUrl` to the US host (`https://auth.anaplan.com/token/validate`); every other
    // region, like the simulator, answers with its own host.
    expectResponseMatches(spec, { path, method, status, contentType: answer.contentType }, answer.body, {
      ignoreErrorsUnder: ['/meta/validationUrl'],
    });
  }

  beforeAll(async () => {
    auth = loadOpenApi('authentication-openapi.yaml');
    oauth = loadOpenApi('oauth-openapi.yaml');
    sim = await startSimulator({
      seed: {
        users: [{ userName: 'auth@example.com', password: 'auth-secret' }],
        oauthClients: [
          { clientId: refreshClient, userName: 'auth@example.com', refreshTokens: ['rt-contract'] },
          { clientId: deviceClient, userName: 'auth@example.com' },
        ],
      },
    });
  });
  afterAll(() => sim?.close());

  it('token authenticate, validate, refresh and logout, and their refusals', async () => {
    const login = await send(`${sim.authUrl}/token/authenticate`, {
      method: 'POST',
      headers: { authorization: basic },
    });
    matches(auth, 'post', '/token/authenticate', login, 201);
    const token = (login.body as { tokenInfo: { tokenValue: string } }).tokenInfo.tokenValue;
    const bearing = { authorization: `AnaplanAuthToken ${token}` };
    const refused = await send(`${sim.authUrl}/token/authenticate`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('auth@example.com:wrong').toString('base64')}` },
    });
    matches(auth, 'post', '/token/authenticate', refused, 401);

    matches(
      auth,
      'get',
      '/token/validate',
      await send(`${sim.authUrl}/token/validate`, { headers: bearing }),
      200,
    );
    const invalid = { authorization: 'AnaplanAuthToken not-a-token' };
    matches(
      auth,
      'get',
      '/token/validate',
      await send(`${sim.authUrl}/token/validate`, { headers: invalid }),
      401,
    );
    matches(
      auth,
      'get',
      '/token/validate',
      await send(`${sim.authUrl}/token/validate`, { headers: { authorization: 'Nonsense' } }),
      400,
    );

    const refresh = (headers: Record<string, string>) =>
      send(`${sim.authUrl}/token/refresh`, { method: 'POST', headers });
    matches(auth, 'post', '/token/refresh', await refresh(bearing), 200);
    matches(auth, 'post', '/token/refresh', await refresh(invalid), 401);

    const logout = (headers: Record<string, string>) =>
      send(`${sim.authUrl}/token/logout`, { method: 'POST', headers });
    matches(auth, 'post', '/token/logout', await logout(bearing), 204);
    matches(auth, 'post', '/token/logout', await logout(bearing), 401);
  });

  it('OAuth device code and token grants, and their refusals', async () => {
    const deviceRequest = { client_id: deviceClient, scope: 'openid profile email offline_access' };
    expectRequestMatches(oauth, { path: '/oauth/device/code', method: 'post' }, deviceRequest);
    const device = await send(`${sim.oauthUrl}/oauth/device/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(deviceRequest),
    });
    matches(oauth, 'post', '/oauth/device/code', device, 200);
    const unknownClient = await send(`${sim.oauthUrl}/oauth/device/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'c0ffee00c0ffee00c0ffee00c0ffee99' }),
    });
    matches(oauth, 'post', '/oauth/device/code', unknownClient, 403);
    expect(unknownClient.body).toMatchObject({ error: 'unauthorized_client' });

    const token = (body: Record<string, string>) =>
      send(`${sim.oauthUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const deviceCode = (device.body as { device_code: string }).device_code;
    const pending = await token({
      grant_type: deviceGrant,
      client_id: deviceClient,
      device_code: deviceCode,
    });
    matches(oauth, 'post', '/oauth/token', pending, pending.status);
    expect(pending.body).toMatchObject({ error: 'authorization_pending' });

    const refreshRequest = {
      grant_type: 'refresh_token',
      client_id: refreshClient,
      refresh_token: 'rt-contract',
    };
    expectRequestMatches(oauth, { path: '/oauth/token', method: 'post' }, refreshRequest);
    matches(oauth, 'post', '/oauth/token', await token(refreshRequest), 200);
    const reused = await token(refreshRequest);
    expect([400, 401, 403]).toContain(reused.status);
    matches(oauth, 'post', '/oauth/token', reused, reused.status);
  });
});
