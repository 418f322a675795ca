// Tests: ../transport/transport.test.ts, ../transport/large-body.test.ts

import { ConfigurationError } from '../errors/configuration-error.js';
import type { SearchParams } from '../transport/request-options.js';

/**
 * Joins a service base URL and a request path (keeping the base's own path, e.g. `/2/0`) and appends the query.
 * An absolute `path` must have the base's origin, so credentials never leave for another host.
 *
 * @throws {@link ConfigurationError} for an absolute path on another origin.
 */
export function buildUrl(base: string, path: string, searchParams: SearchParams | undefined): URL {
  let url: URL;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    url = new URL(path);
    if (url.origin !== new URL(base).origin) {
      throw new ConfigurationError(
        'path',
        `path is an absolute URL on another origin than ${new URL(base).origin}`,
      );
    }
  } else {
    url = new URL(`${base}${path.startsWith('/') ? '' : '/'}${path}`);
  }
  if (searchParams) {
    const entries =
      searchParams instanceof URLSearchParams ? [...searchParams.entries()] : Object.entries(searchParams);
    for (const [name, value] of entries) {
      if (value !== undefined) url.searchParams.append(name, String(value));
    }
  }
  return url;
}

/** Whether a request body can be sent again (a stream or async iterable cannot). */
export function isReplayableBody(body: unknown): boolean {
  if (body === undefined || body === null || typeof body === 'string') return true;
  if (body instanceof ReadableStream) return false;
  if (body instanceof Uint8Array || body instanceof ArrayBuffer || body instanceof Blob) return true;
  if (body instanceof URLSearchParams || body instanceof FormData) return true;
  return !(typeof body === 'object' && Symbol.asyncIterator in body);
}
