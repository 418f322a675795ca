import { inspect } from 'node:util';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AbortError,
  AnaplanAccessError,
  ApiError,
  AuthenticationError,
  type BadRequestError,
  ConfigurationError,
  type ConflictError,
  ConnectionError,
  type ErrorKind,
  isAbortError,
  isAnaplanAccessError,
  isApiError,
  isAuthenticationError,
  isBadRequestError,
  isConfigurationError,
  isConflictError,
  isConnectionError,
  isNotFoundError,
  isPaginationError,
  isPermissionDeniedError,
  isRateLimitError,
  isRequestError,
  isResponseValidationError,
  isServerError,
  isTimeoutError,
  PaginationError,
  type PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  type ServerError,
  TimeoutError,
} from '../index.js';

const url = 'https://api.anaplan.com/2/0/workspaces';

describe('ApiError.from', () => {
  it.each([
    [400, 'BadRequestError', isBadRequestError],
    [401, 'AuthenticationError', isAuthenticationError],
    [403, 'PermissionDeniedError', isPermissionDeniedError],
    [404, 'NotFoundError', isNotFoundError],
    [409, 'ConflictError', isConflictError],
    [429, 'RateLimitError', isRateLimitError],
    [500, 'ServerError', isServerError],
    [503, 'ServerError', isServerError],
  ])('maps %i to %s', (status, name, guard) => {
    const error = ApiError.from({ status, method: 'get', url });
    expect(error.name).toBe(name);
    expect(guard(error)).toBe(true);
    expect(isApiError(error)).toBe(true);
    expect(isAnaplanAccessError(error)).toBe(true);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.method).toBe('GET');
    expect(error.stack).toContain(`${name}: GET ${url} failed with status ${status}`);
  });

  it('keeps other statuses as a plain ApiError that no status guard claims', () => {
    const error = ApiError.from({ status: 422, method: 'POST', url });
    expect(error.kind).toBe('api');
    expect(
      [isBadRequestError, isNotFoundError, isServerError, isRateLimitError].some((guard) => guard(error)),
    ).toBe(false);
  });

  it('takes the message from the Integration API, auth service, OAuth and SCIM bodies', () => {
    const message = (body: unknown) => ApiError.from({ status: 400, method: 'GET', url, body }).message;
    expect(message({ status: { code: 400, message: 'Missing localeName' } })).toContain('Missing localeName');
    expect(message({ status: 'FAILURE_BAD_CREDENTIAL', statusMessage: 'Invalid username' })).toContain(
      'Invalid username',
    );
    expect(message({ error: 'invalid_grant', error_description: 'Refresh token used' })).toContain(
      'Refresh token used',
    );
    expect(message({ schemas: [], detail: 'Filter not supported', status: '400' })).toContain(
      'Filter not supported',
    );
    expect(message('plain text failure')).toContain('plain text failure');
  });

  it('reads the request id and Retry-After (seconds and HTTP-date)', () => {
    const seconds = ApiError.from({
      status: 429,
      method: 'GET',
      url,
      headers: new Headers({ 'x-request-id': 'req-1', 'retry-after': '7' }),
    });
    expect(seconds.requestId).toBe('req-1');
    expect(isRateLimitError(seconds) && seconds.retryAfterMs).toBe(7000);
    const date = new RateLimitError({
      status: 429,
      method: 'GET',
      url,
      headers: { 'Retry-After': new Date(Date.now() + 10_000).toUTCString() },
    });
    expect(date.retryAfterMs).toBeGreaterThan(8000);
    expect(date.retryAfterMs).toBeLessThanOrEqual(10_000);
    expect(new RateLimitError({ status: 429, method: 'GET', url }).retryAfterMs).toBeUndefined();
  });

  it('redacts credentials when it is built', () => {
    const error = ApiError.from({
      status: 401,
      method: 'GET',
      url: `${url}?access_token=tok-in-url&limit=5&client_secret=shh-secret`,
      headers: {
        authorization: 'AnaplanAuthToken header-token-value',
        'set-cookie': 'session=cookie-value',
        'x-request-id': 'abc',
      },
      body: {
        tokenInfo: { tokenValue: 'body-token-value', expiresAt: 1 },
        refresh_token: 'body-refresh-token',
        note: 'echoes my-password-1234 back',
      },
      secrets: ['my-password-1234'],
    });
    const everything = [
      String(error),
      JSON.stringify(error),
      error.stack,
      inspect(error, { depth: 10 }),
    ].join('\n');
    for (const secret of [
      'tok-in-url',
      'shh-secret',
      'header-token-value',
      'cookie-value',
      'body-token-value',
      'body-refresh-token',
      'my-password-1234',
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(error.url).toContain('limit=5');
    expect(error.url).toContain('access_token=[REDACTED]');
    expect(error.headers['authorization']).toBe('AnaplanAuthToken [REDACTED]');
    expect(error.requestId).toBe('abc');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'AuthenticationError', status: 401 });
  });

  it('keeps at most 64 KB of the body', () => {
    const big = 'x'.repeat(200_000);
    const text = ApiError.from({ status: 500, method: 'GET', url, body: big });
    expect(String(text.body).length).toBeLessThan(70_000);
    const json = ApiError.from({ status: 500, method: 'GET', url, body: { items: [big] } });
    expect(typeof json.body).toBe('string');
    expect(String(json.body).length).toBeLessThan(70_000);
    const small = ApiError.from({ status: 500, method: 'GET', url, body: { ok: false } });
    expect(small.body).toEqual({ ok: false });
  });
});

describe('guards', () => {
  it('use the global brand, not instanceof, so another copy of the package is recognised', () => {
    const foreign = Object.assign(Object.create(Error.prototype), { status: 404, kind: 'not-found' });
    Object.defineProperty(foreign, Symbol.for('anaplan-access.error'), {
      value: ['anaplan-access', 'api', 'not-found'],
    });
    expect(isNotFoundError(foreign)).toBe(true);
    expect(isApiError(foreign)).toBe(true);
    expect(isServerError(foreign)).toBe(false);
    expect(isApiError(new Error('plain'))).toBe(false);
    expect(isAnaplanAccessError({ kind: 'api' })).toBe(false);
    expect(isAnaplanAccessError(null)).toBe(false);
  });

  it('recognise subclasses declared by other packages', () => {
    class ScimError extends ApiError {
      static override readonly kind = 'scim';
      override readonly name = 'ScimError';
    }
    const error = new ScimError({ status: 400, method: 'POST', url });
    expect(isApiError(error)).toBe(true);
    expect(isAnaplanAccessError(error, 'scim')).toBe(true);
    expect(error.kind).toBe('scim');
    expect(isBadRequestError(error)).toBe(false);
  });

  it('tell the non-HTTP errors apart', () => {
    const init = { method: 'GET', url };
    const errors = [
      new ConnectionError({ ...init, cause: new Error('connect ECONNREFUSED') }),
      new TimeoutError({ ...init, timeoutMs: 10 }),
      new AbortError(init),
      new ConfigurationError('region', 'bad region'),
      new ResponseValidationError({ ...init, status: 200, issues: [], rawBody: '{}' }),
    ];
    const guards = [
      isConnectionError,
      isTimeoutError,
      isAbortError,
      isConfigurationError,
      isResponseValidationError,
    ];
    errors.forEach((error, index) => {
      guards.forEach((guard, guardIndex) => {
        expect(guard(error)).toBe(index === guardIndex);
      });
      // The three errors of a request that got no response share a base, and keep their own kind.
      expect(isRequestError(error)).toBe(index < 3);
      expect(isAnaplanAccessError(error, 'request')).toBe(index < 3);
      expect(error.kind).toBe(
        ['connection', 'timeout', 'abort', 'configuration', 'response-validation'][index],
      );
      expect(isApiError(error)).toBe(false);
      expect(error).toBeInstanceOf(AnaplanAccessError);
    });
    expect(new TimeoutError({ ...init, timeoutMs: 10 }).message).toBe(`GET ${url} timed out after 10 ms`);
  });

  it('AuthenticationError is an ApiError', () => {
    const error = new AuthenticationError({ status: 401, method: 'POST', url });
    expect(isApiError(error)).toBe(true);
    expect(isAuthenticationError(error)).toBe(true);
  });
});

describe('ResponseValidationError', () => {
  it('keeps the issues and a redacted, truncated raw body', () => {
    const rawBody = JSON.stringify({
      tokenInfo: { tokenValue: 'secret-token-value' },
      filler: 'y'.repeat(5000),
    });
    const error = new ResponseValidationError({
      method: 'POST',
      url,
      status: 201,
      issues: [{ code: 'invalid_type', path: ['tokenInfo', 'expiresAt'], message: 'expected number' }],
      rawBody,
    });
    expect(error.path).toBe('tokenInfo.expiresAt');
    expect(error.message).toContain('tokenInfo.expiresAt');
    expect(error.rawBody.length).toBeLessThan(2200);
    expect(JSON.stringify(error)).not.toContain('secret-token-value');
  });
});

describe('kinds and statuses narrow without casts', () => {
  it('narrows isAnaplanAccessError(error, kind) to the class of the kind', () => {
    const error: unknown = ApiError.from({
      status: 429,
      method: 'GET',
      url,
      headers: { 'retry-after': '2' },
    });
    if (!isAnaplanAccessError(error, 'rate-limit')) throw new Error('expected a rate-limit error');
    expectTypeOf(error).toEqualTypeOf<RateLimitError>();
    expect(error.retryAfterMs).toBe(2000);
    const timeout: unknown = new TimeoutError({ method: 'GET', url, timeoutMs: 5 });
    if (!isAnaplanAccessError(timeout, 'timeout')) throw new Error('expected a timeout error');
    expect(timeout.timeoutMs).toBe(5);
    // A kind no imported package declares is still accepted; it narrows to the root class only.
    expectTypeOf(isAnaplanAccessError).toBeCallableWith(error, 'some-other-package-kind');
  });

  it('lists the kinds of core (editors complete them)', () => {
    expectTypeOf<'api' | 'not-found' | 'pagination' | 'configuration'>().toExtend<ErrorKind>();
    expectTypeOf<'not-a-kind'>().not.toExtend<ErrorKind>();
  });

  it('gives each status class its status as a literal type', () => {
    const error: unknown = ApiError.from({ status: 404, method: 'GET', url });
    if (!isNotFoundError(error)) throw new Error('expected a NotFoundError');
    expectTypeOf(error.status).toEqualTypeOf<404>();
    expect(error.status).toBe(404);
    expectTypeOf<BadRequestError['status']>().toEqualTypeOf<400>();
    expectTypeOf<AuthenticationError['status']>().toEqualTypeOf<400 | 401 | 403>();
    expectTypeOf<PermissionDeniedError['status']>().toEqualTypeOf<403>();
    expectTypeOf<ConflictError['status']>().toEqualTypeOf<409>();
    expectTypeOf<RateLimitError['status']>().toEqualTypeOf<429>();
    expectTypeOf<ServerError['status']>().toEqualTypeOf<number>();
    expectTypeOf<ApiError['status']>().toEqualTypeOf<number>();
  });

  it('recognises a PaginationError by its guard and by its kind', () => {
    const error = new PaginationError(201, 'the server sent the page at 1 again');
    expect(isPaginationError(error)).toBe(true);
    expect(isAnaplanAccessError(error, 'pagination')).toBe(true);
    expect(isPaginationError(new ConfigurationError('limit', 'x'))).toBe(false);
  });
});
