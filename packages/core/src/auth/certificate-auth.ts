import { createPrivateKey, createSign, type KeyObject, randomBytes, X509Certificate } from 'node:crypto';
import { ConfigurationError } from '../errors/configuration-error.js';
import { authenticateSession, logoutSession, refreshSession } from '../internal/anaplan-session.js';
import { defineProvider } from '../internal/define-provider.js';
import type { AuthProvider } from './auth-provider.js';

/** Number of random bytes signed per request (Anaplan requires at least 100; Anaplan Connect uses 150). */
const nonceLength = 150;

/** Options of {@link certificateAuth}. */
export interface CertificateAuthOptions {
  /** The CA-issued certificate registered in Anaplan, as PEM text (`-----BEGIN CERTIFICATE-----…`). */
  certificate: string;
  /** The matching RSA private key, as PEM text (PKCS#1 or PKCS#8, encrypted or not). */
  privateKey: string;
  /** Passphrase of an encrypted private key. */
  passphrase?: string;
  /**
   * Payload format. `v2` prefixes the signed bytes with an 8-byte big-endian timestamp in seconds and sends
   * `encodedDataFormat: "v2"`; `v1` signs random bytes only (being phased out by Anaplan).
   * @default 'v2'
   */
  format?: 'v2' | 'v1';
}

/**
 * Anaplan certificate authentication: `POST /token/authenticate` with
 * `Authorization: CACertificate <base64 of the whole PEM text>` and a JSON body holding random bytes and their
 * RSA-SHA512 (PKCS#1 v1.5) signature; a fresh payload for every authentication. The session then works like
 * {@link basicAuth}: refreshed before expiry, logged out on `close()`.
 *
 * The key is checked when the provider is created, so a wrong passphrase fails early.
 *
 * @throws {@link ConfigurationError} when the certificate or private key cannot be read.
 * @example
 * ```ts
 * const auth = certificateAuth({
 *   certificate: await readFile('anaplan.cert.pem', 'utf8'),
 *   privateKey: await readFile('anaplan.key.pem', 'utf8'),
 *   passphrase: process.env.KEY_PASSPHRASE,
 * });
 * ```
 */
export function certificateAuth(options: CertificateAuthOptions): AuthProvider {
  const { certificate, privateKey, passphrase, format = 'v2' } = options ?? ({} as CertificateAuthOptions);
  if (format !== 'v2' && format !== 'v1') {
    throw new ConfigurationError('format', `certificateAuth: format must be 'v2' or 'v1'`);
  }
  const fingerprint = readCertificate(certificate);
  const key = readPrivateKey(privateKey, passphrase);
  const header = `CACertificate ${Buffer.from(certificate, 'utf8').toString('base64')}`;

  return defineProvider(
    { kind: 'certificate', format, fingerprint },
    {
      authenticate: (context) =>
        authenticateSession(context, header, 'Certificate authentication', signedPayload(key, format)),
      refresh: refreshSession,
      logout: logoutSession,
      secrets: () => [privateKey, ...(passphrase ? [passphrase] : [])],
    },
  );
}

function signedPayload(key: KeyObject, format: 'v2' | 'v1'): Record<string, string> {
  const nonce = randomBytes(nonceLength);
  let data = nonce;
  if (format === 'v2') {
    const timestamp = Buffer.alloc(8);
    timestamp.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
    data = Buffer.concat([timestamp, nonce]);
  }
  const signature = createSign('RSA-SHA512').update(data).sign(key);
  return {
    ...(format === 'v2' ? { encodedDataFormat: 'v2' } : {}),
    encodedData: data.toString('base64'),
    encodedSignedData: signature.toString('base64'),
  };
}

/** Parses the certificate; returns its SHA-256 fingerprint (not secret) for `toJSON`. */
function readCertificate(certificate: unknown): string {
  if (typeof certificate !== 'string' || !certificate.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigurationError('certificate', 'certificateAuth: certificate must be PEM text');
  }
  try {
    return new X509Certificate(certificate).fingerprint256;
  } catch {
    throw new ConfigurationError('certificate', 'certificateAuth: the certificate PEM cannot be parsed');
  }
}

function readPrivateKey(privateKey: unknown, passphrase: unknown): KeyObject {
  if (typeof privateKey !== 'string' || !privateKey.includes('PRIVATE KEY-----')) {
    throw new ConfigurationError('privateKey', 'certificateAuth: privateKey must be PEM text');
  }
  if (passphrase !== undefined && typeof passphrase !== 'string') {
    throw new ConfigurationError('passphrase', 'certificateAuth: passphrase must be a string');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: privateKey, format: 'pem', ...(passphrase ? { passphrase } : {}) });
  } catch {
    // The crypto error is not attached: only say what is wrong, never echo key material.
    throw new ConfigurationError(
      passphrase ? 'passphrase' : 'privateKey',
      passphrase
        ? 'certificateAuth: the private key cannot be decrypted (wrong passphrase or unreadable key)'
        : 'certificateAuth: the private key cannot be read (is it encrypted and missing a passphrase?)',
    );
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new ConfigurationError('privateKey', 'certificateAuth: the private key must be an RSA key');
  }
  return key;
}
