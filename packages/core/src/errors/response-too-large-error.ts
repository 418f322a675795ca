// Tests: ../transport/response-limits.test.ts

import { redactUrl } from '../internal/redaction.js';
import { AnaplanAccessError } from './anaplan-access-error.js';

/** What a {@link ResponseTooLargeError} is built from. */
export interface ResponseTooLargeErrorInit {
  /** HTTP method of the request. */
  method: string;
  /** Full request URL; credential query parameters are masked. */
  url: string;
  /** HTTP status of the response whose body was too large. */
  status: number;
  /** The limit that was passed, in bytes (`maxResponseBytes`). */
  limitBytes: number;
  /** The `Content-Length` the server declared, when the body was refused on it before being read. */
  contentLength?: number;
  /** Known secret values to scrub; not kept. */
  secrets?: Iterable<string>;
}

/**
 * A response body was larger than the transport reads into memory (`maxResponseBytes`, 64 MiB by default): refused
 * on its `Content-Length` before reading, or stopped as soon as the bytes read passed the limit. Nothing of the body
 * is kept. Not retried: the same request would get the same answer. Raise `maxResponseBytes` (for the client, or for
 * one request) if such an answer is expected; streamed downloads are not subject to it.
 *
 * @example
 * ```ts
 * try {
 *   await transport.request({ api: 'api', method: 'GET', path: '/workspaces' });
 * } catch (error) {
 *   if (isResponseTooLargeError(error)) console.log(error.url, error.limitBytes, error.contentLength);
 *   throw error;
 * }
 * ```
 */
export class ResponseTooLargeError extends AnaplanAccessError {
  static override readonly kind: string = 'response-too-large';
  override readonly name: string = 'ResponseTooLargeError';
  /** HTTP method of the request. */
  readonly method: string;
  /** Request URL with credential query parameters masked. */
  readonly url: string;
  /** HTTP status of the response. */
  readonly status: number;
  /** The limit that was passed, in bytes. */
  readonly limitBytes: number;
  /** The declared `Content-Length`, when the body was refused on it; `undefined` when reading stopped at the limit. */
  readonly contentLength: number | undefined;

  constructor(init: ResponseTooLargeErrorInit) {
    const secrets = [...(init.secrets ?? [])];
    const url = redactUrl(init.url, secrets);
    const method = init.method.toUpperCase();
    const how =
      init.contentLength === undefined
        ? `stopped reading after ${init.limitBytes} bytes`
        : `its Content-Length is ${init.contentLength} bytes`;
    super(
      `${method} ${url} answered ${init.status} with a body larger than maxResponseBytes (${init.limitBytes} bytes): ${how}`,
      { secrets },
    );
    this.method = method;
    this.url = url;
    this.status = init.status;
    this.limitBytes = init.limitBytes;
    this.contentLength = init.contentLength;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      method: this.method,
      url: this.url,
      status: this.status,
      limitBytes: this.limitBytes,
      contentLength: this.contentLength,
    };
  }
}
