import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createClientTransport, type ResponseType, Transport, type TransportOptions } from '../client.js';
import {
  isConfigurationError,
  isResponseTooLargeError,
  isServerError,
  isTimeoutError,
  staticToken,
} from '../index.js';

// Every body the transport reads into memory is bounded in bytes (maxResponseBytes) and read and parsed within the
// deadline of the attempt that answered (timeoutMs). Each server here is a real node:http server on loopback.

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function transport(url: string, options: Partial<TransportOptions> = {}): Transport {
  return new Transport({
    auth: staticToken('response-limits-token'),
    baseUrls: { api: url, auth: url, scim: url, oauth: url },
    retry: 0,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

/** Resolves once the server side of a response is closed, saying whether it had sent everything. */
function closed(response: ServerResponse): Promise<{ finished: boolean }> {
  return new Promise((resolve) =>
    response.on('close', () => resolve({ finished: response.writableFinished })),
  );
}

/** Writes `total` bytes of `[1,1,1,…` in 16 KiB pieces as fast as the client reads them, then ends. */
function writeLargeBody(response: ServerResponse, total: number): void {
  const piece = Buffer.from(`[${'1,'.repeat(8 * 1024 - 1)}`);
  let written = 0;
  const pump = () => {
    while (written < total && !response.destroyed) {
      written += piece.length;
      if (!response.write(piece)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end('1]');
  };
  pump();
}

describe('maxResponseBytes', () => {
  it('refuses a JSON body over the limit with a typed error naming the method, the redacted URL and the limit', async () => {
    const body = JSON.stringify({ items: Array.from({ length: 1000 }, (_, index) => ({ id: index })) });
    const url = await serve((_request, response) => {
      response
        .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
        .end(body);
    });
    const error = await failure(
      transport(url, { maxResponseBytes: 4096 }).request({
        api: 'api',
        method: 'GET',
        path: '/workspaces',
        searchParams: { access_token: 'query-secret-value' },
      }),
    );
    expect(isResponseTooLargeError(error)).toBe(true);
    if (!isResponseTooLargeError(error)) return;
    expect(error).toMatchObject({
      name: 'ResponseTooLargeError',
      kind: 'response-too-large',
      method: 'GET',
      status: 200,
      limitBytes: 4096,
      contentLength: Buffer.byteLength(body),
    });
    expect(error.url).toBe(`${url}/workspaces?access_token=[REDACTED]`);
    expect(error.message).toContain('maxResponseBytes (4096 bytes)');
    expect(error.message).not.toContain('query-secret-value');
    // The same answer fits a larger limit, given for one request.
    const { data } = await transport(url, { maxResponseBytes: 4096 }).request({
      api: 'api',
      method: 'GET',
      path: '/workspaces',
      maxResponseBytes: 1024 * 1024,
    });
    expect((data as { items: unknown[] }).items).toHaveLength(1000);
  });

  it('refuses a body whose Content-Length is over the limit before reading it', async () => {
    let serverSide: Promise<{ finished: boolean }> | undefined;
    const url = await serve((_request, response) => {
      serverSide = closed(response);
      // Declares 100 MiB, sends 1 KiB and then nothing: reading it would wait for the timeout.
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(100 * 1024 * 1024),
      });
      response.write(`[${'1,'.repeat(512)}`);
    });
    const error = await failure(
      transport(url, { maxResponseBytes: 1024 * 1024, timeoutMs: 20_000 }).request({
        api: 'api',
        method: 'GET',
        path: '/big',
      }),
    );
    expect(isResponseTooLargeError(error)).toBe(true);
    expect(error).toMatchObject({ contentLength: 100 * 1024 * 1024, limitBytes: 1024 * 1024 });
    expect(await serverSide).toEqual({ finished: false });
  });

  it.each<ResponseType>(['json', 'text', 'bytes'])(
    'cuts a %s body sent without Content-Length as soon as it passes the limit',
    async (responseType) => {
      let serverSide: Promise<{ finished: boolean }> | undefined;
      const url = await serve((_request, response) => {
        serverSide = closed(response);
        response.writeHead(200, { 'content-type': 'application/json' }); // chunked: no Content-Length
        writeLargeBody(response, 256 * 1024 * 1024);
      });
      const error = await failure(
        transport(url, { maxResponseBytes: 64 * 1024 }).request({
          api: 'api',
          method: 'GET',
          path: '/endless',
          responseType,
        }),
      );
      expect(isResponseTooLargeError(error)).toBe(true);
      expect(error).toMatchObject({ contentLength: undefined, limitBytes: 64 * 1024 });
      expect(await serverSide).toEqual({ finished: false });
    },
  );

  it('cuts an error body over the limit for the error to quote, without failing on it', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      writeLargeBody(response, 256 * 1024 * 1024);
    });
    const error = await failure(
      transport(url, { maxResponseBytes: 4096 }).request({ api: 'api', method: 'GET', path: '/broken' }),
    );
    expect(isServerError(error)).toBe(true);
    if (!isServerError(error)) return;
    expect(typeof error.body).toBe('string');
    expect(error.body).toMatch(/^\[1,1,1,/);
    expect(error.body).toMatch(/… \[response body cut: over the 4096-byte limit\]$/);
  });

  it('is an option of every client, checked like the others', () => {
    const options = { auth: staticToken('t-token'), baseUrl: 'http://127.0.0.1:1/2/0' };
    expect(() =>
      createClientTransport('TestClient', 'api', { ...options, maxResponseBytes: 1024 }),
    ).not.toThrow();
    const refused = (() => {
      try {
        createClientTransport('TestClient', 'api', { ...options, maxResponseBytes: -1 });
      } catch (error) {
        return error;
      }
    })();
    expect(isConfigurationError(refused) && refused.key).toBe('maxResponseBytes');
  });
});

describe('the deadline of an attempt covers its body and its parsing', () => {
  it('stops a body that trickles in past the deadline counted from the start of the attempt', async () => {
    const url = await serve((_request, response) => {
      // Headers after 600 ms, then the body over the next 600 ms: whole after 1.2 s, past the 1 s deadline.
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('[0');
        let sent = 0;
        const timer = setInterval(() => {
          sent += 1;
          if (sent < 6) response.write(',1');
          else {
            clearInterval(timer);
            response.end(']');
          }
        }, 100);
        response.on('close', () => clearInterval(timer));
      }, 600);
    });
    const error = await failure(
      transport(url, { timeoutMs: 1000 }).request({ api: 'api', method: 'GET', path: '/slow' }),
    );
    expect(isTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ timeoutMs: 1000, method: 'GET' });
  });

  it('stops a schema validation still running at the deadline', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"n":1}');
    });
    const slowSchema = z.object({ n: z.number() }).refine(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return true;
    });
    const error = await failure(
      transport(url, { timeoutMs: 500 }).request({
        api: 'api',
        method: 'GET',
        path: '/n',
        schema: slowSchema,
      }),
    );
    expect(isTimeoutError(error)).toBe(true);
  });
});
