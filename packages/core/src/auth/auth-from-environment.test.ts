import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestCertificate,
  type Simulator,
  startSimulator,
  type TestCertificate,
} from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Transport } from '../client.js';
import { type AuthProvider, authFromEnvironment, isConfigurationError } from '../index.js';

let sim: Simulator;
let certificate: TestCertificate;
let dir: string;

beforeAll(async () => {
  certificate = createTestCertificate({ commonName: 'env-tests' });
  sim = await startSimulator({
    seed: {
      users: [
        { userName: 'basic@example.com', password: 'basic-password' },
        { userName: 'cert@example.com', certificate: certificate.certificate },
        { userName: 'oauth@example.com' },
      ],
      oauthClients: [
        {
          clientId: 'env-client',
          userName: 'oauth@example.com',
          refreshTokens: ['env-refresh-token'],
          rotate: true,
        },
      ],
    },
  });
  dir = await mkdtemp(join(tmpdir(), 'auth-env-'));
  await writeFile(join(dir, 'cert.pem'), certificate.certificate);
  await writeFile(join(dir, 'key.pem'), certificate.privateKey);
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

/** Logs in with the provider over HTTP and returns who the simulator says it is. */
async function whoAmI(auth: AuthProvider | undefined): Promise<string> {
  if (!auth) throw new Error('no provider');
  const transport = new Transport({
    auth,
    baseUrls: { api: sim.apiUrl, auth: sim.authUrl, scim: sim.scimUrl, oauth: sim.oauthUrl },
    retry: 0,
  });
  try {
    const { data } = await transport.request({ api: 'auth', method: 'GET', path: '/token/validate' });
    return (data as { userInfo: { userId: string } }).userInfo.userId;
  } finally {
    await transport.close();
  }
}

async function configurationErrorOf(env: Record<string, string>): Promise<{ key: string; message: string }> {
  const error = await authFromEnvironment({ env }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isConfigurationError(error)) throw new Error(`expected a ConfigurationError, got ${String(error)}`);
  return { key: error.key, message: error.message };
}

describe('authFromEnvironment', () => {
  it('returns undefined when no ANAPLAN_* login variable is set (empty ones count as absent)', async () => {
    expect(await authFromEnvironment({ env: {} })).toBeUndefined();
    expect(
      await authFromEnvironment({ env: { ANAPLAN_USERNAME: '', ANAPLAN_REGION: 'eu1' } }),
    ).toBeUndefined();
  });

  it('logs in with a username and password', async () => {
    const auth = await authFromEnvironment({
      env: { ANAPLAN_USERNAME: 'basic@example.com', ANAPLAN_PASSWORD: 'basic-password' },
    });
    expect(await whoAmI(auth)).toBe('basic@example.com');
  });

  it('logs in with a certificate from files, and from PEM text, before a username and password', async () => {
    const basic = { ANAPLAN_USERNAME: 'basic@example.com', ANAPLAN_PASSWORD: 'basic-password' };
    const fromFiles = await authFromEnvironment({
      env: {
        ...basic,
        ANAPLAN_CERTIFICATE_FILE: join(dir, 'cert.pem'),
        ANAPLAN_PRIVATE_KEY_FILE: join(dir, 'key.pem'),
      },
    });
    expect(await whoAmI(fromFiles)).toBe('cert@example.com');
    const fromText = await authFromEnvironment({
      env: {
        ...basic,
        ANAPLAN_CERTIFICATE: certificate.certificate,
        ANAPLAN_PRIVATE_KEY: certificate.privateKey,
      },
    });
    expect(await whoAmI(fromText)).toBe('cert@example.com');
  });

  it('logs in with an OAuth refresh token and reports the rotated token', async () => {
    const rotated: string[] = [];
    const auth = await authFromEnvironment({
      env: { ANAPLAN_CLIENT_ID: 'env-client', ANAPLAN_REFRESH_TOKEN: 'env-refresh-token' },
      onRotate: (token) => void rotated.push(token),
    });
    expect(await whoAmI(auth)).toBe('oauth@example.com');
    expect(rotated).toHaveLength(1);
    expect(rotated[0]).not.toBe('env-refresh-token');
  });

  it('refuses a set given in part, naming the missing variable and never a value', async () => {
    const half = await configurationErrorOf({ ANAPLAN_USERNAME: 'basic@example.com' });
    expect(half.key).toBe('ANAPLAN_PASSWORD');
    expect(half.message).toContain('ANAPLAN_USERNAME is set but ANAPLAN_PASSWORD is not');
    // A complete username/password does not hide a half-given certificate: the caller meant the certificate.
    const certificateOnly = await configurationErrorOf({
      ANAPLAN_CERTIFICATE: certificate.certificate,
      ANAPLAN_USERNAME: 'basic@example.com',
      ANAPLAN_PASSWORD: 'basic-password',
    });
    expect(certificateOnly.key).toBe('ANAPLAN_PRIVATE_KEY');
    expect(certificateOnly.message).not.toContain('BEGIN CERTIFICATE');
    expect(certificateOnly.message).not.toContain('basic-password');
    const secretOnly = await configurationErrorOf({ ANAPLAN_REFRESH_TOKEN: 'a-refresh-token' });
    expect(secretOnly.key).toBe('ANAPLAN_CLIENT_ID');
    expect(secretOnly.message).not.toContain('a-refresh-token');
  });

  it('names the variable whose file cannot be read, and rejects unknown options', async () => {
    const unreadable = await configurationErrorOf({
      ANAPLAN_CERTIFICATE_FILE: join(dir, 'missing.pem'),
      ANAPLAN_PRIVATE_KEY_FILE: join(dir, 'key.pem'),
    });
    expect(unreadable).toMatchObject({ key: 'ANAPLAN_CERTIFICATE_FILE' });
    expect(unreadable.message).toContain('ENOENT');
    await expect(authFromEnvironment({ environment: {} } as never)).rejects.toMatchObject({
      key: 'environment',
    });
  });
});
