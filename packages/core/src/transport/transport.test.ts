import { type HttpTestServer, type Responder, startHttpTestServer } from '@anaplan-access/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Transport, type TransportOptions } from '../client.js';
import {
  apiKey,
  bearerToken,
  isApiError,
  isConfigurationError,
  isResponseValidationError,
  isServerError,
  type Logger,
  staticToken,
  VERSION,
} from '../index.js';

let server: HttpTestServer;
let elsewhere: HttpTestServer;
let respond: Responder = () => ({});

beforeAll(async () => {
  server = await startHttpTestServer((request, call) => respond(request, call));
  elsewhere = await startHttpTestServer(() => ({ json: { leaked: true } }));
});
afterAll(async () => {
  await server.close();
  await elsewhere.close();
});

function transport(options: Partial<TransportOptions> = {}): Transport {
  return new Transport({
    auth: staticToken('transport-test-token'),
    baseUrls: {
      api: `${server.url}/2/0`,
      auth: server.url,
      scim: `${server.url}/scim/1/0/v2`,
      oauth: server.url,
    },
    retry: { limit: 2, backoffLimitMs: 5 },
    ...options,
  });
}

function answer(responder: Responder): HttpTestServer {
  respond = responder;
  server.requests.length = 0;
  return server;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('requests', () => {
  it('joins the service base path, appends query parameters and sends the standard headers', async () => {
    answer(() => ({ json: { ok: true } }));
    const { data, status } = await transport().request({
      api: 'api',
      method: 'GET',
      path: '/workspaces',
      searchParams: { limit: 10, tenantDetails: true, skip: undefined },
    });
    expect(status).toBe(200);
    expect(data).toEqual({ ok: true });
    const [request] = server.requests;
    expect(request?.url).toBe('/2/0/workspaces?limit=10&tenantDetails=true');
    expect(request?.headers['authorization']).toBe('AnaplanAuthToken transport-test-token');
    expect(request?.headers['user-agent']).toBe(`anaplan-access/${VERSION}`);
    expect(request?.headers['accept']).toBe('application/json');
  });

  it('sends JSON bodies, custom headers and a custom user agent; authenticated: false sends no credential', async () => {
    answer(() => ({ status: 201, json: { id: '1' } }));
    await transport({ userAgent: 'my-connector/2.0' }).request({
      api: 'scim',
      method: 'POST',
      path: 'Users',
      json: { userName: 'a@example.com' },
      headers: { accept: 'application/scim+json' },
      authenticated: false,
    });
    const [request] = server.requests;
    expect(request?.url).toBe('/scim/1/0/v2/Users');
    expect(request?.body).toBe('{"userName":"a@example.com"}');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['accept']).toBe('application/scim+json');
    expect(request?.headers['user-agent']).toBe('my-connector/2.0');
    expect(request?.headers['authorization']).toBeUndefined();
  });

  it.each([
    [apiKey('api-key-value'), 'Bearer api-key-value'],
    [bearerToken('scim-bearer-value'), 'Bearer scim-bearer-value'],
    [staticToken('static-value'), 'AnaplanAuthToken static-value'],
  ])('sends the header of %s', async (auth, header) => {
    answer(() => ({ json: {} }));
    await transport({ auth }).request({ api: 'scim', method: 'GET', path: '/Users' });
    expect(server.requests[0]?.headers['authorization']).toBe(header);
  });

  it('accepts an absolute URL on the same origin and refuses another origin without sending anything', async () => {
    answer(() => ({ json: { page: 2 } }));
    const client = transport();
    const same = await client.request({
      api: 'api',
      method: 'GET',
      path: `${server.url}/2/0/users?offset=5`,
    });
    expect(same.data).toEqual({ page: 2 });
    const error = await rejection(
      client.request({ api: 'api', method: 'GET', path: `${elsewhere.url}/2/0/users` }),
    );
    expect(isConfigurationError(error) && error.key).toBe('path');
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('does not follow redirects, so credentials never reach another host', async () => {
    answer(() => ({ status: 302, headers: { location: `${elsewhere.url}/steal` } }));
    const error = await rejection(transport().request({ api: 'api', method: 'GET', path: '/moved' }));
    expect(isApiError(error) && error.status).toBe(302);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('refuses invalid request options', async () => {
    const client = transport();
    const both = await rejection(
      client.request({ api: 'api', method: 'POST', path: '/x', json: {}, body: 'x' }),
    );
    expect(isConfigurationError(both) && both.key).toBe('json');
    const api = await rejection(client.request({ api: 'admin' as 'api', method: 'GET', path: '/x' }));
    expect(isConfigurationError(api) && api.key).toBe('api');
  });
});

describe('responses', () => {
  it('validates 2xx JSON with a schema', async () => {
    answer(() => ({ json: { count: 3, extra: 'ignored' } }));
    const schema = z.object({ count: z.number() });
    const { data } = await transport().request({ api: 'api', method: 'GET', path: '/c', schema });
    expect(data.count).toBe(3);
  });

  it('reports a schema mismatch as ResponseValidationError, not ApiError', async () => {
    answer(() => ({ json: { count: 'three', tokenValue: 'must-not-leak-token' } }));
    const error = await rejection(
      transport().request({ api: 'api', method: 'GET', path: '/c', schema: z.object({ count: z.number() }) }),
    );
    expect(isResponseValidationError(error)).toBe(true);
    expect(isApiError(error)).toBe(false);
    if (!isResponseValidationError(error)) return;
    expect(error.path).toBe('count');
    expect(error.status).toBe(200);
    expect(error.issues[0]?.code).toBe('invalid_type');
    expect(error.rawBody).toContain('"count":"three"');
    expect(JSON.stringify(error)).not.toContain('must-not-leak-token');
  });

  it('reports a body that is not JSON as ResponseValidationError', async () => {
    answer(() => ({ body: '<html>maintenance</html>', headers: { 'content-type': 'text/html' } }));
    const error = await rejection(transport().request({ api: 'api', method: 'GET', path: '/c' }));
    expect(isResponseValidationError(error) && error.issues[0]?.code).toBe('invalid_json');
  });

  it('returns text, bytes, a stream, nothing, or undefined for an empty JSON body', async () => {
    answer(() => ({ body: 'a,b\n1,2\n', headers: { 'content-type': 'text/csv' } }));
    const client = transport();
    const text = await client.request({ api: 'api', method: 'GET', path: '/f', responseType: 'text' });
    expect(text.data).toBe('a,b\n1,2\n');
    const bytes = await client.request({ api: 'api', method: 'GET', path: '/f', responseType: 'bytes' });
    expect(Buffer.from(bytes.data).toString()).toBe('a,b\n1,2\n');
    const stream = await client.request({ api: 'api', method: 'GET', path: '/f', responseType: 'stream' });
    expect(await new Response(stream.data).text()).toBe('a,b\n1,2\n');
    const none = await client.request({ api: 'api', method: 'GET', path: '/f', responseType: 'none' });
    expect(none.data).toBeUndefined();
    answer(() => ({ status: 204 }));
    const empty = await client.request({ api: 'api', method: 'DELETE', path: '/f' });
    expect(empty).toMatchObject({ status: 204, data: undefined });
  });

  it('reads an error body once into ApiError.body, with the request id', async () => {
    answer(() => ({
      status: 500,
      json: { status: { code: 500, message: 'Internal failure' } },
      headers: { 'x-request-id': 'req-42' },
    }));
    const error = await rejection(transport({ retry: 0 }).request({ api: 'api', method: 'GET', path: '/e' }));
    expect(isServerError(error)).toBe(true);
    if (!isServerError(error)) return;
    expect(error.body).toEqual({ status: { code: 500, message: 'Internal failure' } });
    expect(error.requestId).toBe('req-42');
    expect(error.message).toBe(`GET ${server.url}/2/0/e failed with status 500: Internal failure`);
    answer(() => ({ status: 404, body: 'no such thing', headers: { 'content-type': 'text/plain' } }));
    const text = await rejection(transport().request({ api: 'api', method: 'GET', path: '/e' }));
    expect(isApiError(text) && text.body).toBe('no such thing');
  });
});

describe('streaming bodies', () => {
  const stream = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('chunk'));
        controller.close();
      },
    });

  it('are never retried, not even after 429 or for an idempotent PUT', async () => {
    answer(() => ({ status: 429, headers: { 'retry-after': '0' } }));
    await rejection(transport().request({ api: 'api', method: 'POST', path: '/upload', body: stream() }));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toBe('chunk');
    answer(() => ({ status: 503 }));
    await rejection(transport().request({ api: 'api', method: 'PUT', path: '/upload', body: stream() }));
    expect(server.requests).toHaveLength(1);
  });

  it('a buffered PUT body is retried', async () => {
    answer((_request, call) => (call === 1 ? { status: 503 } : { status: 204 }));
    await transport().request({
      api: 'api',
      method: 'PUT',
      path: '/upload',
      body: new TextEncoder().encode('x'),
    });
    expect(server.requests.map((request) => request.body)).toEqual(['x', 'x']);
  });
});

describe('logging', () => {
  it('logs each attempt and response with a redacted URL and nothing secret', async () => {
    answer((_request, call) => (call === 1 ? { status: 503 } : { json: {} }));
    const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
    const record =
      (level: string) =>
      (fields: Record<string, unknown>, message: string): void => {
        lines.push({ level, message, fields });
      };
    const logger: Logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    await transport({ logger }).request({
      api: 'api',
      method: 'GET',
      path: '/logged',
      searchParams: { access_token: 'query-token-secret', page: 1 },
    });
    const debug = lines.filter((line) => line.level === 'debug');
    expect(
      debug.map((line) => [line.level, line.message, line.fields['attempt'], line.fields['status']]),
    ).toEqual([
      ['debug', 'HTTP request', 1, undefined],
      ['debug', 'HTTP response', 1, 503],
      ['debug', 'HTTP request', 2, undefined],
      ['debug', 'HTTP response', 2, 200],
    ]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', message: 'Authenticated' }));
    expect(debug[1]?.fields).toMatchObject({
      method: 'GET',
      url: `${server.url}/2/0/logged?access_token=[REDACTED]&page=1`,
      durationMs: expect.any(Number),
    });
    expect(JSON.stringify(lines)).not.toContain('query-token-secret');
    expect(JSON.stringify(lines)).not.toContain('transport-test-token');
  });
});
