import { createPrivateKey } from 'node:crypto';
import { inspect } from 'node:util';
import {
  type HttpTestServer,
  htmlEscape,
  jsonUnicodeEscape,
  secretForms,
  startHttpTestServer,
} from '@anaplan-access/test-support';
import { createTestCertificate, type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Transport } from './client.js';
import {
  type AuthProvider,
  apiKey,
  basicAuth,
  bearerToken,
  certificateAuth,
  isAnaplanAccessError,
  type Logger,
  oauthDeviceGrant,
  oauthRefreshToken,
  staticToken,
} from './index.js';

// Distinctive values that must never show up in an error or a log line, whatever goes wrong.
const canary = {
  password: 'CANARY-password-7f3a91',
  passphrase: 'CANARY-passphrase-91bc44',
  refreshToken: 'CANARY-refresh-token-55de02',
  clientSecret: 'CANARY-client-secret-0aa1b7',
  apiKey: 'CANARY-api-key-314159',
  staticToken: 'CANARY-static-token-271828',
  bearerToken: 'CANARY-bearer-token-161803',
  queryToken: 'CANARY-query-token-577215',
};

const certificate = createTestCertificate({ commonName: 'canary' });
const encryptedKey = createPrivateKey(certificate.privateKey).export({
  type: 'pkcs8',
  format: 'pem',
  cipher: 'aes-256-cbc',
  passphrase: canary.passphrase,
}) as string;
/** Every line of base64 inside the private key PEMs counts as a canary too. */
const keyLines = [encryptedKey, certificate.privateKey].flatMap((pem) =>
  pem.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----')),
);
const basicCredential = Buffer.from(`canary@example.com:${canary.password}`).toString('base64');
const forbidden = [...Object.values(canary), ...keyLines, basicCredential];

let sim: Simulator;
let echo: HttpTestServer;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      users: [
        { userName: 'canary@example.com', password: canary.password },
        { userName: 'cert@example.com', certificate: certificate.certificate },
      ],
      oauthClients: [
        {
          clientId: 'canary-client',
          clientSecret: canary.clientSecret,
          userName: 'canary@example.com',
          refreshTokens: [canary.refreshToken],
          rotate: true,
        },
      ],
    },
  });
  sim.state.switches.deviceCodeIntervalSeconds = 0;
  // A hostile server that echoes every credential it receives back in its answers.
  echo = await startHttpTestServer((request) => {
    const seen = `${request.headers['authorization'] ?? ''} ${request.body} ${request.url}`;
    if (request.url.startsWith('/token/authenticate')) {
      return { status: 401, json: { status: 'FAILURE_BAD_CREDENTIAL', statusMessage: `Refused ${seen}` } };
    }
    if (request.url.startsWith('/oauth/')) {
      return { status: 400, json: { error: 'invalid_grant', error_description: `Refused ${seen}` } };
    }
    if (request.url.includes('/bad-schema')) return { json: { echo: seen, tokenValue: seen } };
    if (request.url.includes('/server-error')) return { status: 500, body: `server saw ${seen}` };
    return { status: 401, json: { message: `token rejected: ${seen}`, refresh_token: seen } };
  });
});
afterAll(async () => {
  await sim.close();
  await echo.close();
});

const providers: Record<string, () => AuthProvider> = {
  basicAuth: () => basicAuth({ username: 'canary@example.com', password: canary.password }),
  certificateAuth: () =>
    certificateAuth({
      certificate: certificate.certificate,
      privateKey: encryptedKey,
      passphrase: canary.passphrase,
    }),
  oauthRefreshToken: () =>
    oauthRefreshToken({
      clientId: 'canary-client',
      clientSecret: canary.clientSecret,
      refreshToken: canary.refreshToken,
    }),
  oauthDeviceGrant: () =>
    oauthDeviceGrant({
      clientId: 'canary-client',
      onPrompt: ({ userCode }) => void sim.approveDevice(userCode),
    }),
  apiKey: () => apiKey(canary.apiKey),
  staticToken: () => staticToken(canary.staticToken),
  bearerToken: () => bearerToken(canary.bearerToken),
};

interface Capture {
  errors: unknown[];
  lines: string[];
  logger: Logger;
}

function capture(): Capture {
  const lines: string[] = [];
  const write =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void => {
      lines.push(`${level} ${message} ${JSON.stringify(fields)}`);
    };
  return {
    errors: [],
    lines,
    logger: { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') },
  };
}

async function collect(into: Capture, promise: Promise<unknown>): Promise<void> {
  try {
    await promise;
  } catch (error) {
    into.errors.push(error);
  }
}

function renderings(error: unknown): string[] {
  if (!(error instanceof Error)) return [String(error)];
  return [
    String(error),
    JSON.stringify(error),
    error.stack ?? '',
    inspect(error, { depth: Number.POSITIVE_INFINITY }),
  ];
}

/** Runs the failure scenarios of one provider against the simulator and the echoing server. */
async function exercise(name: string, make: () => AuthProvider): Promise<Capture> {
  const captured = capture();
  const against = (base: string, retry = 1) =>
    new Transport({
      auth: make(),
      baseUrls: { api: `${base}/2/0`, auth: base, scim: `${base}/scim/1/0/v2`, oauth: base },
      retry: { limit: retry, backoffLimitMs: 1 },
      logger: captured.logger,
    });
  const onEcho = against(echo.url);
  const onSim = against(sim.baseUrl);
  const searchParams = { access_token: canary.queryToken, page: 1 };
  // The echoing server refuses credentials, fails with 500s, 401s and malformed 2xx bodies.
  await collect(captured, onEcho.request({ api: 'api', method: 'GET', path: '/unauthorized', searchParams }));
  await collect(captured, onEcho.request({ api: 'api', method: 'GET', path: '/server-error', searchParams }));
  await collect(
    captured,
    onEcho.request({ api: 'api', method: 'GET', path: '/bad-schema', schema: z.object({ n: z.number() }) }),
  );
  // The simulator: a real login (or refusal), injected 500s and 401s, logout.
  sim.faults.failNext({ status: 500, count: 3, route: '/token/validate' });
  await collect(
    captured,
    onSim.request({ api: 'auth', method: 'GET', path: '/token/validate', searchParams }),
  );
  sim.faults.failNext({ status: 401, count: 2, route: '/token/validate' });
  await collect(captured, onSim.request({ api: 'auth', method: 'GET', path: '/token/validate' }));
  await collect(captured, onSim.request({ api: 'auth', method: 'POST', path: '/token/refresh', retry: 0 }));
  sim.faults.clear();
  await collect(captured, onSim.close());
  expect(captured.errors.length, name).toBeGreaterThanOrEqual(4);
  expect(captured.errors.every((error) => isAnaplanAccessError(error))).toBe(true);
  for (const transport of [onEcho, onSim]) captured.lines.push(inspect(transport, { depth: 5 }));
  return captured;
}

describe('no secret ever appears in an error or a log line', () => {
  it.each(Object.keys(providers))('%s', async (name) => {
    const make = providers[name];
    if (!make) throw new Error(name);
    const captured = await exercise(name, make);
    const provider = make();
    const texts = [
      ...captured.errors.flatMap(renderings),
      ...captured.lines,
      JSON.stringify(provider),
      inspect(provider, { depth: 5, showHidden: false }),
    ];
    const issuedTokens = [...sim.state.sessions.keys()];
    const rotated = sim.state.oauthClients.get('canary-client')?.refreshTokens ?? [];
    for (const text of texts) {
      for (const secret of [...forbidden, ...issuedTokens, ...rotated]) {
        expect(text.includes(secret), `${name}: a secret leaked into: ${text.slice(0, 300)}`).toBe(false);
      }
    }
    expect(captured.lines.length).toBeGreaterThan(5);
  });

  it('configuration errors do not quote secrets either', () => {
    const errors: unknown[] = [];
    const attempt = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        errors.push(error);
      }
    };
    attempt(() =>
      certificateAuth({ certificate: certificate.certificate, privateKey: encryptedKey, passphrase: 'x' }),
    );
    attempt(() => certificateAuth({ certificate: canary.password, privateKey: canary.passphrase }));
    attempt(
      () => new Transport({ auth: staticToken(canary.staticToken), userAgent: 7 as unknown as string }),
    );
    attempt(() => new Transport({ auth: canary.apiKey as unknown as AuthProvider }));
    attempt(() => new Transport({ auth: apiKey(canary.apiKey), [canary.bearerToken]: 1 } as never));
    expect(errors).toHaveLength(5);
    for (const text of errors.flatMap(renderings)) {
      for (const secret of forbidden.filter((value) => value !== canary.bearerToken)) {
        expect(text).not.toContain(secret);
      }
    }
  });
});

// Secrets with the characters escapers touch (`/`, `+`, a space, quotes, `&`, `<`, `>`, non-ASCII), so that every
// escaped form differs from the raw one.
const escapable = {
  password: 'CANARY/pass+word "q"&<é>',
  staticToken: 'CANARY+static/token=&"t"',
  bearerToken: "CANARY bearer/token+'b'<é>",
};
const escapableForms = Object.values(escapable).flatMap((secret) => Object.values(secretForms(secret)));

/** Everything a reader could see of an error: its renderings, and every property along its cause chain. */
function everyView(error: unknown): string[] {
  const texts = renderings(error);
  texts.push(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }));
  const seen = new Set<unknown>();
  const walk = (value: unknown, depth: number): void => {
    if (typeof value !== 'object' || value === null) {
      texts.push(String(value));
      return;
    }
    if (seen.has(value) || depth > 12) return;
    seen.add(value);
    if (value instanceof Error) texts.push(value.message, value.stack ?? '', JSON.stringify(value) ?? '');
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor) walk(descriptor.value, depth + 1);
    }
  };
  walk(error, 0);
  return texts;
}

function expectNoSecret(texts: string[], forms: string[]): void {
  for (const text of texts) {
    for (const form of forms) {
      expect(text.includes(form), `a secret (${form}) leaked into: ${text.slice(0, 300)}`).toBe(false);
    }
  }
}

/** The secret a request carries: the token after the scheme, or the password of a Basic credential. */
function credentialOf(authorization: string | undefined): string {
  const [scheme = '', ...rest] = (authorization ?? '').split(' ');
  const value = rest.join(' ');
  if (scheme !== 'Basic') return value;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

describe('no secret appears escaped, in a cause chain, or in a log line', () => {
  let escaping: HttpTestServer;
  beforeAll(async () => {
    // A server that echoes the credential it received in every escaped form, in HTML, text and JSON answers.
    escaping = await startHttpTestServer((request) => {
      const forms = Object.values(secretForms(credentialOf(request.headers['authorization'])));
      const listed = forms.join(' | ');
      if (request.url.startsWith('/token/authenticate') || request.url.includes('/html')) {
        return {
          status: 401,
          headers: { 'content-type': 'text/html' },
          body: `<html><body><p>Refused ${listed}</p><input value="${htmlEscape(forms[0] ?? '')}"></body></html>`,
        };
      }
      if (request.url.includes('/json'))
        return { status: 400, json: { message: `Refused ${listed}`, forms } };
      if (request.url.includes('/ok-text')) {
        return { headers: { 'content-type': 'application/json' }, body: `not json: ${listed}` };
      }
      return { status: 500, headers: { 'content-type': 'text/plain' }, body: `Refused ${listed}` };
    });
  });
  afterAll(async () => {
    await escaping.close();
  });

  const escapingCases: Record<string, () => AuthProvider> = {
    basicAuth: () => basicAuth({ username: 'canary@example.com', password: escapable.password }),
    staticToken: () => staticToken(escapable.staticToken),
    bearerToken: () => bearerToken(escapable.bearerToken),
  };

  it.each(Object.keys(escapingCases))(
    '%s: HTML-, JSON- and percent-escaped echoes are scrubbed',
    async (name) => {
      const make = escapingCases[name];
      if (!make) throw new Error(name);
      const captured = capture();
      const transport = new Transport({
        auth: make(),
        baseUrls: { api: escaping.url, auth: escaping.url, scim: escaping.url, oauth: escaping.url },
        retry: 0,
        logger: captured.logger,
      });
      for (const path of ['/html', '/json', '/text', '/ok-text']) {
        await collect(
          captured,
          transport.request({ api: 'api', method: 'GET', path, schema: z.object({ n: z.number() }) }),
        );
      }
      expect(captured.errors).toHaveLength(4);
      expect(captured.errors.every((error) => isAnaplanAccessError(error))).toBe(true);
      // The echo did come back (so the test proves the scrubbing, not a silent server).
      expect(JSON.stringify(captured.errors)).toContain('[REDACTED]');
      expectNoSecret([...captured.errors.flatMap(everyView), ...captured.lines], escapableForms);
    },
  );

  it('redacts the whole cause chain of an error, raw and escaped, objects, strings and AggregateError.errors', async () => {
    const captured = capture();
    // A fetch (a proxy, an instrumentation layer) whose failure quotes the request's credential at every depth.
    const leakyFetch = async (input: Request | URL | string) => {
      const authorization = input instanceof Request ? (input.headers.get('authorization') ?? '') : '';
      const token = credentialOf(authorization);
      const inner = new AggregateError(
        [
          new Error(`upstream said ${htmlEscape(token)}`),
          { request: { headers: { authorization } }, note: `token ${jsonUnicodeEscape(token)}` },
          `sent ${encodeURIComponent(token)}`,
        ],
        `proxy refused ${authorization}`,
      );
      throw new TypeError('fetch failed', {
        cause: new Error(`connect via proxy with ${token}`, { cause: inner }),
      });
    };
    const transport = new Transport({
      auth: staticToken(escapable.staticToken),
      baseUrls: { api: escaping.url, auth: escaping.url, scim: escaping.url, oauth: escaping.url },
      retry: 0,
      fetch: leakyFetch as typeof fetch,
      logger: captured.logger,
    });
    await collect(captured, transport.request({ api: 'api', method: 'GET', path: '/anything' }));
    // A fetch that throws something other than a network failure: an Error, or a bare string.
    for (const thrown of [
      (text: string) => new Error(`proxy refused ${text}`),
      (text: string) => `refused ${text}`,
    ]) {
      const throwing = async (input: Request | URL | string) => {
        throw thrown(input instanceof Request ? (input.headers.get('authorization') ?? '') : '');
      };
      await collect(
        captured,
        new Transport({
          auth: staticToken(escapable.staticToken),
          baseUrls: { api: escaping.url, auth: escaping.url, scim: escaping.url, oauth: escaping.url },
          fetch: throwing as typeof fetch,
        }).request({ api: 'api', method: 'GET', path: '/anything' }),
      );
    }
    // An abort whose reason quotes the token, as a string and as an object.
    for (const reason of [`stopped, token ${escapable.staticToken}`, { token: escapable.staticToken }]) {
      await collect(
        captured,
        new Transport({
          auth: staticToken(escapable.staticToken),
          baseUrls: { api: escaping.url, auth: escaping.url, scim: escaping.url, oauth: escaping.url },
        }).request({ api: 'api', method: 'GET', path: '/anything', signal: AbortSignal.abort(reason) }),
      );
    }
    expect(captured.errors.map((error) => (error as Error).name)).toEqual([
      'ConnectionError',
      'ConnectionError',
      'ConnectionError',
      'AbortError',
      'AbortError',
    ]);
    const connection = captured.errors[0] as Error;
    // The chain is still there to read, only redacted.
    const middle = (connection.cause as Error).cause as Error;
    expect(middle.message).toBe('connect via proxy with [REDACTED]');
    expect(((middle.cause as AggregateError).errors ?? []).length).toBe(3);
    expectNoSecret(captured.errors.flatMap(everyView), escapableForms);
  });

  it("the transport's logger scrubs escaped secrets and errors with causes in log fields", async () => {
    // Rendered the way pino or console render fields: errors with their stack and causes.
    const lines: string[] = [];
    const write = (fields: Record<string, unknown>, message: string) =>
      lines.push(`${message} ${inspect(fields, { depth: Number.POSITIVE_INFINITY })}`);
    const transport = new Transport({
      auth: staticToken(escapable.staticToken),
      baseUrls: { api: escaping.url, auth: escaping.url, scim: escaping.url, oauth: escaping.url },
      logger: { debug: write, info: write, warn: write, error: write },
    });
    const forms = secretForms(escapable.staticToken);
    const failure = new Error('outer', {
      cause: new Error(`inner ${forms['HTML hex references (&#x2F;)']}`),
    });
    transport.logger.warn(
      {
        failure,
        detail: forms['JSON unicode escapes (\\u002f)'],
        form: forms['form-encoded (+ for a space)'],
      },
      `sent ${forms['percent-encoded, lower-case hex (%2f)']}`,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('inner [REDACTED]');
    expectNoSecret(lines, escapableForms);
  });
});
