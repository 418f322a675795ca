import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TenantSeed } from '../seed.js';
import { type Simulator, startSimulator } from '../simulator.js';
import {
  type IntegrationHarness,
  ids,
  integrationSeed,
  startIntegrationHarness,
  usersCsv,
} from '../test-support/integration-harness.js';

const admin = 'admin@example.com';
const password = 'seeded-password-4711';
const refreshToken = 'seeded-refresh-token-0815';
const apiKey = 'seeded-api-key-2342';
const basic = `Basic ${Buffer.from(`${admin}:${password}`).toString('base64')}`;

/** The Integration API test tenant, with credentials: a password, an OAuth client and an API key. */
function seed(): TenantSeed {
  const base = integrationSeed();
  return {
    ...base,
    users: (base.users ?? []).map((user) => (user.userName === admin ? { ...user, password } : user)),
    oauthClients: [{ clientId: 'cli', userName: admin, refreshTokens: [refreshToken] }],
    apiKeys: [{ key: apiKey, userName: admin }],
  };
}

const root = mkdtempSync(join(tmpdir(), 'anaplan-sim-state-'));
let directory: string;
let stateFile: string;
let running: { close(): Promise<void> }[] = [];
beforeEach(() => {
  directory = mkdtempSync(join(root, 'case-'));
  stateFile = join(directory, 'state.json');
});
afterEach(async () => {
  await Promise.allSettled(running.map((sim) => sim.close()));
  running = [];
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function harness(): Promise<IntegrationHarness> {
  const started = await startIntegrationHarness({ seed: seed(), stateFile });
  running.push(started);
  return started;
}

async function simulator(options: { seed?: TenantSeed } = {}): Promise<Simulator> {
  const started = await startSimulator({ seed: options.seed ?? seed(), stateFile });
  running.push(started);
  return started;
}

async function scim(sim: Simulator, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sim.scimUrl}${path}`, {
    method,
    headers: { authorization: basic, 'content-type': 'application/scim+json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

interface ScimUser {
  id: string;
  userName: string;
  meta: { version: string; created: string; lastModified: string; location: string };
}

async function findUser(sim: Simulator, userName: string): Promise<ScimUser | undefined> {
  const response = await scim(sim, 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
  expect(response.status).toBe(200);
  const { Resources } = (await response.json()) as { Resources?: ScimUser[] };
  return Resources?.[0];
}

describe('startSimulator({ stateFile })', () => {
  it('starts from the seed and writes the file, which holds no credential', async () => {
    const first = await harness();
    expect(existsSync(stateFile)).toBe(true);
    const token = first.token(admin);
    expect((await first.call(admin, 'GET', '/users/me')).status).toBe(200);
    const text = readFileSync(stateFile, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'anaplan-sim-state', version: 1 });
    for (const secret of [password, refreshToken, apiKey, token]) expect(text).not.toContain(secret);
  });

  it('gives a second simulator on the same file the tenant the first one left, changes made over HTTP included', async () => {
    const first = await harness();
    const created = await scim(first.sim, 'POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'new.person@example.com',
      name: { givenName: 'New', familyName: 'Person' },
      active: true,
    });
    expect(created.status).toBe(201);
    const before = (await created.json()) as ScimUser;
    // The file has the change before the answer went out.
    expect(readFileSync(stateFile, 'utf8')).toContain('new.person@example.com');

    const upload = await first.call(admin, 'PUT', `${first.modelPath}/files/${ids.usersFile}`, {
      body: usersCsv('newcomer@example.com,Nia,Newcomer,Viewer,false,EMEA,,'),
    });
    expect(upload.status).toBe(204);
    const imported = await first.runTask(admin, `${first.modelPath}/imports/${ids.usersImport}`);
    expect(imported.result).toMatchObject({ successful: true });
    const sessionOfFirst = first.token(admin);
    const lastId = first.sim.state.nextId('999');
    await first.close();

    const second = await harness();
    // The same user, id and SCIM meta (only the location names the new port).
    const after = await findUser(second.sim, 'new.person@example.com');
    expect(after).toEqual({ ...before, meta: { ...before.meta, location: after?.meta.location } });
    expect(second.sim.state.models.get(ids.model)?.users.get('newcomer@example.com')).toMatchObject({
      role: 'Viewer',
      selectiveAccess: { Region: { read: ['EMEA'], write: [] } },
    });
    const exported = await second.runTask(admin, `${second.modelPath}/exports/${ids.usersExport}`);
    expect(exported.result).toMatchObject({ successful: true });
    const csv = await (
      await second.call(admin, 'GET', `${second.modelPath}/files/${ids.usersExport}`)
    ).text();
    expect(csv).toContain('newcomer@example.com,Nia,Viewer,false,EMEA,');
    // Sessions end with their process; ids go on where the first process stopped.
    const oldSession = await fetch(`${second.sim.apiUrl}/users/me`, {
      headers: { authorization: `AnaplanAuthToken ${sessionOfFirst}` },
    });
    expect(oldSession.status).toBe(401);
    expect(Number(second.sim.state.nextId('999'))).toBe(Number(lastId) + 1);
  });

  it('takes the credentials from the seed at every start', async () => {
    await (await simulator()).close();
    const second = await simulator({
      seed: { ...seed(), apiKeys: [{ key: 'another-key', userName: admin }] },
    });
    expect((await findUser(second, admin))?.userName).toBe(admin);
    const withKey = (key: string) =>
      fetch(`${second.scimUrl}/Users?count=1`, { headers: { authorization: `Bearer ${key}` } });
    expect((await withKey('another-key')).status).toBe(200);
    expect((await withKey(apiKey)).status).toBe(401);
  });

  it('writes changes made through sim.state on close', async () => {
    const first = await simulator();
    const user = first.state.findUserByName('jane.doe@example.com');
    if (user) user.familyName = 'Changed in the UI';
    await first.close();
    const second = await simulator();
    expect(second.state.findUserByName('jane.doe@example.com')?.familyName).toBe('Changed in the UI');
  });

  it('starts from the seed when the file is empty (as mktemp leaves it)', async () => {
    writeFileSync(stateFile, '');
    const sim = await simulator();
    expect(sim.state.findUserByName(admin)).toBeDefined();
    expect(readFileSync(stateFile, 'utf8')).toContain('"format": "anaplan-sim-state"');
  });

  it.each([
    [
      'broken JSON',
      '{"format": "anaplan-sim-state", "vers',
      /state file .*state\.json is not valid JSON \(at position \d+/,
    ],
    [
      'another JSON file',
      '{"users": []}',
      /is not an anaplan-sim state file \(it has no "format": "anaplan-sim-state"\)/,
    ],
    [
      'another version',
      '{"format": "anaplan-sim-state", "version": 2}',
      /has version 2, and this anaplan-sim reads version 1; delete it to start again from the seed/,
    ],
  ])(
    'refuses %s with a message naming the file and the problem, and leaves it as it was',
    async (_case, text, message) => {
      writeFileSync(stateFile, text);
      await expect(simulator()).rejects.toThrow(message);
      expect(readFileSync(stateFile, 'utf8')).toBe(text);
    },
  );

  it('names the field of a state file that was edited into the wrong shape', async () => {
    await (await simulator()).close();
    const stored = JSON.parse(readFileSync(stateFile, 'utf8')) as {
      models: { users: { role: unknown }[] }[];
    };
    const modelUser = stored.models[0]?.users[1];
    if (modelUser) modelUser.role = 7;
    writeFileSync(stateFile, JSON.stringify(stored));
    await expect(simulator()).rejects.toThrow(
      /state file .*: models\[0\]\.users\[1\]\.role must be a string$/,
    );
  });

  it('refuses to start when the file cannot be written', async () => {
    stateFile = join(directory, 'missing-folder', 'state.json');
    await expect(simulator()).rejects.toThrow(
      /cannot write state file .*missing-folder.*state\.json: its folder does not exist/,
    );
  });

  it('drops the answer to a change it could not write, and close() says so', async () => {
    const folder = join(directory, 'goes-away');
    mkdirSync(folder);
    stateFile = join(folder, 'state.json');
    const sim = await startSimulator({ seed: seed(), stateFile });
    rmSync(folder, { recursive: true });
    await expect(
      scim(sim, 'POST', '/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'lost@example.com',
        name: { givenName: 'Lost', familyName: 'Change' },
      }),
    ).rejects.toThrow();
    await expect(sim.close()).rejects.toThrow(
      /cannot write state file .*goes-away.*: its folder does not exist/,
    );
  });
});
