import { randomBytes, sign, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../simulator.js';
import { createTestCertificate, type TestCertificate } from './test-certificate.js';

let sim: Simulator;
let alice: TestCertificate;
let stranger: TestCertificate;
let expired: TestCertificate;

beforeAll(async () => {
  alice = createTestCertificate({ commonName: 'alice' });
  stranger = createTestCertificate({ commonName: 'stranger' });
  expired = createTestCertificate({
    validFrom: new Date(Date.now() - 48 * 3600_000),
    validTo: new Date(Date.now() - 24 * 3600_000),
  });
  sim = await startSimulator({
    seed: {
      users: [
        { userName: 'alice@example.com', certificate: alice.certificate },
        { userName: 'old@example.com', certificate: expired.certificate },
        { userName: 'broken@example.com', certificate: 'not a certificate' },
      ],
    },
  });
});
afterAll(async () => {
  await sim.close();
});

const pemHeader = (certificate: string) => `CACertificate ${Buffer.from(certificate).toString('base64')}`;

/** A v2 payload: 8-byte big-endian timestamp, then random bytes. */
function v2Data(timestamp: bigint, randomLength = 100): Buffer {
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64BE(timestamp);
  return Buffer.concat([prefix, randomBytes(randomLength)]);
}

function signedBody(privateKey: string, data: Buffer, format?: string): string {
  return JSON.stringify({
    ...(format === undefined ? {} : { encodedDataFormat: format }),
    encodedData: data.toString('base64'),
    encodedSignedData: sign('sha512', data, privateKey).toString('base64'),
  });
}

async function authenticate(authorization: string, body: string, target = sim): Promise<Response> {
  return fetch(`${target.authUrl}/token/authenticate`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body,
  });
}

async function expectRefused(response: Response, status: 400 | 401, message?: RegExp): Promise<void> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { status: string; statusMessage: string };
  expect(body.status).toBe(status === 400 ? 'FAILURE_BAD_HEADER' : 'FAILURE_BAD_CREDENTIAL');
  if (message) expect(body.statusMessage).toMatch(message);
}

describe('CACertificate v1', () => {
  it('logs in with base64 of the PEM text and an RSA-SHA512 signature over the raw bytes', async () => {
    const response = await authenticate(
      pemHeader(alice.certificate),
      signedBody(alice.privateKey, randomBytes(150)),
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as { status: string; tokenInfo: { tokenValue: string } };
    expect(body.status).toBe('SUCCESS');
    const session = sim.state.sessions.get(body.tokenInfo.tokenValue);
    expect(session?.via).toBe('certificate');
    expect(sim.state.users.get(session?.userId ?? '')?.userName).toBe('alice@example.com');
    expect(sim.requests.at(-1)?.authScheme).toBe('CACertificate');
  });

  it('accepts base64 of only the text between the BEGIN and END lines', async () => {
    const inner = alice.certificate.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').trim();
    const header = `CACertificate ${Buffer.from(inner).toString('base64')}`;
    const response = await authenticate(header, signedBody(alice.privateKey, randomBytes(100)));
    expect(response.status).toBe(201);
  });

  it('accepts base64 of the DER bytes', async () => {
    const der = new X509Certificate(alice.certificate).raw;
    const response = await authenticate(
      `CACertificate ${der.toString('base64')}`,
      signedBody(alice.privateKey, randomBytes(100)),
    );
    expect(response.status).toBe(201);
  });

  it('refuses fewer than 100 data bytes', async () => {
    const response = await authenticate(
      pemHeader(alice.certificate),
      signedBody(alice.privateKey, randomBytes(99)),
    );
    await expectRefused(response, 401, /at least 100 bytes/);
  });

  it('refuses a signature made with another key', async () => {
    const response = await authenticate(
      pemHeader(alice.certificate),
      signedBody(stranger.privateKey, randomBytes(150)),
    );
    await expectRefused(response, 401, /Signature/);
  });

  it('refuses a signature over the base64 text instead of the raw bytes', async () => {
    const data = randomBytes(150);
    const body = JSON.stringify({
      encodedData: data.toString('base64'),
      encodedSignedData: sign('sha512', Buffer.from(data.toString('base64')), alice.privateKey).toString(
        'base64',
      ),
    });
    await expectRefused(await authenticate(pemHeader(alice.certificate), body), 401, /Signature/);
  });

  it('refuses an RSA-SHA256 signature', async () => {
    const data = randomBytes(150);
    const body = JSON.stringify({
      encodedData: data.toString('base64'),
      encodedSignedData: sign('sha256', data, alice.privateKey).toString('base64'),
    });
    await expectRefused(await authenticate(pemHeader(alice.certificate), body), 401, /Signature/);
  });

  it('refuses a certificate no user was seeded with', async () => {
    const response = await authenticate(
      pemHeader(stranger.certificate),
      signedBody(stranger.privateKey, randomBytes(150)),
    );
    await expectRefused(response, 401, /not registered/);
  });

  it('refuses an expired certificate', async () => {
    const response = await authenticate(
      pemHeader(expired.certificate),
      signedBody(expired.privateKey, randomBytes(150)),
    );
    await expectRefused(response, 401, /not valid at this time/);
  });

  it('refuses an inactive user', async () => {
    const user = sim.state.findUserByName('alice@example.com');
    if (!user) throw new Error('seed user missing');
    user.active = false;
    try {
      const response = await authenticate(
        pemHeader(alice.certificate),
        signedBody(alice.privateKey, randomBytes(150)),
      );
      await expectRefused(response, 401, /not active/);
    } finally {
      user.active = true;
    }
  });

  it.each([
    [
      'a header that is not a certificate',
      `CACertificate ${Buffer.from('hello').toString('base64')}`,
      undefined,
    ],
    ['a header that is not base64', 'CACertificate %%%', undefined],
    ['a body that is not JSON', undefined, 'encodedData=abc'],
    ['a body without encodedSignedData', undefined, JSON.stringify({ encodedData: 'AAAA' })],
    [
      'an unknown encodedDataFormat',
      undefined,
      JSON.stringify({ encodedDataFormat: 'v3', encodedData: 'AA==', encodedSignedData: 'AA==' }),
    ],
  ])('answers 400 FAILURE_BAD_HEADER for %s', async (_case, header, body) => {
    const response = await authenticate(
      header ?? pemHeader(alice.certificate),
      body ?? signedBody(alice.privateKey, randomBytes(150)),
    );
    await expectRefused(response, 400);
  });
});

describe('CACertificate v2', () => {
  const nowSeconds = () => BigInt(Math.floor(Date.now() / 1000));

  it('logs in with a fresh payload whose 8-byte prefix is the time in seconds', async () => {
    const response = await authenticate(
      pemHeader(alice.certificate),
      signedBody(alice.privateKey, v2Data(nowSeconds()), 'v2'),
    );
    expect(response.status).toBe(201);
  });

  it('accepts a payload shorter than 100 bytes (the official example has 54)', async () => {
    const response = await authenticate(
      pemHeader(alice.certificate),
      signedBody(alice.privateKey, v2Data(nowSeconds(), 46), 'v2'),
    );
    expect(response.status).toBe(201);
  });

  it('refuses a replayed payload', async () => {
    const body = signedBody(alice.privateKey, v2Data(nowSeconds()), 'v2');
    expect((await authenticate(pemHeader(alice.certificate), body)).status).toBe(201);
    await expectRefused(await authenticate(pemHeader(alice.certificate), body), 401, /already used/);
  });

  it('refuses a timestamp outside the allowed skew, on the simulator clock', async () => {
    const stale = signedBody(alice.privateKey, v2Data(nowSeconds() - 301n), 'v2');
    await expectRefused(await authenticate(pemHeader(alice.certificate), stale), 401, /timestamp/);
    const body = signedBody(alice.privateKey, v2Data(nowSeconds()), 'v2');
    sim.advanceTime(301_000);
    try {
      await expectRefused(await authenticate(pemHeader(alice.certificate), body), 401, /timestamp/);
    } finally {
      sim.advanceTime(-301_000);
    }
  });

  it('refuses milliseconds unless the certificateTimestampUnit switch says so', async () => {
    const milliseconds = () => signedBody(alice.privateKey, v2Data(BigInt(Date.now())), 'v2');
    await expectRefused(
      await authenticate(pemHeader(alice.certificate), milliseconds()),
      401,
      /expected seconds since epoch/,
    );
    const other = await startSimulator({
      seed: { users: [{ userName: 'alice@example.com', certificate: alice.certificate }] },
      switches: { certificateTimestampUnit: 'milliseconds', certificateClockSkewMs: 1000 },
    });
    try {
      expect((await authenticate(pemHeader(alice.certificate), milliseconds(), other)).status).toBe(201);
      const seconds = signedBody(alice.privateKey, v2Data(nowSeconds()), 'v2');
      expect((await authenticate(pemHeader(alice.certificate), seconds, other)).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('refuses every v2 payload with 401, and still takes v1, when certificateV2Accepted is false', async () => {
    const other = await startSimulator({
      seed: { users: [{ userName: 'alice@example.com', certificate: alice.certificate }] },
      switches: { certificateV2Accepted: false },
    });
    try {
      const v2 = signedBody(alice.privateKey, v2Data(nowSeconds()), 'v2');
      await expectRefused(await authenticate(pemHeader(alice.certificate), v2, other), 401, /v2/);
      const v1 = signedBody(alice.privateKey, randomBytes(150));
      expect((await authenticate(pemHeader(alice.certificate), v1, other)).status).toBe(201);
    } finally {
      await other.close();
    }
  });

  it('refuses a v2 payload that is only a timestamp', async () => {
    const response = await authenticate(
      pemHeader(alice.certificate),
      signedBody(alice.privateKey, v2Data(nowSeconds(), 4), 'v2'),
    );
    await expectRefused(response, 401, /8-byte timestamp/);
  });
});

describe('createTestCertificate', () => {
  it('makes a self-signed certificate whose private key stays out of JSON', () => {
    const certificate = new X509Certificate(alice.certificate);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.subject).toContain('CN=alice');
    expect(alice.fingerprint256).toBe(certificate.fingerprint256);
    expect(alice.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(JSON.stringify(alice)).not.toContain('PRIVATE KEY');
  });
});
