import { createHash, verify, X509Certificate } from 'node:crypto';
import type { SimulatorContext } from '../internal/context.js';
import type { SimUser } from '../state.js';
import { badCredential, badHeader } from './auth-service-envelope.js';
import type { LoginResult } from './basic-login.js';

const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;
const minimumV1Bytes = 100;
const timestampBytes = 8;
/** Random bytes a v2 payload must carry after its timestamp (the documentation does not give a figure). */
const minimumV2RandomBytes = 16;

/**
 * Verifies `Authorization: CACertificate <base64 certificate>` logins:
 * - the header carries base64 of the PEM text (with or without the BEGIN/END lines), or of the DER bytes;
 * - the certificate must be one a user was seeded with (compared by SHA-256 fingerprint), be within its validity
 *   period on the simulator's clock, and hold an RSA key;
 * - the JSON body `{ encodedData, encodedSignedData, encodedDataFormat? }` must carry an RSA-SHA512 (PKCS#1 v1.5)
 *   signature over the raw decoded `encodedData` bytes;
 * - v1 (no `encodedDataFormat`): at least 100 data bytes;
 * - v2 (`encodedDataFormat: "v2"`): the first 8 bytes are a big-endian timestamp (unit and allowed skew are
 *   switches) and a payload is accepted once only; switch `certificateV2Accepted: false` refuses v2 with 401.
 */
export class CertificateLogin {
  readonly #context: SimulatorContext;
  /** Fingerprint of each seeded PEM (undefined when it does not parse). */
  readonly #fingerprints = new Map<string, string | undefined>();
  /** SHA-256 of accepted v2 payloads → their timestamp in ms, to refuse replays. */
  readonly #usedPayloads = new Map<string, number>();

  constructor(context: SimulatorContext) {
    this.#context = context;
  }

  /** Checks a login; `encodedCertificate` is the header value after the scheme, `body` the raw request body. */
  check(encodedCertificate: string, body: Buffer): LoginResult {
    const certificate = parsePresentedCertificate(encodedCertificate);
    if (!certificate) return { ok: false, failure: badHeader('Invalid header. Verify the header.') };
    const payload = parsePayload(body);
    if (typeof payload === 'string') return { ok: false, failure: badHeader(payload) };

    const user = this.#findOwner(certificate.fingerprint256);
    if (!user) return { ok: false, failure: badCredential('Certificate is not registered for this tenant') };
    if (!user.active) return { ok: false, failure: badCredential('User is not active') };
    const now = this.#context.now();
    if (Date.parse(certificate.validFrom) > now || Date.parse(certificate.validTo) < now) {
      return { ok: false, failure: badCredential('Certificate is not valid at this time') };
    }
    if (certificate.publicKey.asymmetricKeyType !== 'rsa') {
      return { ok: false, failure: badCredential('Certificate key must be RSA') };
    }
    const { data, signature, format } = payload;
    if (format === 'v2' && !this.#context.state.switches.certificateV2Accepted) {
      return { ok: false, failure: badCredential('The v2 certificate payload format is not accepted') };
    }
    if (format === 'v1' && data.length < minimumV1Bytes) {
      return { ok: false, failure: badCredential(`encodedData must be at least ${minimumV1Bytes} bytes`) };
    }
    if (format === 'v2' && data.length < timestampBytes + minimumV2RandomBytes) {
      return {
        ok: false,
        failure: badCredential(
          `v2 encodedData must be an 8-byte timestamp followed by at least ${minimumV2RandomBytes} random bytes`,
        ),
      };
    }
    if (!verifySignature(certificate, data, signature)) {
      return { ok: false, failure: badCredential('Signature does not match the certificate') };
    }
    if (format === 'v2') {
      const refusal = this.#checkFreshness(data, now);
      if (refusal) return { ok: false, failure: badCredential(refusal) };
    }
    return { ok: true, user };
  }

  #findOwner(fingerprint: string): SimUser | undefined {
    for (const user of this.#context.state.users.values()) {
      if (user.certificate !== undefined && this.#fingerprintOf(user.certificate) === fingerprint)
        return user;
    }
    return undefined;
  }

  #fingerprintOf(pem: string): string | undefined {
    if (!this.#fingerprints.has(pem)) {
      let fingerprint: string | undefined;
      try {
        fingerprint = new X509Certificate(pem).fingerprint256;
      } catch {
        fingerprint = undefined;
      }
      this.#fingerprints.set(pem, fingerprint);
    }
    return this.#fingerprints.get(pem);
  }

  #checkFreshness(data: Buffer, now: number): string | undefined {
    const { certificateTimestampUnit, certificateClockSkewMs } = this.#context.state.switches;
    const stamp = Number(data.readBigUInt64BE(0));
    const stampMs = certificateTimestampUnit === 'seconds' ? stamp * 1000 : stamp;
    if (!Number.isFinite(stampMs) || Math.abs(stampMs - now) > certificateClockSkewMs) {
      return `v2 timestamp is not within ${certificateClockSkewMs} ms of the server clock (expected ${certificateTimestampUnit} since epoch, big-endian)`;
    }
    for (const [key, usedAt] of this.#usedPayloads) {
      if (Math.abs(now - usedAt) > 2 * certificateClockSkewMs) this.#usedPayloads.delete(key);
    }
    const key = createHash('sha256').update(data).digest('hex');
    if (this.#usedPayloads.has(key))
      return 'v2 payload was already used; generate a fresh one for each request';
    this.#usedPayloads.set(key, stampMs);
    return undefined;
  }
}

function parsePresentedCertificate(encoded: string): X509Certificate | undefined {
  if (!base64Pattern.test(encoded)) return undefined;
  const decoded = Buffer.from(encoded, 'base64');
  const text = decoded.toString('latin1');
  try {
    if (text.includes('-----BEGIN CERTIFICATE-----')) return new X509Certificate(text);
    if (/^[A-Za-z0-9+/=\s]+$/.test(text)) {
      return new X509Certificate(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
    }
    return new X509Certificate(decoded);
  } catch {
    return undefined;
  }
}

interface CertificatePayload {
  data: Buffer;
  signature: Buffer;
  format: 'v1' | 'v2';
}

/** The decoded body, or why it is malformed. */
function parsePayload(body: Buffer): CertificatePayload | string {
  const expected = 'Request body must be JSON { encodedData, encodedSignedData, encodedDataFormat? }';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return expected;
  }
  if (typeof parsed !== 'object' || parsed === null) return expected;
  const { encodedData, encodedSignedData, encodedDataFormat } = parsed as Record<string, unknown>;
  if (typeof encodedData !== 'string' || typeof encodedSignedData !== 'string') return expected;
  if (!base64Pattern.test(encodedData) || !base64Pattern.test(encodedSignedData)) {
    return 'encodedData and encodedSignedData must be base64';
  }
  if (encodedDataFormat !== undefined && encodedDataFormat !== 'v2') {
    return 'encodedDataFormat must be "v2" or absent (v1)';
  }
  return {
    data: Buffer.from(encodedData, 'base64'),
    signature: Buffer.from(encodedSignedData, 'base64'),
    format: encodedDataFormat === 'v2' ? 'v2' : 'v1',
  };
}

function verifySignature(certificate: X509Certificate, data: Buffer, signature: Buffer): boolean {
  try {
    return verify('sha512', data, certificate.publicKey, signature);
  } catch {
    return false;
  }
}
