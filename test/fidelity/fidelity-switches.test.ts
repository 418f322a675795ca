import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { UploadSource } from '@anaplan-access/bulk';
import { basicAuth, certificateAuth, isServerError, silentLogger } from '@anaplan-access/core';
import { ScimClient } from '@anaplan-access/scim';
import {
  createTestCertificate,
  type Simulator,
  type SimulatorSwitches,
  startSimulator,
  type TenantSeed,
  usersImportSeed,
} from '@anaplan-access/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inPieces, integrationClient, janeAs, oneModelSeed } from '../helpers/one-model-tenant.js';
import { usersImportColumns } from '../helpers/users-import-fixture.js';

// Where the reference is unsure how Anaplan behaves, the simulator offers each behaviour as a switch; the clients
// must work under every one of them. One test (or table row) per value of each switch, over real HTTP.
// See docs/fidelity.md for the defaults and the open questions.

const workspaceId = 'fd000000000000000000000000000001';
const modelId = 'FD000000000000000000000000000001';
const importId = '112000000777';
const fileId = '113000000777';
const admin = { username: 'integration@corp.example', password: 'fidelity-password-1' };
const cert = createTestCertificate({ commonName: 'fidelity' });
const columns = usersImportColumns([]);

function seed(): TenantSeed {
  return oneModelSeed({
    admin,
    account: { certificate: cert.certificate, givenName: 'Integration', familyName: 'Account' },
    workspace: { id: workspaceId, name: 'Fidelity' },
    model: {
      id: modelId,
      name: 'Fidelity Model',
      imports: [
        usersImportSeed(columns, { id: importId, name: 'Users import', fileId, fileName: 'users.csv' }),
      ],
      processes: [{ name: 'Import users', actions: [importId] }],
    },
  });
}

let sim: Simulator | undefined;
let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'fidelity-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await sim?.close();
  sim = undefined;
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function start(switches: Partial<SimulatorSwitches>): Promise<Simulator> {
  sim = await startSimulator({ seed: seed(), switches: { taskDurationMs: 5, ...switches } });
  return sim;
}

function requests(target: Simulator, pattern: RegExp): string[] {
  return target.requests
    .filter((request) => pattern.test(`${request.method} ${request.path}`))
    .map((request) => `${request.method} ${request.status}`);
}

/** A USERS import file giving Jane the Planner role, padded with blank rows to `paddingBytes`. */
function janeAsPlanner(paddingBytes = 0): string {
  const blank = `${' '.repeat(1000)}\n`;
  return janeAs('Planner') + blank.repeat(Math.ceil(paddingBytes / blank.length));
}

const janesRole = (target: Simulator) =>
  target.state.models.get(modelId)?.users.get('jane@corp.example')?.role;

describe('taskStartShape: the answer to POST …/tasks', () => {
  it.each(['wrapped', 'bare'] as const)('runImport and runProcess work with the %s shape', async (shape) => {
    const target = await start({ taskStartShape: shape });
    const client = integrationClient(target, admin);
    try {
      const model = client.model(workspaceId, modelId);
      const imported = await model.runImport(importId, janeAsPlanner(), { wait: { intervalMs: 5 } });
      expect(imported.successful).toBe(true);
      expect(janesRole(target)).toBe('Planner');
      const processed = await model.runProcess('Import users', {
        uploads: { 'users.csv': janeAsPlanner() },
        wait: { intervalMs: 5 },
      });
      expect(processed.successful).toBe(true);
      // One start per run: the answer was read, not guessed from the task list.
      expect(requests(target, /^POST .*\/tasks$/)).toEqual(['POST 200', 'POST 200']);
    } finally {
      await client.close();
    }
  });
});

describe('uploadCompleteAccess: who may call POST …/files/{id}/complete', () => {
  const big = janeAsPlanner(1.5 * 1024 * 1024);
  const file = () => {
    const path = join(directory, `${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(path, big);
    return path;
  };
  const sources: [string, () => UploadSource, boolean][] = [
    ['text', () => big, false],
    ['a file: URL', () => pathToFileURL(file()), false],
    ['a stream of unknown length', () => inPieces(big), true],
  ];
  const table = (['admins', 'everyone', 'nobody'] as const).flatMap((access) =>
    sources.map(([name, source, needsComplete]) => ({ access, name, source, needsComplete })),
  );

  it.each(table)('$access: runImport of $name', async ({ access, source, needsComplete }) => {
    const target = await start({ uploadCompleteAccess: access });
    const client = integrationClient(target, admin);
    try {
      const running = client
        .model(workspaceId, modelId)
        .runImport(importId, source(), { upload: { chunkSizeBytes: 1024 * 1024 }, wait: { intervalMs: 5 } });
      if (needsComplete && access === 'nobody') {
        expect(isServerError(await running.catch((error: unknown) => error))).toBe(true);
        expect(janesRole(target)).toBe('Viewer');
        return;
      }
      const result = await running;
      expect(result.successful).toBe(true);
      expect(result.upload).toMatchObject({ chunkCount: 2, declaredChunkCount: needsComplete ? -1 : 2 });
      expect(requests(target, /\/complete$/)).toEqual(needsComplete ? ['POST 200'] : []);
      expect(janesRole(target)).toBe('Planner');
    } finally {
      await client.close();
    }
  });
});

describe('refreshReturnsSameToken: what /token/refresh gives back', () => {
  it.each([true, false])(
    'refreshReturnsSameToken %s: two clients keep their sessions past 60 minutes by refreshing, never by a 401',
    async (same) => {
      const target = await start({ refreshReturnsSameToken: same });
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
      const auth = basicAuth(admin);
      const scim = new ScimClient({
        auth,
        baseUrl: target.scimUrl,
        authUrl: target.authUrl,
        logger: silentLogger,
      });
      const client = integrationClient(target, admin, { auth });
      try {
        expect((await client.users.me()).email).toBe(admin.username);
        await scim.users.findByUserName('jane@corp.example');
        // Both clients and the simulator share this process's clock: 31 minutes on, the 35-minute tokens near expiry.
        vi.setSystemTime(Date.now() + 31 * 60 * 1000);
        expect((await client.users.me()).email).toBe(admin.username);
        expect((await scim.users.findByUserName('jane@corp.example'))?.userName).toBe('jane@corp.example');
        vi.setSystemTime(Date.now() + 31 * 60 * 1000);
        expect((await client.users.me()).email).toBe(admin.username);
        expect(requests(target, /^POST \/token\/authenticate$/)).toEqual(['POST 201', 'POST 201']);
        // Each client holds its own session: the integration client refreshed twice, the SCIM client once.
        expect(requests(target, /^POST \/token\/refresh$/)).toEqual(['POST 200', 'POST 200', 'POST 200']);
        expect(target.requests.filter((request) => request.status === 401)).toEqual([]);
      } finally {
        await Promise.all([client.close(), scim.close()]);
      }
    },
  );
});

describe('certificateV2Accepted: whether /token/authenticate takes a v2 certificate payload', () => {
  it.each([true, false])('certificateV2Accepted %s: certificateAuth signs in', async (accepted) => {
    const target = await start({ certificateV2Accepted: accepted });
    const client = integrationClient(target, admin, {
      auth: certificateAuth({ certificate: cert.certificate, privateKey: cert.privateKey }),
    });
    try {
      expect((await client.users.me()).email).toBe(admin.username);
      expect(requests(target, /^POST \/token\/authenticate$/)).toEqual(
        accepted ? ['POST 201'] : ['POST 401', 'POST 201'],
      );
    } finally {
      await client.close();
    }
  });
});
