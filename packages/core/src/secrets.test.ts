import { createPrivateKey } from 'node:crypto';
import { inspect } from 'node:util';
import { createTestCertificate, type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type HttpTestServer, startHttpTestServer } from '../../../test/helpers/http-test-server.js';
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
  Transport,
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
