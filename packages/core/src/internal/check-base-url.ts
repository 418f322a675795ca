// Tests: ../regions.test.ts, ../client-options.test.ts

import { ConfigurationError } from '../errors/configuration-error.js';
import { isLoopbackHost } from './loopback.js';

/**
 * Validates one base URL, naming `key` in the error; returns it without a trailing slash.
 *
 * @throws {@link ConfigurationError} for a value that is not an absolute `https://` URL (or `http://` to a loopback
 *   host), or that holds credentials, a query string or a fragment.
 */
export function checkBaseUrl(key: string, value: unknown): string {
  if (typeof value !== 'string') throw new ConfigurationError(key, `${key} must be a URL string`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(key, `${key} is not a valid absolute URL`);
  }
  if (url.username || url.password) {
    throw new ConfigurationError(key, `${key} must not contain credentials`);
  }
  if (url.search || url.hash) {
    throw new ConfigurationError(key, `${key} must not have a query string or fragment`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigurationError(
      key,
      `${key} uses http:// to ${url.hostname}; only https:// is allowed, except for loopback hosts`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(key, `${key} must be an https:// URL`);
  }
  return url.toString().replace(/\/+$/, '');
}
