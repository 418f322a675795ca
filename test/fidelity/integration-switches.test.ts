import { type IntegrationClient, isDownloadReadError } from '@anaplan-access/bulk';
import {
  integrationControls,
  type Simulator,
  type SimulatorSwitches,
  startSimulator,
  type TenantSeed,
} from '@anaplan-access/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { inPieces, integrationClient, janeAs, oneModelSeed } from '../helpers/one-model-tenant.js';
import { usersImportSeed } from '../helpers/users-import-fixture.js';

// The Integration API switches of issue 13 (§11), with the bulk client driven over real HTTP under every value:
// `emptyDumpStatus` (a dump with no content: 404 or 204), `uploadContentTypes` (uploads refused without the
// documented content types) and `neverLoggedInDate` (`lastLoginDate` of a user who never logged in).
// See docs/fidelity.md.

const workspaceId = 'fe000000000000000000000000000001';
const modelId = 'FE000000000000000000000000000001';
const importId = '112000000888';
const exportId = '116000000888';
const admin = { username: 'integration@corp.example', password: 'fidelity-password-2' };
const wait = { intervalMs: 5 };

function seed(): TenantSeed {
  return oneModelSeed({
    admin,
    account: {
      givenName: 'Integration',
      familyName: 'Account',
      lastLoginDate: '2025-06-30T08:05:37.000+0000',
    },
    workspace: { id: workspaceId, name: 'Fidelity' },
    model: {
      id: modelId,
      name: 'Fidelity Model',
      imports: [{ ...usersImportSeed([], importId), fileName: 'users.csv' }],
      exports: [{ id: exportId, name: 'Users export', columns: { Email: 'email', Role: 'role' } }],
      processes: [{ name: 'Import users then export', actions: [importId, exportId] }],
    },
  });
}

let sim: Simulator | undefined;
let client: IntegrationClient | undefined;
afterEach(async () => {
  await client?.close();
  await sim?.close();
  client = undefined;
  sim = undefined;
});

async function connect(
  switches: Partial<SimulatorSwitches>,
  fetch?: typeof globalThis.fetch,
): Promise<{ target: Simulator; integration: IntegrationClient }> {
  sim = await startSimulator({ seed: seed(), switches: { taskDurationMs: 5, ...switches } });
  client = integrationClient(sim, admin, { fetch });
  return { target: sim, integration: client };
}

function dumpRequests(target: Simulator): string[] {
  return target.requests
    .filter((request) => /\/dumps?(\/|$)/.test(request.path))
    .map((request) => `${request.method} ${request.status}`);
}

describe('emptyDumpStatus: a dump with no content answers 404 or 204', () => {
  it.each([404, 204] as const)(
    '%i: a successful import and process without failures report no failures and ask for no dump',
    async (emptyDumpStatus) => {
      const { target, integration } = await connect({ emptyDumpStatus });
      const model = integration.model(workspaceId, modelId);
      const imported = await model.runImport(importId, janeAs('Planner'), { wait });
      expect(imported).toMatchObject({
        successful: true,
        failureDumpAvailable: false,
        failures: [],
        failureCounts: { errors: 0, warnings: 0 },
      });
      const processed = await model.runProcess('Import users then export', {
        uploads: { 'users.csv': janeAs('Viewer') },
        wait,
      });
      expect(processed.actions.map((action) => [action.failureDumpAvailable, action.failures])).toEqual([
        [false, []],
        [false, []],
      ]);
      // failureDumpAvailable false is the answer: the dump routes (204 or 404 here) are never asked.
      expect(dumpRequests(target)).toEqual([]);
    },
  );

  it.each([404, 204] as const)(
    '%i: a dump the task announced but that is gone (removed, 404) is an error, never "no failures"',
    async (emptyDumpStatus) => {
      let removeOnComplete = true;
      // Once the task reports COMPLETE with its dump, the dump is removed, as Anaplan does after 48 hours.
      const removingFetch: typeof fetch = async (input, init) => {
        const request = input instanceof Request ? input : new Request(input, init);
        const response = await fetch(input, init);
        if (removeOnComplete && request.method === 'GET' && /\/tasks\/[0-9A-F]{32}$/.test(request.url)) {
          const { task } = (await response.clone().json()) as { task?: { taskState?: string } };
          if (task?.taskState === 'COMPLETE' && sim)
            removeOnComplete = integrationControls(sim.state).removeDumps() === 0;
        }
        return response;
      };
      const { target, integration } = await connect({ emptyDumpStatus }, removingFetch);
      const error = await integration
        .model(workspaceId, modelId)
        .runImport(importId, janeAs('Bogus'), { wait })
        .catch((caught: unknown) => caught);
      expect(removeOnComplete).toBe(false);
      expect(isDownloadReadError(error)).toBe(true);
      expect(error).toMatchObject({ problem: 'no-content' });
      expect((error as Error).message).toContain('failureDumpAvailable, but the dump answered 404');
      expect(dumpRequests(target)[0]).toBe('GET 404');
    },
  );

  it.each([
    ['204 No Content', 204],
    ['404 Not Found', 404],
  ] as const)(
    'a dump the task announced whose chunk listing answers %s is an error, never "no failures"',
    async (_name, status) => {
      const { target, integration } = await connect({ emptyDumpStatus: status });
      // The answer of a task without a dump, for a task that has one (as a server that lost it might give).
      target.faults.failNext({ status, route: /^GET .*\/dump\/chunks$/ });
      const error = await integration
        .model(workspaceId, modelId)
        .runImport(importId, janeAs('Bogus'), { wait })
        .catch((caught: unknown) => caught);
      expect(isDownloadReadError(error)).toBe(true);
      expect(error).toMatchObject({ problem: 'no-content' });
      expect((error as Error).message).toContain(`failureDumpAvailable, but the dump answered ${status}`);
    },
  );
});

describe('neverLoggedInDate: lastLoginDate of a user who never logged in', () => {
  it.each(['omitted', 'null'] as const)(
    '%s: the client lists users with lastLoginDate a date-time, or absent or null for who never logged in',
    async (neverLoggedInDate) => {
      const { integration } = await connect({ neverLoggedInDate });
      const users = await integration.users.list().toArray({ limit: Number.POSITIVE_INFINITY });
      const byEmail = new Map(users.map((user) => [user.email, user]));
      // The integration account logged in through /token/authenticate just now, after the seeded date.
      const loggedIn = byEmail.get(admin.username)?.lastLoginDate;
      expect(loggedIn).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
      expect(Date.parse(loggedIn ?? '')).toBeGreaterThan(Date.parse('2025-06-30T08:05:37.000Z'));
      const never = byEmail.get('jane@corp.example');
      if (neverLoggedInDate === 'null') expect(never?.lastLoginDate).toBeNull();
      else expect(never).not.toHaveProperty('lastLoginDate');
      expect((await integration.users.get(never?.id ?? '')).lastLoginDate ?? null).toBeNull();
    },
  );
});

describe('uploadContentTypes: uploads refused without the documented content types', () => {
  /** The `Content-Type` of every upload `PUT` the client sends, as `file` or `chunk`. */
  function recordingUploads(sent: string[]): typeof fetch {
    return async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (request.method === 'PUT') {
        const what = /\/chunks\/\d+$/.test(new URL(request.url).pathname) ? 'chunk' : 'file';
        sent.push(`${what} ${request.headers.get('content-type')}`);
      }
      return fetch(input, init);
    };
  }
  const big = janeAs('Planner') + `${' '.repeat(999)}\n`.repeat(1600); // 1.5 MiB: two chunks of 1 MiB

  it.each(['strict', 'any'] as const)(
    '%s: single, chunked, gzipped and streamed uploads send application/octet-stream or application/x-gzip',
    async (uploadContentTypes) => {
      const sent: string[] = [];
      const { target, integration } = await connect({ uploadContentTypes }, recordingUploads(sent));
      const model = integration.model(workspaceId, modelId);
      const fileId = (await model.imports.find(importId)).importDataSourceId ?? '';
      const chunked = { chunkSizeBytes: 1024 * 1024 };
      const uploads: [string, () => Promise<unknown>, string[]][] = [
        [
          'small text',
          () => model.files.upload(fileId, janeAs('Planner')),
          ['file application/octet-stream'],
        ],
        [
          'large text',
          () => model.files.upload(fileId, big, chunked),
          ['chunk application/octet-stream', 'chunk application/octet-stream'],
        ],
        [
          'gzipped text',
          () => model.files.upload(fileId, big, { ...chunked, gzip: true }),
          ['chunk application/x-gzip', 'chunk application/x-gzip'],
        ],
        [
          'a stream of unknown length',
          () => model.files.upload(fileId, inPieces(big), chunked),
          ['chunk application/octet-stream', 'chunk application/octet-stream'],
        ],
      ];
      for (const [name, upload, types] of uploads) {
        sent.length = 0;
        await upload();
        expect(sent, name).toEqual(types);
        expect(integrationControls(target.state).fileText(modelId, fileId, admin.username), name).toBe(
          name === 'small text' ? janeAs('Planner') : big,
        );
      }
      expect(target.requests.filter((request) => request.status === 415)).toEqual([]);
      // The upload an import reads: the whole run under the switch.
      const imported = await model.runImport(importId, big, { upload: { ...chunked, gzip: true }, wait });
      expect(imported.successful).toBe(true);
    },
  );

  it('strict: an upload of another type is refused with 415 (what the pinned types avoid)', async () => {
    const { target } = await connect({ uploadContentTypes: 'strict' });
    const login = await fetch(`${target.authUrl}/token/authenticate`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}`,
      },
    });
    const { tokenInfo } = (await login.json()) as { tokenInfo: { tokenValue: string } };
    const refused = await fetch(
      `${target.apiUrl}/workspaces/${workspaceId}/models/${modelId}/files/${importFileId(target)}`,
      {
        method: 'PUT',
        headers: { authorization: `AnaplanAuthToken ${tokenInfo.tokenValue}`, 'content-type': 'text/csv' },
        body: janeAs('Planner'),
      },
    );
    expect(refused.status).toBe(415);
  });
});

function importFileId(target: Simulator): string {
  return target.state.models.get(modelId)?.imports.find((item) => item.id === importId)?.fileId ?? '';
}
