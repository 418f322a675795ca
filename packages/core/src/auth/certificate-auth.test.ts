import {
  createTestCertificate,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
  type TestCertificate,
} from '@anaplan-access/testkit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAuthenticationError, isConfigurationError } from '../errors/guards.js';
import type { Logger } from '../logger.js';
import { Transport } from '../transport/transport.js';
import { type CertificateAuthOptions, certificateAuth } from './certificate-auth.js';

// The unit of the v2 timestamp is not settled and the reference's live test logs in with v1, so a tenant may refuse
// the v2 payload this SDK sends. These tests run the provider against the simulator's switches for that.

let certificate: TestCertificate;
let sim: Simulator | undefined;
const warnings: string[] = [];
const logger: Logger = {
  debug() {},
  info() {},
  error() {},
  warn: (_fields, message) => warnings.push(message),
};

beforeAll(() => {
  certificate = createTestCertificate({ commonName: 'fallback-tests' });
});
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  warnings.length = 0;
});

async function simulator(switches: SimulatorOptions['switches']): Promise<Simulator> {
  sim = await startSimulator({
    seed: { users: [{ userName: 'cert@example.com', certificate: certificate.certificate }] },
    switches,
  });
  return sim;
}

function provider(options: Partial<CertificateAuthOptions> = {}) {
  return certificateAuth({
    certificate: certificate.certificate,
    privateKey: certificate.privateKey,
    ...options,
  });
}

async function whoAmI(auth: ReturnType<typeof certificateAuth>, target: Simulator): Promise<string> {
  const transport = new Transport({
    auth,
    baseUrls: { api: target.apiUrl, auth: target.authUrl, scim: target.scimUrl, oauth: target.oauthUrl },
    retry: 0,
    logger,
  });
  try {
    const { data } = await transport.request({ api: 'auth', method: 'GET', path: '/token/validate' });
    return (data as { userInfo: { userId: string } }).userInfo.userId;
  } finally {
    await transport.close();
  }
}

function logins(target: Simulator): number[] {
  return target.requests.filter((request) => request.path === '/token/authenticate').map((r) => r.status);
}

describe('certificateAuth falling back to v1', () => {
  it('sends v2 alone where v2 is accepted (the default switches)', async () => {
    const target = await simulator({});
    expect(await whoAmI(provider(), target)).toBe('cert@example.com');
    expect(logins(target)).toEqual([201]);
    expect(warnings).toEqual([]);
  });

  it('logs in with v1 after a refused v2 (switch certificateV2Accepted: false), then keeps to v1', async () => {
    const target = await simulator({ certificateV2Accepted: false });
    const auth = provider();
    expect(await whoAmI(auth, target)).toBe('cert@example.com');
    expect(logins(target)).toEqual([401, 201]);
    expect(await whoAmI(auth, target)).toBe('cert@example.com');
    expect(logins(target)).toEqual([401, 201, 201]);
    expect(warnings).toEqual([
      'The v2 certificate login was refused; trying the v1 payload format',
      'The v1 certificate login worked; this provider uses v1 from now on',
    ]);
  });

  it('logs in where the tenant reads the v2 timestamp in milliseconds (switch certificateTimestampUnit)', async () => {
    const target = await simulator({
      certificateTimestampUnit: 'milliseconds',
      certificateClockSkewMs: 60_000,
    });
    expect(await whoAmI(provider(), target)).toBe('cert@example.com');
    expect(logins(target)).toEqual([401, 201]);
  });

  it('fails on the v2 refusal, with one request, when fallbackToV1 is false', async () => {
    const target = await simulator({ certificateV2Accepted: false });
    const error = await whoAmI(provider({ fallbackToV1: false }), target).catch((caught: unknown) => caught);
    expect(isAuthenticationError(error)).toBe(true);
    expect(logins(target)).toEqual([401]);
  });

  it('reports the v2 refusal when v1 is refused too (a certificate the tenant does not know)', async () => {
    const target = await simulator({});
    const stranger = createTestCertificate({ commonName: 'stranger' });
    const auth = certificateAuth({ certificate: stranger.certificate, privateKey: stranger.privateKey });
    const error = await whoAmI(auth, target).catch((caught: unknown) => caught);
    expect(isAuthenticationError(error)).toBe(true);
    expect(logins(target)).toEqual([401, 401]);
  });

  it('refuses an unknown option or a fallbackToV1 that is not a boolean, naming it', () => {
    const unknown = (() => {
      try {
        certificateAuth({
          certificate: certificate.certificate,
          privateKey: certificate.privateKey,
          fallback: true,
        } as never);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(isConfigurationError(unknown)).toBe(true);
    expect(unknown).toMatchObject({ key: 'fallback' });
    expect(() => provider({ fallbackToV1: 'yes' as never })).toThrow(/fallbackToV1/);
    expect(JSON.parse(JSON.stringify(provider()))).toMatchObject({ format: 'v2', fallbackToV1: true });
  });
});
