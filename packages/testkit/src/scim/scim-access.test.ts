import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../simulator.js';

interface ErrorBody {
  schemas: string[];
  status: string;
  scimType?: string;
  detail: string;
}

const basic = (userName: string, password: string) =>
  `Basic ${Buffer.from(`${userName}:${password}`).toString('base64')}`;
const adminAuth = basic('admin@example.com', 'admin-secret');

let sim: Simulator;

async function call<T = ErrorBody>(
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: T }> {
  const response = await fetch(`${sim.scimUrl}${path}`, { method, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as T };
}

function addSession(token: string, userName: string, expiresAt = Date.now() + 60_000): void {
  const user = sim.state.findUserByName(userName);
  if (!user) throw new Error(`no user ${userName}`);
  sim.state.sessions.set(token, {
    token,
    tokenId: `id-${token}`,
    userId: user.id,
    expiresAt,
    revoked: false,
    via: 'basic',
  });
}

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      users: [
        { userName: 'admin@example.com', password: 'admin-secret', roles: ['USER_ADMIN'] },
        { userName: 'standard@example.com', password: 'standard-secret', roles: [] },
        { userName: 'gone@example.com', password: 'gone-secret', roles: ['USER_ADMIN'], active: false },
      ],
      apiKeys: [{ key: 'api-key-1', userName: 'admin@example.com' }],
    },
  });
  addSession('token-admin', 'admin@example.com');
  addSession('token-standard', 'standard@example.com');
  addSession('token-expired', 'admin@example.com', Date.now() - 1);
});
afterAll(() => sim.close());

describe('SCIM authentication and role', () => {
  it('accepts AnaplanAuthToken, Bearer token, Bearer API key and Basic for a USER_ADMIN', async () => {
    for (const authorization of [
      'AnaplanAuthToken token-admin',
      'Bearer token-admin',
      'Bearer api-key-1',
      adminAuth,
    ]) {
      const { status, headers } = await call('GET', '/Users', { authorization });
      expect(status, authorization.split(' ')[0]).toBe(200);
      expect(headers.get('content-type')).toMatch(/^application\/scim\+json/);
    }
  });

  it('answers 401 with a SCIM error when credentials are missing, wrong, expired or of an inactive user', async () => {
    for (const authorization of [
      undefined,
      basic('admin@example.com', 'wrong'),
      'AnaplanAuthToken nope',
      'AnaplanAuthToken token-expired',
      'Token something',
      basic('gone@example.com', 'gone-secret'),
    ]) {
      const { status, body } = await call('GET', '/Users', authorization ? { authorization } : {});
      expect(status).toBe(401);
      expect(body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
      expect(body.detail).not.toContain('wrong');
    }
  });

  it('answers 403 to a caller without USER_ADMIN on every /Users operation', async () => {
    for (const authorization of [
      'AnaplanAuthToken token-standard',
      basic('standard@example.com', 'standard-secret'),
    ]) {
      for (const [method, path] of [
        ['GET', '/Users'],
        ['POST', '/Users'],
        ['GET', '/Users/0123456789abcdef0123456789abcdef'],
        ['PUT', '/Users/0123456789abcdef0123456789abcdef'],
        ['PATCH', '/Users/0123456789abcdef0123456789abcdef'],
        ['DELETE', '/Users/0123456789abcdef0123456789abcdef'],
      ] as const) {
        const { status, body } = await call(method, path, { authorization });
        expect(status, `${method} ${path}`).toBe(403);
        expect(body.status).toBe('403');
      }
    }
  });

  it('serves the discovery endpoints without credentials', async () => {
    for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/Schemas']) {
      const { status, headers } = await call('GET', path);
      expect(status, path).toBe(200);
      expect(headers.get('content-type')).toMatch(/^application\/scim\+json/);
    }
  });

  it('answers 406 when the client accepts only XML', async () => {
    const { status, body } = await call('GET', '/ServiceProviderConfig', { accept: 'application/xml' });
    expect(status).toBe(406);
    expect(body.status).toBe('406');
  });
});

describe('SCIM operations Anaplan does not offer', () => {
  it('answers DELETE /Users/{id} with 501 and a SCIM error body', async () => {
    const admin = sim.state.findUserByName('admin@example.com');
    const { status, body } = await call('DELETE', `/Users/${admin?.id}`, { authorization: adminAuth });
    expect(status).toBe(501);
    expect(body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '501' });
    expect(sim.state.users.has(admin?.id ?? '')).toBe(true);
  });

  it('answers /Bulk, /Me and the .search endpoints with 501, /Groups and unknown paths with 404', async () => {
    const expectations: [string, string, number][] = [
      ['POST', '/Bulk', 501],
      ['GET', '/Me', 501],
      ['POST', '/.search', 501],
      ['POST', '/Users/.search', 501],
      ['GET', '/Groups', 404],
      ['GET', '/Groups/abc', 404],
      ['GET', '/users', 404],
      ['GET', '/Nothing/here/at/all', 404],
    ];
    for (const [method, path, expected] of expectations) {
      const { status, body } = await call(method, path, { authorization: adminAuth });
      expect(status, `${method} ${path}`).toBe(expected);
      expect(body.status).toBe(String(expected));
    }
  });

  it('answers a wrong method on a known endpoint with 405 and an Allow header', async () => {
    const { status, headers, body } = await call('PUT', '/Users', { authorization: adminAuth });
    expect(status).toBe(405);
    expect(headers.get('allow')).toBe('GET, POST');
    expect(body.status).toBe('405');
  });
});
