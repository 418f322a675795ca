// Tests: ./auth-from-environment.test.ts

import { readFile } from 'node:fs/promises';
import { ConfigurationError } from '../errors/configuration-error.js';
import type { AuthProvider } from './auth-provider.js';
import { basicAuth } from './basic-auth.js';
import { certificateAuth } from './certificate-auth.js';
import { oauthRefreshToken } from './oauth-refresh-token.js';

/** Options of {@link authFromEnvironment}. */
export interface AuthFromEnvironmentOptions {
  /**
   * Where the variables are read.
   * @default process.env
   */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /**
   * Called with each new refresh token of an OAuth login (`ANAPLAN_REFRESH_TOKEN`): rotatable Anaplan refresh tokens
   * are single-use, so store the new one where the next run reads it. See {@link OAuthRefreshTokenOptions.onRotate}.
   */
  onRotate?: ((refreshToken: string) => void | Promise<void>) | undefined;
}

const optionKeys = new Set(['env', 'onRotate']);

/** The credentials each login needs, in the order they are tried. */
const logins = [
  { name: 'certificate files', variables: ['ANAPLAN_CERTIFICATE_FILE', 'ANAPLAN_PRIVATE_KEY_FILE'] },
  { name: 'certificate', variables: ['ANAPLAN_CERTIFICATE', 'ANAPLAN_PRIVATE_KEY'] },
  { name: 'OAuth refresh token', variables: ['ANAPLAN_CLIENT_ID', 'ANAPLAN_REFRESH_TOKEN'] },
  { name: 'username and password', variables: ['ANAPLAN_USERNAME', 'ANAPLAN_PASSWORD'] },
] as const;

/**
 * The Anaplan login that `ANAPLAN_*` environment variables describe, for scripts, CI jobs and starters that take
 * their credentials from the environment. Tried in this order, the first complete set wins:
 *
 * | Login | Variables |
 * | --- | --- |
 * | {@link certificateAuth} from files | `ANAPLAN_CERTIFICATE_FILE`, `ANAPLAN_PRIVATE_KEY_FILE`, optional `ANAPLAN_KEY_PASSPHRASE` |
 * | {@link certificateAuth} from PEM text | `ANAPLAN_CERTIFICATE`, `ANAPLAN_PRIVATE_KEY`, optional `ANAPLAN_KEY_PASSPHRASE` |
 * | {@link oauthRefreshToken} | `ANAPLAN_CLIENT_ID`, `ANAPLAN_REFRESH_TOKEN`, optional `ANAPLAN_CLIENT_SECRET` |
 * | {@link basicAuth} | `ANAPLAN_USERNAME`, `ANAPLAN_PASSWORD` |
 *
 * Returns `undefined` when no variable of any set is given (so a caller can fall back, for example to the
 * simulator). A set given in part (a username without a password, a certificate without its key) is an error
 * rather than a silent fall-through to the next login. Empty variables count as absent. No value appears in an error.
 *
 * @throws {@link ConfigurationError} naming the missing variable when a set is incomplete, or the variable whose
 * file cannot be read; and when an option is unknown or a login factory rejects a value (an unreadable key).
 * @example
 * ```ts
 * const auth = await authFromEnvironment();
 * if (!auth) throw new Error('Set ANAPLAN_USERNAME and ANAPLAN_PASSWORD (or a certificate)');
 * const scim = new ScimClient({ auth, region: 'eu1' });
 * ```
 * @group Authentication
 */
export async function authFromEnvironment(
  options: AuthFromEnvironmentOptions = {},
): Promise<AuthProvider | undefined> {
  for (const key of Object.keys(options ?? {})) {
    if (!optionKeys.has(key)) {
      throw new ConfigurationError(
        key,
        `authFromEnvironment: unknown option "${key}". Valid options: env, onRotate`,
      );
    }
  }
  const env = options.env ?? process.env;
  const value = (name: string): string | undefined => (env[name] ? env[name] : undefined);

  for (const login of logins) {
    const given = login.variables.filter((name) => value(name) !== undefined);
    if (given.length === 0) continue;
    const missing = login.variables.find((name) => value(name) === undefined);
    if (missing) {
      throw new ConfigurationError(
        missing,
        `authFromEnvironment: ${given.join(' and ')} ${given.length > 1 ? 'are' : 'is'} set but ${missing} is not (${login.name} login)`,
      );
    }
  }

  const passphrase = value('ANAPLAN_KEY_PASSPHRASE');
  const certificateFile = value('ANAPLAN_CERTIFICATE_FILE');
  const keyFile = value('ANAPLAN_PRIVATE_KEY_FILE');
  if (certificateFile && keyFile) {
    return certificateAuth({
      certificate: await readVariableFile('ANAPLAN_CERTIFICATE_FILE', certificateFile),
      privateKey: await readVariableFile('ANAPLAN_PRIVATE_KEY_FILE', keyFile),
      ...(passphrase ? { passphrase } : {}),
    });
  }
  const certificate = value('ANAPLAN_CERTIFICATE');
  const privateKey = value('ANAPLAN_PRIVATE_KEY');
  if (certificate && privateKey) {
    return certificateAuth({ certificate, privateKey, ...(passphrase ? { passphrase } : {}) });
  }
  const clientId = value('ANAPLAN_CLIENT_ID');
  const refreshToken = value('ANAPLAN_REFRESH_TOKEN');
  if (clientId && refreshToken) {
    const clientSecret = value('ANAPLAN_CLIENT_SECRET');
    return oauthRefreshToken({
      clientId,
      refreshToken,
      ...(clientSecret ? { clientSecret } : {}),
      ...(options.onRotate ? { onRotate: options.onRotate } : {}),
    });
  }
  const username = value('ANAPLAN_USERNAME');
  const password = value('ANAPLAN_PASSWORD');
  if (username && password) return basicAuth({ username, password });
  return undefined;
}

async function readVariableFile(variable: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigurationError(variable, `authFromEnvironment: cannot read ${variable} (${path}): ${code}`);
  }
}
