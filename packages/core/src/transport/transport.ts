import ky, { isHTTPError, isNetworkError, isTimeoutError, type KyInstance } from 'ky';
import pLimit, { type LimitFunction } from 'p-limit';
import type { ZodType, z } from 'zod';
import type { AuthRequest, AuthSession } from '../auth/auth-provider.js';
import { ApiError } from '../errors/api-error.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import { isAnaplanAccessError, isAuthenticationError } from '../errors/guards.js';
import { AbortError, ConnectionError, TimeoutError } from '../errors/request-errors.js';
import { boundedAttempts, type CallLimits, ForeignFetchFailure } from '../internal/bounded-attempts.js';
import { buildUrl, isReplayableBody } from '../internal/build-url.js';
import { createLoggingFetch, requestIdOf } from '../internal/logging-fetch.js';
import {
  maxResponseBytesCeiling,
  parseTransportOptions,
  type ResolvedTransportOptions,
} from '../internal/parse-transport-options.js';
import { readResponse } from '../internal/read-response.js';
import { credentialValuesOf, redactUrl } from '../internal/redaction.js';
import { parseRetryAfter } from '../internal/retry-after.js';
import { isIdempotentMethod, kyRetryOptions } from '../internal/retry-policy.js';
import { createScrubbingLogger } from '../internal/scrubbing-logger.js';
import { SessionClosedReason, TokenManager } from '../internal/token-manager.js';
import type { Logger } from '../logger.js';
import type { BaseUrls } from '../regions.js';
import type { RequestOptions, TransportResponse } from './request-options.js';
import type { TransportOptions } from './transport-options.js';

const services = new Set(['api', 'auth', 'scim', 'oauth']);

/** How one call is executed: with the session's credential (client calls) or without (auth-service calls). */
interface ExecutionMode {
  authenticated: boolean;
}

/**
 * The HTTP layer every anaplan-access client is built on: one instance per client, holding the base URLs, one
 * shared session (single-flight authentication, refresh before expiry, one re-authentication and replay after a
 * 401), a concurrency limit, the retry policy ({@link RetryOptions}), redaction and logging.
 *
 * The constructor only validates options: no I/O, no timers. The session starts with the first request.
 *
 * @throws {@link ConfigurationError} from the constructor for an unknown or invalid option.
 * @example
 * ```ts
 * const transport = new Transport({ auth: basicAuth({ username, password }), region: 'eu3' });
 * const { data } = await transport.request({ api: 'api', method: 'GET', path: '/users/me' });
 * await transport.close(); // logs the session out
 * ```
 */
export class Transport {
  /** The resolved base URL of each service. */
  readonly baseUrls: Readonly<BaseUrls>;
  /** The transport's logger, scrubbed of secrets; clients built on the transport log through it. */
  readonly logger: Logger;
  readonly #options: ResolvedTransportOptions;
  readonly #tokens: TokenManager;
  #ky: KyInstance | undefined;
  #limit: LimitFunction | undefined;
  /** Epoch ms until which new requests wait, after a 429 with `Retry-After` (see #waitOutRateLimit). */
  #pausedUntil = 0;

  constructor(options: TransportOptions) {
    this.#options = parseTransportOptions(options);
    this.baseUrls = Object.freeze({ ...this.#options.baseUrls });
    this.logger = createScrubbingLogger(this.#options.logger, () => this.#secrets());
    const authRequest = ((request: RequestOptions) =>
      this.#execute(request, { authenticated: false })) as AuthRequest;
    this.#tokens = new TokenManager({
      provider: this.#options.auth,
      request: authRequest,
      logger: this.logger,
    });
  }

  /**
   * Sends one request and reads its 2xx body once.
   *
   * Retries follow {@link RetryOptions} exactly: an idempotent request makes at most `retry.limit + 1` attempts
   * (after 408/429/5xx, timeouts, network errors), a non-idempotent one is repeated only after 429. Independently,
   * a 401 on an authenticated request drops that session, authenticates once more and replays the request once
   * (not for streaming bodies, and not when re-authenticating yields the same credential). Redirects are never
   * followed, so credentials cannot reach another host: a 3xx answer is an {@link ApiError}.
   *
   * @throws {@link ApiError} (or a status subclass) for a non-2xx answer, {@link ResponseValidationError} when a 2xx
   * body does not match `schema`, {@link ConnectionError}, {@link TimeoutError}, {@link AbortError},
   * {@link AuthenticationError} when authenticating fails, {@link ConfigurationError} for invalid request options.
   */
  request<Schema extends ZodType>(
    options: RequestOptions & { schema: Schema; responseType?: 'json' },
  ): Promise<TransportResponse<z.output<Schema>>>;
  request(options: RequestOptions & { responseType: 'text' }): Promise<TransportResponse<string>>;
  request(options: RequestOptions & { responseType: 'bytes' }): Promise<TransportResponse<Uint8Array>>;
  request(
    options: RequestOptions & { responseType: 'stream' },
  ): Promise<TransportResponse<ReadableStream<Uint8Array> | null>>;
  request(options: RequestOptions & { responseType: 'none' }): Promise<TransportResponse<undefined>>;
  request(options: RequestOptions): Promise<TransportResponse<unknown>>;
  request(options: RequestOptions): Promise<TransportResponse<unknown>> {
    this.#limit ??= pLimit(this.#options.concurrency);
    return this.#limit(async () => {
      await this.#waitOutRateLimit(options.signal);
      return this.#execute(options, { authenticated: options.authenticated ?? true });
    });
  }

  /**
   * A 429 speaks for the whole client, not one request: once one came with `Retry-After`, the requests that start
   * after it wait until then too, instead of each being refused in turn (the refused request itself waits in the
   * retry policy). An abort ends the wait; the request then fails as aborted.
   */
  async #waitOutRateLimit(signal: AbortSignal | undefined): Promise<void> {
    for (let wait = this.#pausedUntil - Date.now(); wait > 0 && !signal?.aborted; ) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, wait);
        signal?.addEventListener('abort', done, { once: true });
      });
      wait = this.#pausedUntil - Date.now();
    }
  }

  /** Notes a 429's `Retry-After` (capped like the retry policy's) for #waitOutRateLimit. */
  #slowDown(retryAfter: string | null): void {
    const waitMs = parseRetryAfter(retryAfter);
    if (waitMs === undefined) return;
    const until = Date.now() + Math.min(waitMs, this.#options.retry.maxRetryAfterMs);
    if (until > this.#pausedUntil) this.#pausedUntil = until;
  }

  /**
   * Ends the session: stops a pending authentication and logs out of a live Anaplan session (`/token/logout`).
   * A later request starts a new session.
   */
  async close(): Promise<void> {
    await this.#tokens.close();
  }

  #secrets(): string[] {
    return [...(this.#options.auth.secrets?.() ?? []), ...this.#tokens.issuedCredentials()];
  }

  async #execute(options: RequestOptions, mode: ExecutionMode): Promise<TransportResponse<unknown>> {
    const method = checkRequest(options);
    const url = buildUrl(this.baseUrls[options.api], options.path, options.searchParams).toString();
    const replayable = isReplayableBody(options.body);
    const requestSecrets = credentialValuesOf(url, options.json);
    const secrets = () => [...this.#secrets(), ...requestSecrets];
    let replayedAfter401 = false;
    for (;;) {
      const used: { session: AuthSession | undefined } = { session: undefined };
      try {
        if (mode.authenticated) used.session = await this.#tokens.getSession(options.signal);
        const limits: CallLimits = {
          timeoutMs: options.timeoutMs ?? this.#options.timeoutMs,
          maxBytes: options.maxResponseBytes ?? this.#options.maxResponseBytes,
          attemptStartedAt: performance.now(),
        };
        // Aborted when the body does not arrive in time: ky's timeout ends once the headers are in.
        const bodyDeadline = new AbortController();
        const response = await this.#send(
          options,
          method,
          url,
          replayable,
          mode,
          used,
          bodyDeadline.signal,
          limits,
        );
        const data = await this.#readBody(bodyDeadline, limits, options, method, url, secrets, () =>
          readResponse(response, options.responseType ?? 'json', options.schema, {
            method,
            url,
            secrets,
            maxBytes: limits.maxBytes,
          }),
        );
        return { data, status: response.status, headers: response.headers, requestId: requestIdOf(response) };
      } catch (error) {
        const failure = this.#translate(error, method, url, options, secrets());
        const refused = used.session;
        if (
          !refused ||
          replayedAfter401 ||
          !replayable ||
          !isAuthenticationError(failure) ||
          failure.status !== 401
        ) {
          throw failure;
        }
        this.#tokens.invalidate(refused);
        let next: AuthSession;
        try {
          next = await this.#tokens.getSession(options.signal);
        } catch (authError) {
          throw this.#translate(authError, method, url, options, secrets());
        }
        if (next.authorization === refused.authorization) throw failure;
        this.logger.info(
          { method, url: redactUrl(url) },
          'Session refused (401); replaying with a new session',
        );
        replayedAfter401 = true;
      }
    }
  }

  /**
   * Reads and parses a response body within the deadline of the attempt that answered (`timeoutMs` from its start;
   * a stream is the caller's to read), so that a server that sends its headers and then trickles or stalls cannot
   * hold a call past its timeout. At the deadline the connection is aborted and the call fails, even while a schema
   * is still validating.
   */
  async #readBody<T>(
    deadline: AbortController,
    limits: CallLimits,
    options: RequestOptions,
    method: string,
    url: string,
    secrets: () => string[],
    read: () => Promise<T>,
  ): Promise<T> {
    if (options.responseType === 'stream') return read();
    const remainingMs = limits.attemptStartedAt + limits.timeoutMs - performance.now();
    const timer = setTimeout(() => deadline.abort(), Math.max(0, remainingMs));
    const expired = new Promise<never>((_resolve, reject) => {
      deadline.signal.addEventListener('abort', () => reject(deadline.signal.reason), { once: true });
    });
    const reading = read();
    // Whichever loses the race below settles unobserved later.
    expired.catch(() => undefined);
    reading.catch(() => undefined);
    try {
      return await Promise.race([reading, expired]);
    } catch (error) {
      if (deadline.signal.aborted && !options.signal?.aborted)
        throw new TimeoutError({ method, url, timeoutMs: limits.timeoutMs, secrets: secrets() });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async #send(
    options: RequestOptions,
    method: string,
    url: string,
    replayable: boolean,
    mode: ExecutionMode,
    used: { session: AuthSession | undefined },
    bodyDeadline: AbortSignal,
    limits: CallLimits,
  ): Promise<Response> {
    const idempotent = options.idempotent ?? isIdempotentMethod(method);
    const limit = replayable ? (options.retry ?? this.#options.retry.limit) : 0;
    const headers: Record<string, string | undefined> = { ...options.headers };
    if ((options.responseType ?? 'json') === 'json' && !hasHeader(headers, 'accept')) {
      headers['accept'] = 'application/json';
    }
    if (used.session) headers['authorization'] = used.session.authorization;
    this.#ky ??= ky.create({
      redirect: 'manual',
      throwHttpErrors: true,
      // ky parses an error body itself: one that is not JSON (or was cut, see boundErrorBody) is kept as text.
      parseJson: parseJsonOrText,
      headers: { 'user-agent': this.#options.userAgent },
    });
    return this.#ky(url, {
      method,
      headers,
      ...(options.json === undefined ? {} : { json: options.json }),
      ...(options.body === undefined ? {} : { body: sendableBody(options.body, headers) }),
      signal: options.signal ? AbortSignal.any([options.signal, bodyDeadline]) : bodyDeadline,
      timeout: limits.timeoutMs,
      retry: kyRetryOptions({ ...this.#options.retry, limit }, idempotent),
      fetch: this.#noting429(
        boundedAttempts(
          createLoggingFetch(this.#options.fetch ?? globalThis.fetch, this.logger, method, url),
          limits,
        ),
      ),
      hooks: {
        beforeRetry: [
          async ({ request }) => {
            // Each attempt carries the session that is current when it starts (it may have been renewed).
            if (!mode.authenticated) return;
            used.session = await this.#tokens.getSession(options.signal);
            request.headers.set('authorization', used.session.authorization);
          },
        ],
      },
    });
  }

  /** Wraps a `fetch` so that every 429 it sees slows the whole transport down (see #waitOutRateLimit). */
  #noting429(
    send: (input: Request | URL | string, init?: RequestInit) => Promise<Response>,
  ): (input: Request | URL | string, init?: RequestInit) => Promise<Response> {
    return async (input, init) => {
      const response = await send(input, init);
      if (response.status === 429) this.#slowDown(response.headers.get('retry-after'));
      return response;
    };
  }

  /** Maps whatever a request threw to this package's errors, redacted with the known secrets. */
  #translate(
    error: unknown,
    method: string,
    url: string,
    options: RequestOptions,
    secrets: string[],
  ): unknown {
    if (isAnaplanAccessError(error)) return error;
    if (options.signal?.aborted)
      return new AbortError({ method, url, cause: options.signal.reason, secrets });
    if (error instanceof SessionClosedReason) return new AbortError({ method, url, cause: error, secrets });
    if (error instanceof ForeignFetchFailure)
      return new ConnectionError({ method, url, cause: error.cause, secrets });
    if (isHTTPError(error)) {
      return ApiError.from({
        status: error.response.status,
        method,
        url,
        headers: error.response.headers,
        body: error.data,
        secrets,
      });
    }
    if (isTimeoutError(error)) {
      return new TimeoutError({
        method,
        url,
        timeoutMs: options.timeoutMs ?? this.#options.timeoutMs,
        secrets,
      });
    }
    if (isNetworkError(error)) return new ConnectionError({ method, url, cause: error.cause, secrets });
    if (error instanceof TypeError && /terminated|fetch failed|socket/i.test(error.message)) {
      return new ConnectionError({ method, url, cause: error, secrets });
    }
    return error;
  }
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function checkRequest(options: RequestOptions): string {
  if (!services.has(options.api)) {
    throw new ConfigurationError('api', `Invalid request option "api": expected api, auth, scim or oauth`);
  }
  if (typeof options.method !== 'string' || (options.method as string) === '') {
    throw new ConfigurationError('method', 'Invalid request option "method"');
  }
  if (options.json !== undefined && options.body !== undefined) {
    throw new ConfigurationError('json', 'Request options "json" and "body" cannot be combined');
  }
  const maxBytes = options.maxResponseBytes;
  if (
    maxBytes !== undefined &&
    !(Number.isInteger(maxBytes) && maxBytes > 0 && maxBytes <= maxResponseBytesCeiling)
  ) {
    throw new ConfigurationError(
      'maxResponseBytes',
      `Invalid request option "maxResponseBytes": expected a positive integer of at most ${maxResponseBytesCeiling}`,
    );
  }
  if (options.schema && (options.responseType ?? 'json') !== 'json') {
    throw new ConfigurationError('schema', 'Request option "schema" needs responseType "json"');
  }
  return options.method.toUpperCase();
}

/** Byte bodies from this size up are streamed from the caller's buffer rather than copied (see sendableBody). */
const streamedBodyBytes = 1024 * 1024;

/**
 * The body to hand to ky. A large byte body (an upload chunk) is sent as a stream of views of the caller's bytes,
 * with its `content-length`: given the bytes themselves, `fetch` would copy them, and ky's clone of the request for
 * retries would copy them again, which for 10 MB chunks leaves tens of MB of garbage per request.
 */
function sendableBody(body: BodyInit, headers: Record<string, string | undefined>): BodyInit {
  if (!(body instanceof Uint8Array) || body.byteLength < streamedBodyBytes) return body;
  if (!hasHeader(headers, 'content-length')) headers['content-length'] = String(body.byteLength);
  let offset = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= body.byteLength) {
          controller.close();
          return;
        }
        const end = Math.min(body.byteLength, offset + 64 * 1024);
        controller.enqueue(body.subarray(offset, end));
        offset = end;
      },
    },
    { highWaterMark: 0 },
  );
}

function hasHeader(headers: Record<string, string | undefined>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name && headers[key] !== undefined);
}
