import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, connect } from 'node:net';
import { inspect } from 'node:util';
import { IntegrationClient } from '@anaplan-access/bulk';
import { basicAuth, isAnaplanAccessError, type Logger, staticToken } from '@anaplan-access/core';
import { plan, reconcile } from '@anaplan-access/reconcile';
import { ScimClient } from '@anaplan-access/scim';
import { createTestCertificate, type Simulator, startSimulator } from '@anaplan-access/testkit';
import { Agent, ProxyAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTarget, faultDesired, faultPolicy, faultSeed } from '../faults/fault-tenant.js';

// Transport rules: no cleartext to a remote host, and the documented way to reach Anaplan through a corporate
// proxy or past a TLS-inspecting middlebox with its own CA: an undici dispatcher passed through an injected fetch.

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const listen = async (server: Server): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
};

describe('http:// is refused except on loopback', () => {
  const password = 'URL-password-8c1e55';
  it.each([
    'http://api.anaplan.com/2/0',
    'http://10.0.0.8/2/0',
    'http://0.0.0.0:8080/2/0',
    'http://127.0.0.1.evil.example/2/0',
    'http://localhost.evil.example/2/0',
    'ftp://api.anaplan.com/2/0',
    `https://user:${password}@api.anaplan.com/2/0`,
  ])('refuses %s, without quoting a password', (url) => {
    const auth = staticToken('URL-token-2b9f71');
    for (const build of [
      () => new IntegrationClient({ auth, baseUrl: url }),
      () => new IntegrationClient({ auth, authUrl: url }),
      () => new ScimClient({ auth, baseUrl: url }),
      () => new ScimClient({ auth, oauthUrl: url }),
    ]) {
      let error: unknown;
      try {
        build();
      } catch (caught) {
        error = caught;
      }
      expect(error).toMatchObject({ name: 'ConfigurationError' });
      expect(inspect(error)).not.toContain(password);
    }
  });

  it.each([
    'http://127.0.0.1:8080/2/0',
    'http://127.9.9.9/2/0',
    'http://localhost:8080/2/0',
    'http://[::1]:8080/2/0',
    'https://api.anaplan.com/2/0',
  ])('accepts %s', (url) => {
    expect(
      () => new IntegrationClient({ auth: staticToken('URL-token-2b9f71'), baseUrl: url }),
    ).not.toThrow();
  });
});

/** The simulator behind an HTTPS reverse proxy whose certificate only a custom CA trusts. */
async function tlsTenant(): Promise<{
  sim: Simulator;
  urls: { authUrl: string; apiUrl: string; scimUrl: string };
  ca: string;
}> {
  const sim = await startSimulator({ seed: faultSeed() });
  closers.push(() => sim.close());
  const simPort = Number(new URL(sim.baseUrl).port);
  const { certificate, privateKey } = createTestCertificate({ commonName: 'localhost' });
  const front = createHttpsServer({ cert: certificate, key: privateKey }, (request, response) => {
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: simPort,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  const base = `https://localhost:${await listen(front)}`;
  return {
    sim,
    urls: { authUrl: base, apiUrl: `${base}/2/0`, scimUrl: `${base}/scim/1/0/v2` },
    ca: certificate,
  };
}

/** A CONNECT proxy that records what it was asked to reach and any request it could read in clear. */
async function connectProxy(): Promise<{
  url: string;
  tunnels: { target: string; authorization?: string }[];
  clear: string[];
}> {
  const tunnels: { target: string; authorization?: string }[] = [];
  const clear: string[] = [];
  const proxy = createHttpServer((request, response) => {
    clear.push(`${request.method} ${request.url} ${request.headers.authorization ?? ''}`);
    response.writeHead(502).end();
  });
  proxy.on('connect', (request, socket, head) => {
    tunnels.push({ target: request.url ?? '', authorization: request.headers['proxy-authorization'] });
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return { url: `http://127.0.0.1:${await listen(proxy)}`, tunnels, clear };
}

const withDispatcher =
  (dispatcher: Agent | ProxyAgent): typeof globalThis.fetch =>
  (input, init) =>
    fetch(input, { ...init, dispatcher } as RequestInit);

describe('a custom CA and a proxy, through an injected fetch with an undici dispatcher', () => {
  it('without the CA, TLS is refused with a typed ConnectionError; with it, a whole reconcile works', async () => {
    const { sim, urls, ca } = await tlsTenant();
    const untrusted = connectTarget(urls, { retry: { limit: 0 } });
    const refused = await plan({
      desired: faultDesired(),
      target: untrusted.target,
      policy: faultPolicy,
    }).catch((error: unknown) => error);
    await untrusted.close();
    expect(isAnaplanAccessError(refused)).toBe(true);
    expect(refused).toMatchObject({ name: 'ConnectionError' });
    expect(inspect(refused, { depth: 6 })).toMatch(/self-signed certificate/);

    const agent = new Agent({ connect: { ca } });
    closers.push(() => agent.close());
    const trusted = connectTarget(urls, { fetch: withDispatcher(agent) });
    try {
      const { result } = await reconcile({
        desired: faultDesired(),
        target: trusted.target,
        policy: faultPolicy,
      });
      expect(result?.outcome).toBe('succeeded');
    } finally {
      await trusted.close();
    }
    expect(sim.requests.filter((record) => record.method === 'PATCH').length).toBeGreaterThan(0);
  });

  it('goes through a CONNECT proxy that sees neither the requests nor the credentials', async () => {
    const { urls, ca } = await tlsTenant();
    const proxy = await connectProxy();
    const proxyCredential = Buffer.from('proxy-user:PROXY-password-0e7a41').toString('base64');
    const dispatcher = new ProxyAgent({
      uri: proxy.url,
      token: `Basic ${proxyCredential}`,
      requestTls: { ca },
    });
    closers.push(() => dispatcher.close());
    const lines: string[] = [];
    const log = (level: string) => (fields: Record<string, unknown>, message: string) =>
      lines.push(`${level} ${message} ${JSON.stringify(fields)}`);
    const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
    const connected = connectTarget(urls, {
      fetch: withDispatcher(dispatcher),
      logger,
      auth: basicAuth({ username: 'integration@corp.example', password: 'fixture-password-1' }),
    });
    try {
      const { result } = await reconcile({
        desired: faultDesired(),
        target: connected.target,
        policy: faultPolicy,
      });
      expect(result?.outcome).toBe('succeeded');
    } finally {
      await connected.close();
    }
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels.map((tunnel) => tunnel.target))).toEqual(
      new Set([new URL(urls.apiUrl).host]),
    );
    expect(proxy.tunnels.every((tunnel) => tunnel.authorization === `Basic ${proxyCredential}`)).toBe(true);
    expect(proxy.clear).toEqual([]);
    expect(lines.join('\n')).not.toMatch(/PROXY-password|fixture-password|cHJveHk/);
  });

  it('reports a proxy that is down as a typed ConnectionError', async () => {
    const { urls, ca } = await tlsTenant();
    const dispatcher = new ProxyAgent({ uri: 'http://127.0.0.1:9', requestTls: { ca } });
    closers.push(() => dispatcher.close());
    const connected = connectTarget(urls, { fetch: withDispatcher(dispatcher), retry: { limit: 0 } });
    const error = await plan({ desired: faultDesired(), target: connected.target }).catch(
      (caught: unknown) => caught,
    );
    await connected.close();
    expect(error).toMatchObject({ name: 'ConnectionError' });
  });
});
