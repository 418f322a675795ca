// Tests: ./certificate-login.test.ts, ../cli.test.ts

import { generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';

/** Options of {@link createTestCertificate}. */
export interface TestCertificateOptions {
  /** Subject and issuer common name. @default 'anaplan-access test' */
  commonName?: string;
  /** Start of the validity period. @default one hour ago */
  validFrom?: Date;
  /** End of the validity period. @default one year from now */
  validTo?: Date;
  /** RSA key size in bits. @default 2048 */
  modulusLength?: number;
}

/** A self-signed certificate and its key, for `CACertificate` logins against the simulator. */
export interface TestCertificate {
  /** The certificate as PEM text (`-----BEGIN CERTIFICATE-----` …); seed it as a user's `certificate`. */
  readonly certificate: string;
  /**
   * The RSA private key as PKCS#8 PEM. Not enumerable, so it does not show up in `JSON.stringify` or a spread;
   * read it by name.
   */
  readonly privateKey: string;
  /** SHA-256 fingerprint as Node reports it (`AB:CD:…`). */
  readonly fingerprint256: string;
}

const sha256WithRsa = '1.2.840.113549.1.1.11';
const commonNameOid = '2.5.4.3';

/**
 * Creates an RSA key pair and a self-signed X.509 v3 certificate for it, with `node:crypto` only (Node has no
 * certificate-creation API, so the DER is assembled here).
 *
 * @example
 * ```ts
 * const { certificate, privateKey } = createTestCertificate();
 * const sim = await startSimulator({ seed: { users: [{ userName: 'cert@example.com', certificate }] } });
 * // sign with `privateKey` and send `CACertificate <base64(certificate)>` to `${sim.authUrl}/token/authenticate`
 * ```
 */
export function createTestCertificate(options: TestCertificateOptions = {}): TestCertificate {
  const commonName = options.commonName ?? 'anaplan-access test';
  const validFrom = options.validFrom ?? new Date(Date.now() - 60 * 60 * 1000);
  const validTo = options.validTo ?? new Date(Date.now() + 365 * 24 * 60 * 60 * 1000);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: options.modulusLength ?? 2048,
  });

  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  const algorithm = sequence(objectIdentifier(sha256WithRsa), Buffer.from([0x05, 0x00]));
  const name = sequence(set(sequence(objectIdentifier(commonNameOid), tlv(0x0c, Buffer.from(commonName)))));
  const toBeSigned = sequence(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    name,
    sequence(time(validFrom), time(validTo)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', toBeSigned, privateKey);
  const der = sequence(toBeSigned, algorithm, tlv(0x03, Buffer.from([0]), signature));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  const certificate = `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;

  const result = { certificate, fingerprint256: new X509Certificate(certificate).fingerprint256 };
  Object.defineProperty(result, 'privateKey', {
    value: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    enumerable: false,
  });
  return result as TestCertificate;
}

function tlv(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  let length: Buffer;
  if (body.length < 0x80) {
    length = Buffer.from([body.length]);
  } else {
    const bytes: number[] = [];
    for (let remaining = body.length; remaining > 0; remaining = Math.floor(remaining / 256)) {
      bytes.unshift(remaining % 256);
    }
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

function sequence(...contents: Buffer[]): Buffer {
  return tlv(0x30, ...contents);
}

function set(...contents: Buffer[]): Buffer {
  return tlv(0x31, ...contents);
}

function integer(bytes: Buffer): Buffer {
  return tlv(0x02, (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function objectIdentifier(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let remaining = Math.floor(arc / 128); remaining > 0; remaining = Math.floor(remaining / 128)) {
      chunk.unshift((remaining & 0x7f) | 0x80);
    }
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5). */
function time(date: Date): Buffer {
  const iso = date.toISOString();
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '');
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return tlv(0x17, Buffer.from(`${digits.slice(2)}Z`));
  return tlv(0x18, Buffer.from(`${digits}Z`));
}
