import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Transport } from '../client.js';
import { staticToken } from '../index.js';

// A byte body from 1 MiB (an upload chunk) is streamed from the caller's buffer instead of being copied; the server
// must still see the exact bytes with a Content-Length, on the first attempt and on a retry.

interface Received {
  bytes: number;
  sha256: string;
  contentLength: string | undefined;
  transferEncoding: string | undefined;
}

let server: Server;
let baseUrl: string;
const received: Received[] = [];
let failNext = 0;

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      hash.update(chunk);
    }
    received.push({
      bytes,
      sha256: hash.digest('hex'),
      contentLength: request.headers['content-length'],
      transferEncoding: request.headers['transfer-encoding'],
    });
    if (failNext > 0) {
      failNext -= 1;
      response.writeHead(503).end();
    } else response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function transport(): Transport {
  return new Transport({
    auth: staticToken('large-body-token'),
    baseUrls: { api: baseUrl, auth: baseUrl, scim: baseUrl, oauth: baseUrl },
    retry: { limit: 2, backoffLimitMs: 5 },
  });
}

function body(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let index = 0; index < size; index += 1) bytes[index] = (index * 31) % 251;
  return bytes;
}

const sha256 = (bytes: Uint8Array<ArrayBuffer>) => createHash('sha256').update(bytes).digest('hex');

describe('byte bodies', () => {
  it('sends a large body whole, with its Content-Length', async () => {
    const bytes = body(3 * 1024 * 1024 + 17);
    received.length = 0;
    const { status } = await transport().request({
      api: 'api',
      method: 'PUT',
      path: '/chunk',
      body: bytes,
      responseType: 'none',
    });
    expect(status).toBe(204);
    expect(received).toEqual([
      {
        bytes: bytes.length,
        sha256: sha256(bytes),
        contentLength: String(bytes.length),
        transferEncoding: undefined,
      },
    ]);
  });

  it('sends the same bytes again on a retry', async () => {
    const bytes = body(2 * 1024 * 1024);
    received.length = 0;
    failNext = 1;
    await transport().request({
      api: 'api',
      method: 'PUT',
      path: '/chunk',
      body: bytes,
      responseType: 'none',
    });
    expect(received).toHaveLength(2);
    for (const attempt of received)
      expect(attempt).toMatchObject({ bytes: bytes.length, sha256: sha256(bytes) });
  });

  it('sends a small body as it is', async () => {
    const bytes = body(100);
    received.length = 0;
    await transport().request({
      api: 'api',
      method: 'PUT',
      path: '/chunk',
      body: bytes,
      responseType: 'none',
    });
    expect(received).toEqual([
      { bytes: 100, sha256: sha256(bytes), contentLength: '100', transferEncoding: undefined },
    ]);
  });
});
