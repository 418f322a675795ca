import { createPrivateKey, createSign, type KeyObject, randomBytes, X509Certificate } from 'node:crypto';
import { ConfigurationError } from '../errors/configuration-error.js';
import { isAuthenticationError } from '../errors/guards.js';
import { authenticateSession, logoutSession, refreshSession } from '../internal/anaplan-session.js';
import { defineProvider } from '../internal/define-provider.js';
import type { AuthContext, AuthProvider, AuthSession } from './auth-provider.js';

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
  /**
   * With `format: 'v2'`: when the auth service refuses a v2 login (400, 401 or 403), sign a v1 payload and try once
   * more. The unit of the v2 timestamp is not settled (the official example decodes to seconds, another client
   * sends milliseconds), so a tenant may refuse what this SDK sends. Once v1 has worked, this provider keeps using
   * v1. Each fallback is logged as a warning. `false` fails on the v2 refusal. Ignored with `format: 'v1'`.
   * @default true
   */
  fallbackToV1?: boolean;
}

const optionKeys = new Set(['certificate', 'privateKey', 'passphrase', 'format', 'fallbackToV1']);

/**
 * Anaplan certificate authentication: `POST /token/authenticate` with
 * `Authorization: CACertificate <base64 of the whole PEM text>` and a JSON body holding random bytes and their
 * RSA-SHA512 (PKCS#1 v1.5) signature; a fresh payload for every authentication. The session then works like
 * {@link basicAuth}: refreshed before expiry, logged out on `close()`.
 *
 * The key is checked when the provider is created, so a wrong passphrase fails early. A refused v2 login is tried
 * again once as v1 unless `fallbackToV1` is `false` (see {@link CertificateAuthOptions.fallbackToV1}).
 *
 * @throws {@link ConfigurationError} when the certificate or private key cannot be read, or an option is unknown or
 * invalid.
 * @example
 * ```ts
 * const auth = certificateAuth({
 *   certificate: await readFile('anaplan.cert.pem', 'utf8'),
 *   privateKey: await readFile('anaplan.key.pem', 'utf8'),
 *   passphrase: process.env.KEY_PASSPHRASE,
 * });
 * ```
 * @group Authentication
 */
export function certificateAuth(options: CertificateAuthOptions): AuthProvider {
  for (const name of Object.keys(options ?? {})) {
    if (!optionKeys.has(name)) {
      throw new ConfigurationError(name, `certificateAuth: unknown option "${name}"`);
    }
  }
  const {
    certificate,
    privateKey,
    passphrase,
    format = 'v2',
    fallbackToV1 = true,
  } = options ?? ({} as CertificateAuthOptions);
  if (format !== 'v2' && format !== 'v1') {
    throw new ConfigurationError('format', `certificateAuth: format must be 'v2' or 'v1'`);
  }
  if (typeof fallbackToV1 !== 'boolean') {
    throw new ConfigurationError('fallbackToV1', 'certificateAuth: fallbackToV1 must be a boolean');
  }
  const fingerprint = readCertificate(certificate);
  const key = readPrivateKey(privateKey, passphrase);
  const header = `CACertificate ${Buffer.from(certificate, 'utf8').toString('base64')}`;
  const what = 'Certificate authentication';
  let current = format;

  const authenticate = async (context: AuthContext): Promise<AuthSession> => {
    if (current === 'v1' || !fallbackToV1) {
      return authenticateSession(context, header, what, signedPayload(key, current));
    }
    try {
      return await authenticateSession(context, header, what, signedPayload(key, 'v2'));
    } catch (refusal) {
      if (!isAuthenticationError(refusal)) throw refusal;
      context.logger.warn(
        { auth: 'certificate', status: refusal.status },
        'The v2 certificate login was refused; trying the v1 payload format',
      );
      let session: AuthSession;
      try {
        session = await authenticateSession(context, header, what, signedPayload(key, 'v1'));
      } catch (error) {
        // Both refused: the certificate or key is the likelier cause; report the format that was asked for.
        if (isAuthenticationError(error)) throw refusal;
        throw error;
      }
      context.logger.warn(
        { auth: 'certificate' },
        'The v1 certificate login worked; this provider uses v1 from now on',
      );
      current = 'v1';
      return session;
    }
  };

  return defineProvider(
    { kind: 'certificate', format, fallbackToV1, fingerprint },
    {
      authenticate,
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
