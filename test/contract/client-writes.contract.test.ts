import { type Simulator, startSimulator, type TenantSeed } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inPieces, integrationClient, janeAs, oneModelSeed } from '../helpers/one-model-tenant.js';
import { loadOpenApi, type OpenApiSpec, pathTemplates } from '../helpers/openapi-contract.js';
import { haveReference } from '../helpers/reference.js';
import { usersImportSeed } from '../helpers/users-import-fixture.js';

// Request side of the contract, for every kind of write the bulk client makes (issue 13, §11): each is sent in the
// one path form the live notes confirm for it, with the content type the spec and the clients of record use. The
// engine-driven capture of test/contract/client-requests.contract.test.ts covers what a reconcile sends; this drives
// the rest: chunked, gzipped and streamed uploads (`complete`), processes, other actions, cancel, open and close.

const specFile = 'integration-openapi.yaml';
const title = 'every write the bulk client sends uses a confirmed path form and content type';
const available = haveReference([specFile], title);

const workspaceId = 'fc000000000000000000000000000001';
const modelId = 'FC000000000000000000000000000001';
const importId = '112000000999';
const exportId = '116000000999';
const actionId = '117000000999';
const admin = { username: 'integration@corp.example', password: 'contract-password-3' };

function seed(): TenantSeed {
  return oneModelSeed({
    admin,
    workspace: { id: workspaceId, name: 'Contract' },
    model: {
      id: modelId,
      name: 'Contract Model',
      lists: [{ name: 'Region', items: ['EMEA', 'APAC'] }],
      imports: [{ ...usersImportSeed([], importId), fileName: 'users.csv' }],
      exports: [{ id: exportId, name: 'Users export', columns: { Email: 'email', Role: 'role' } }],
      processes: [{ name: 'Import users then export', actions: [importId, exportId] }],
      actions: [{ id: actionId, name: 'Delete APAC', listName: 'Region', items: ['APAC'] }],
    },
  });
}

interface Sent {
  method: string;
  /** Below `/2/0`. */
  path: string;
  contentType: string | null;
}

describe.skipIf(!available)(title, () => {
  let sim: Simulator;
  let spec: OpenApiSpec;
  const sent: Sent[] = [];

  beforeAll(async () => {
    spec = loadOpenApi(specFile);
    sim = await startSimulator({ seed: seed(), switches: { taskDurationMs: 5 } });
    const recordingFetch: typeof fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const url = new URL(request.url);
      if (request.method !== 'GET' && url.pathname.startsWith('/2/0/'))
        sent.push({
          method: request.method,
          path: url.pathname.slice('/2/0'.length),
          contentType: request.headers.get('content-type'),
        });
      return fetch(input, init);
    };
    const client = integrationClient(sim, admin, { fetch: recordingFetch });
    try {
      const model = client.model(workspaceId, modelId);
      const wait = { intervalMs: 5 };
      const csv = janeAs('Planner');
      const big = csv + `${' '.repeat(999)}\n`.repeat(1100);
      const fileId = (await model.imports.find(importId)).importDataSourceId ?? '';
      const chunked = { chunkSizeBytes: 1024 * 1024 };
      await model.files.upload(fileId, csv); // one PUT
      await model.files.upload(fileId, big, chunked); // known count
      await model.files.upload(fileId, big, { ...chunked, gzip: true }); // gzipped chunks
      await model.files.upload(fileId, inPieces(big), chunked); // -1 and complete
      await model.files.delete(fileId);
      await model.runImport(importId, csv, { wait });
      await model.runExport(exportId, { wait });
      await model.runProcess('Import users then export', { uploads: { 'users.csv': csv }, wait });
      await (await model.actions.run(actionId)).wait(wait);
      sim.state.switches.holdTasks = true;
      const running = await model.exports.run(exportId);
      await running.cancel();
      sim.state.switches.holdTasks = false;
      await running.wait(wait);
      await model.close();
      await model.wake();
    } finally {
      sim.state.switches.holdTasks = false;
      await client.close();
    }
  });

  afterAll(() => sim?.close());

  it('sends every kind of write', () => {
    const kinds = new Set(
      sent.map(({ method, path }) => `${method} ${path.replace(/\/[0-9A-Fa-f]{32}|\/\d{12}|\/\d+$/g, '/…')}`),
    );
    expect([...kinds].sort()).toEqual(
      [
        'DELETE /workspaces/…/models/…/exports/…/tasks/…',
        'DELETE /workspaces/…/models/…/files/…',
        'POST /models/…/close',
        'POST /models/…/open',
        'POST /workspaces/…/models/…/actions/…/tasks',
        'POST /workspaces/…/models/…/exports/…/tasks',
        'POST /workspaces/…/models/…/files/…',
        'POST /workspaces/…/models/…/files/…/complete',
        'POST /workspaces/…/models/…/imports/…/tasks',
        'POST /workspaces/…/models/…/processes/…/tasks',
        'PUT /workspaces/…/models/…/files/…',
        'PUT /workspaces/…/models/…/files/…/chunks/…',
      ].sort(),
    );
  });

  it('sends each write in the path form the spec and the live notes confirm', () => {
    const unconfirmed: string[] = [];
    for (const request of sent) {
      // Cancel is in neither the spec nor the live notes; Anaplan Connect sends it workspace-prefixed, the form the
      // simulator serves.
      if (
        request.method === 'DELETE' &&
        /^\/workspaces\/[^/]+\/models\/[^/]+\/\w+\/\d+\/tasks\/[0-9A-F]{32}$/.test(request.path)
      )
        continue;
      const match = pathTemplates(spec).find(({ pattern }) => pattern.test(request.path));
      if (!match?.methods.includes(request.method.toLowerCase()))
        unconfirmed.push(`${request.method} ${request.path}`);
    }
    expect(unconfirmed).toEqual([]);
    expect(sim.requests.filter((request) => request.status === 404 || request.status === 405)).toEqual([]);
  });

  it('sends file content as application/octet-stream, gzipped chunks as application/x-gzip, JSON as JSON', () => {
    const types = new Set(
      sent.map(({ method, path, contentType }) => {
        const what = /\/chunks\/\d+$/.test(path) ? 'chunk' : /\/files\/\d+$/.test(path) ? 'file' : 'other';
        return `${method} ${what} ${contentType?.split(';')[0] ?? '(none)'}`;
      }),
    );
    expect([...types].sort()).toEqual(
      [
        'DELETE file (none)',
        'DELETE other (none)',
        'POST file application/json',
        'POST other (none)',
        'POST other application/json',
        'PUT chunk application/octet-stream',
        'PUT chunk application/x-gzip',
        'PUT file application/octet-stream',
      ].sort(),
    );
  });
});
