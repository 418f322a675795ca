import { createPrivateKey } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inspect } from 'node:util';
import {
  type AuthProvider,
  apiKey,
  basicAuth,
  bearerToken,
  certificateAuth,
  type Logger,
  oauthDeviceGrant,
  oauthRefreshToken,
  staticToken,
} from '@anaplan-access/core';
import { jsonLinesAuditLog, reconcile, renderPlan } from '@anaplan-access/reconcile';
import { htmlReferences, jsonUnicodeEscape, secretForms } from '@anaplan-access/test-support';
import { createTestCertificate, type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTarget, faultDesired, faultPolicy, faultSeed } from '../faults/fault-tenant.js';
import { auditFile } from '../faults/run-scenario.js';
import { admin } from '../helpers/access-tenant.js';

// Core checks each auth provider on its own (packages/core/src/secrets.test.ts). Here every provider drives a whole
// reconcile — observe, plan, apply, audit, report — under faults, including a server that echoes the credential it
// received in its error bodies; no secret may show up in any error, log line, plan, report, audit line or stack.

const canary = {
  password: 'CANARY-password-e1f07a',
  passphrase: 'CANARY-passphrase-5c2d88',
  clientSecret: 'CANARY-client-secret-a93b14',
  refreshToken: 'CANARY-refresh-token-77e0c6',
  apiKey: 'CANARY-api-key-0d4be9',
  bearerToken: 'CANARY-bearer-token-3f61aa',
  staticToken: 'CANARY-static-token-b820d3',
};
const certificate = createTestCertificate({ commonName: 'integration' });
const encryptedKey = createPrivateKey(certificate.privateKey).export({
  type: 'pkcs8',
  format: 'pem',
  cipher: 'aes-256-cbc',
  passphrase: canary.passphrase,
}) as string;
/** Every base64 line of the private keys counts as a secret too. */
export const keyLines = [encryptedKey, certificate.privateKey].flatMap((pem) =>
  pem.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----')),
);
const basicCredential = Buffer.from(`${admin.userName}:${canary.password}`).toString('base64');

/** How the SCIM client and the Integration API client authenticate in each case. */
const cases: Record<string, { scim: () => AuthProvider; integration: () => AuthProvider }> = {
  basicAuth: {
    scim: () => basicAuth({ username: admin.userName, password: canary.password }),
    integration: () => basicAuth({ username: admin.userName, password: canary.password }),
  },
  certificateAuth: {
    scim: () =>
      certificateAuth({
        certificate: certificate.certificate,
        privateKey: encryptedKey,
        passphrase: canary.passphrase,
      }),
    integration: () =>
      certificateAuth({
        certificate: certificate.certificate,
        privateKey: encryptedKey,
        passphrase: canary.passphrase,
      }),
  },
  oauthRefreshToken: {
    scim: () =>
      oauthRefreshToken({
        clientId: 'canary-client',
        clientSecret: canary.clientSecret,
        refreshToken: canary.refreshToken,
      }),
    integration: () =>
      oauthRefreshToken({
        clientId: 'canary-client-2',
        clientSecret: canary.clientSecret,
        refreshToken: `${canary.refreshToken}-2`,
      }),
  },
  oauthDeviceGrant: {
    scim: () =>
      oauthDeviceGrant({ clientId: 'canary-device', onPrompt: ({ userCode }) => void approve(userCode) }),
    integration: () =>
      oauthDeviceGrant({ clientId: 'canary-device', onPrompt: ({ userCode }) => void approve(userCode) }),
  },
  'apiKey + staticToken': {
    scim: () => apiKey(canary.apiKey),
    integration: () => staticToken(canary.staticToken),
  },
  'bearerToken + staticToken': {
    scim: () => bearerToken(canary.bearerToken),
    integration: () => staticToken(canary.staticToken),
  },
};

let sim: Simulator | undefined;
const approve = (userCode: string) => sim?.approveDevice(userCode);
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function capturingLogger(lines: string[]): Logger {
  const write = (level: string) => (fields: Record<string, unknown>, message: string) =>
    lines.push(`${level} ${message} ${JSON.stringify(fields)} ${inspect(fields, { depth: 6 })}`);
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

function renderings(value: unknown): string[] {
  if (!(value instanceof Error))
    return [JSON.stringify(value) ?? String(value), inspect(value, { depth: 8 })];
  return [
    String(value),
    JSON.stringify(value),
    value.stack ?? '',
    inspect(value, { depth: Number.POSITIVE_INFINITY }),
  ];
}

/** Every file under `directory`, read as text. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [readFileSync(path, 'latin1')];
  });
}

async function tenant(): Promise<Simulator> {
  const seed = faultSeed();
  const integration = seed.users?.find((user) => user.userName === admin.userName);
  if (integration)
    Object.assign(integration, { password: canary.password, certificate: certificate.certificate });
  const started = await startSimulator({
    seed: {
      ...seed,
      oauthClients: [
        {
          clientId: 'canary-client',
          clientSecret: canary.clientSecret,
          userName: admin.userName,
          refreshTokens: [canary.refreshToken],
        },
        {
          clientId: 'canary-client-2',
          clientSecret: canary.clientSecret,
          userName: admin.userName,
          refreshTokens: [`${canary.refreshToken}-2`],
        },
        { clientId: 'canary-device', userName: admin.userName },
      ],
      apiKeys: [
        { key: canary.apiKey, userName: admin.userName },
        { key: canary.bearerToken, userName: admin.userName },
      ],
    },
    tokenTtlMs: 1500,
    latencyMs: 3,
    switches: { deviceCodeIntervalSeconds: 0 },
  });
  const user = started.state.findUserByName(admin.userName);
  started.state.sessions.set(canary.staticToken, {
    token: canary.staticToken,
    tokenId: 'static',
    userId: user?.id ?? '',
    expiresAt: Date.now() + 3_600_000,
    revoked: false,
    via: 'basic',
  });
  return started;
}

describe('no secret appears anywhere across a full reconcile under faults', () => {
  it.each(Object.keys(cases))('%s', { timeout: 30_000 }, async (name) => {
    const chosen = cases[name];
    if (!chosen) throw new Error(name);
    sim = await tenant();
    const lines: string[] = [];
    const texts: string[] = [];
    const auditPath = auditFile('canary');
    const connected = connectTarget(sim, {
      auth: chosen.integration(),
      scimAuth: chosen.scim(),
      logger: capturingLogger(lines),
      retry: { limit: 2, backoffLimitMs: 20 },
    });
    // A server that echoes the credential it received in its errors, a refused session, a dropped connection, a
    // failed refresh.
    let echoes = 0;
    let loginEchoed = false;
    connected.hooks.before.push((request) => {
      const path = new URL(request.url).pathname;
      const write = request.method !== 'GET' && (path.startsWith('/scim/') || path.includes('/imports/'));
      const me = path.endsWith('/users/me') && echoes === 0;
      const login = !loginEchoed && (path === '/token/authenticate' || path === '/oauth/token');
      if (login) loginEchoed = true;
      else if ((!write && !me) || echoes >= 4) return;
      else echoes += 1;
      const seen = `${request.authorization ?? 'nothing'} ${request.loginBody ?? ''}`;
      // Raw, and escaped the ways a server's error page or JSON may escape it.
      const escaped = [htmlReferences(seen, 16), jsonUnicodeEscape(seen), encodeURIComponent(seen)];
      const message = `rejected ${seen} ${escaped.join(' ')}`;
      return new Response(JSON.stringify({ status: { code: 500, message }, detail: message, schemas: [] }), {
        status: me || login ? 401 : 500,
        headers: { 'content-type': 'application/json', 'www-authenticate': `Bearer error="${message}"` },
      });
    });
    sim.faults
      .failNext({ status: 503, route: '/token/refresh' })
      .resetNext({ route: /^GET \/scim\/1\/0\/v2\/Users/ });
    try {
      const events: unknown[] = [];
      for (let run = 0; run < 2; run += 1) {
        try {
          const { plan, result } = await reconcile({
            desired: faultDesired(),
            target: connected.target,
            policy: faultPolicy,
            audit: jsonLinesAuditLog(auditPath),
            onEvent: (event) => events.push(event),
          });
          texts.push(
            ...['text', 'markdown', 'json'].map((format) => renderPlan(plan, { format: format as 'text' })),
          );
          texts.push(...renderings(result));
        } catch (error) {
          texts.push(...renderings(error));
        }
      }
      // And a run that fails outright: observing is refused.
      sim.faults.failNext({ status: 403, count: 20, route: /^GET \/scim/ });
      const refused = await reconcile({
        desired: faultDesired(),
        target: connected.target,
        policy: faultPolicy,
      }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(Error);
      texts.push(...renderings(refused), ...renderings(events));
      texts.push(inspect(connected, { depth: 6 }), JSON.stringify(Object.keys(connected)));
    } finally {
      await connected.close();
    }
    texts.push(...lines, ...filesUnder(dirname(auditPath)));
    const issued = [...sim.state.sessions.keys()];
    const rotated = [...sim.state.oauthClients.values()].flatMap((client) => client.refreshTokens);
    const forbidden = [...Object.values(canary), basicCredential, ...keyLines, ...issued, ...rotated].flatMap(
      (secret) => Object.values(secretForms(secret)),
    );
    expect(lines.length).toBeGreaterThan(20);
    expect(texts.join('\n')).toMatch(/rejected/);
    for (const text of texts)
      for (const secret of forbidden)
        expect(text.includes(secret), `${name}: a secret leaked into: ${text.slice(0, 400)}`).toBe(false);
  });
});
