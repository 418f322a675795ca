import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the test server received. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the server answers; every field is optional (default: 200 with an empty body). */
export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON body (sets `Content-Type: application/json`). */
  json?: unknown;
  /** A raw body. */
  body?: string | Buffer;
  /** Waits this long before answering. */
  delayMs?: number;
  /** Destroys the connection instead of answering. */
  destroy?: boolean;
}

/** Decides the answer from the request and its 1-based call number. */
export type Responder = (
  request: RecordedRequest,
  call: number,
) => ScriptedResponse | Promise<ScriptedResponse>;

/** A running test server. */
export interface HttpTestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[];
  /** Requests being handled right now, and the most seen at once. */
  readonly concurrency: { current: number; max: number };
  close(): Promise<void>;
}

/**
 * Starts a `node:http` server on 127.0.0.1 and a random port whose answers are scripted by `respond`, for transport
 * behaviour that needs a specific server answer (redirects, malformed bodies, request ids, slow responses).
 *
 * @example
 * ```ts
 * const server = await startHttpTestServer((request, call) => (call === 1 ? { status: 503 } : { json: { ok: true } }));
 * // … send requests to server.url …
 * await server.close();
 * ```
 */
export async function startHttpTestServer(respond: Responder): Promise<HttpTestServer> {
  const requests: RecordedRequest[] = [];
  const concurrency = { current: 0, max: 0 };
  const server = createServer(async (request, response) => {
    concurrency.current += 1;
    concurrency.max = Math.max(concurrency.max, concurrency.current);
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
      const recorded: RecordedRequest = {
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const answer = await respond(recorded, requests.length);
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (answer.destroy) {
        request.socket.destroy();
        return;
      }
      const headers: Record<string, string> = { ...answer.headers };
      let body: string | Buffer = answer.body ?? '';
      if (answer.json !== undefined) {
        body = JSON.stringify(answer.json);
        headers['content-type'] ??= 'application/json';
      }
      if (!response.destroyed) response.writeHead(answer.status ?? 200, headers).end(body);
    } catch {
      if (!response.headersSent) response.writeHead(500).end();
    } finally {
      concurrency.current -= 1;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    concurrency,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
