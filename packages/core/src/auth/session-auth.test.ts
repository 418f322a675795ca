import { createPrivateKey } from 'node:crypto';
import { inspect } from 'node:util';
import {
  createTestCertificate,
  type Simulator,
  startSimulator,
  type TestCertificate,
} from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Transport } from '../client.js';
import {
  type AuthProvider,
  basicAuth,
  certificateAuth,
  isAuthenticationError,
  isConfigurationError,
  staticToken,
} from '../index.js';

let sim: Simulator;
let certificate: TestCertificate;
let stranger: TestCertificate;

beforeAll(async () => {
  certificate = createTestCertificate({ commonName: 'core-tests' });
  stranger = createTestCertificate({ commonName: 'stranger' });
  sim = await startSimulator({
    seed: {
      users: [
        { userName: 'basic@example.com', password: 'correct horse battery staple' },
        { userName: 'cert@example.com', certificate: certificate.certificate },
      ],
    },
  });
});
afterAll(async () => {
  await sim.close();
});

function transportFor(auth: AuthProvider, target = sim): Transport {
  return new Transport({
    auth,
    baseUrls: { api: target.apiUrl, auth: target.authUrl, scim: target.scimUrl, oauth: target.oauthUrl },
    retry: 0,
  });
}

/** GET /token/validate with the transport's session; returns the user it names. */
async function whoAmI(transport: Transport): Promise<string> {
  const { data } = await transport.request({ api: 'auth', method: 'GET', path: '/token/validate' });
  return (data as { userInfo: { userId: string } }).userInfo.userId;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('basicAuth', () => {
  it('authenticates with Basic and sends AnaplanAuthToken afterwards', async () => {
    const transport = transportFor(
      basicAuth({ username: 'basic@example.com', password: 'correct horse battery staple' }),
    );
    const before = sim.requests.length;
    expect(await whoAmI(transport)).toBe('basic@example.com');
    expect(sim.requests.slice(before).map((request) => [request.path, request.authScheme])).toEqual([
      ['/token/authenticate', 'Basic'],
      ['/token/validate', 'AnaplanAuthToken'],
    ]);
    await transport.close();
  });

  it('accepts 200 as well as 201 from /token/authenticate', async () => {
    const other = await startSimulator({
      seed: { users: [{ userName: 'basic@example.com', password: 'pw-for-200' }] },
      switches: { authenticateStatus: 200 },
    });
    try {
      const transport = transportFor(
        basicAuth({ username: 'basic@example.com', password: 'pw-for-200' }),
        other,
      );
      expect(await whoAmI(transport)).toBe('basic@example.com');
    } finally {
      await other.close();
    }
  });

  it('turns a refused password into an AuthenticationError', async () => {
    const transport = transportFor(basicAuth({ username: 'basic@example.com', password: 'wrong password' }));
    const error = await rejection(whoAmI(transport));
    expect(isAuthenticationError(error)).toBe(true);
    expect(isAuthenticationError(error) && error.status).toBe(401);
    expect(String(error)).toMatch(
      /^AuthenticationError: Basic authentication failed: POST http:.*\/token\/authenticate/,
    );
    expect(String(error)).toContain('Invalid username or password');
  });

  it('shows only its kind and username when logged or serialised', () => {
    const auth = basicAuth({ username: 'basic@example.com', password: 'never-shown-password' });
    expect(JSON.stringify(auth)).toBe('{"kind":"basic","username":"basic@example.com"}');
    expect(inspect(auth)).toBe("AuthProvider { kind: 'basic', username: 'basic@example.com' }");
    expect(Object.keys(auth)).toEqual(['kind']);
  });

  it('refuses empty credentials', () => {
    expect(() => basicAuth({ username: '', password: 'x' })).toThrow(/username/);
    expect(() => basicAuth({ username: 'a', password: '' })).toThrow(/password/);
  });
});

describe('certificateAuth', () => {
  const encrypted = (passphrase: string) =>
    createPrivateKey(certificate.privateKey).export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase,
    }) as string;

  it.each(['v2', 'v1'] as const)('authenticates with a %s payload', async (format) => {
    const auth = certificateAuth({
      certificate: certificate.certificate,
      privateKey: certificate.privateKey,
      format,
    });
    const transport = transportFor(auth);
    const before = sim.requests.length;
    expect(await whoAmI(transport)).toBe('cert@example.com');
    expect(sim.requests[before]?.authScheme).toBe('CACertificate');
    await transport.close();
  });

  it.each(['v2', 'v1'] as const)(
    'authenticates with an encrypted key and its passphrase (%s)',
    async (format) => {
      const auth = certificateAuth({
        certificate: certificate.certificate,
        privateKey: encrypted('open sesame'),
        passphrase: 'open sesame',
        format,
      });
      expect(await whoAmI(transportFor(auth))).toBe('cert@example.com');
    },
  );

  it('accepts a PKCS#1 key', async () => {
    const pkcs1 = createPrivateKey(certificate.privateKey).export({ type: 'pkcs1', format: 'pem' }) as string;
    const auth = certificateAuth({ certificate: certificate.certificate, privateKey: pkcs1 });
    expect(await whoAmI(transportFor(auth))).toBe('cert@example.com');
  });

  it('defaults to v2: a fresh payload per authentication (the simulator refuses replays)', async () => {
    const auth = certificateAuth({
      certificate: certificate.certificate,
      privateKey: certificate.privateKey,
    });
    expect(JSON.parse(JSON.stringify(auth))).toMatchObject({ kind: 'certificate', format: 'v2' });
    for (let round = 0; round < 3; round += 1) {
      const transport = transportFor(auth);
      expect(await whoAmI(transport)).toBe('cert@example.com');
      await transport.close();
    }
  });

  it('fails early on a wrong or missing passphrase, naming the key', () => {
    const locked = encrypted('right passphrase');
    const wrong = (() => {
      try {
        certificateAuth({
          certificate: certificate.certificate,
          privateKey: locked,
          passphrase: 'wrong one',
        });
      } catch (error) {
        return error;
      }
    })();
    expect(isConfigurationError(wrong) && wrong.key).toBe('passphrase');
    expect(() => certificateAuth({ certificate: certificate.certificate, privateKey: locked })).toThrow(
      /missing a passphrase/,
    );
    expect(() => certificateAuth({ certificate: 'nope', privateKey: certificate.privateKey })).toThrow(/PEM/);
    expect(() =>
      certificateAuth({
        certificate: certificate.certificate,
        privateKey: certificate.privateKey,
        format: 'v3' as 'v2',
      }),
    ).toThrow(/format/);
  });

  it('turns an unregistered certificate into an AuthenticationError', async () => {
    const auth = certificateAuth({ certificate: stranger.certificate, privateKey: stranger.privateKey });
    const error = await rejection(whoAmI(transportFor(auth)));
    expect(isAuthenticationError(error)).toBe(true);
    expect(String(error)).toContain('Certificate authentication failed');
  });
});

describe('staticToken', () => {
  it('sends AnaplanAuthToken <token> and never refreshes', async () => {
    const response = await fetch(`${sim.authUrl}/token/authenticate`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('basic@example.com:correct horse battery staple').toString('base64')}`,
      },
    });
    const { tokenInfo } = (await response.json()) as { tokenInfo: { tokenValue: string } };
    const transport = transportFor(staticToken(tokenInfo.tokenValue));
    expect(await whoAmI(transport)).toBe('basic@example.com');
    expect(JSON.stringify(staticToken(tokenInfo.tokenValue))).toBe('{"kind":"static-token"}');
  });
});
