// A CloudWorks run end to end, over real HTTP and real storage: the SDK writes the USERS CSV to Azurite or to an
// S3-compatible server with the official clients, the simulator's run reads it back from there (SAS token; SigV4)
// and runs the model's USERS import: success, partial success (code 38) with its errors and dump, cancellation, and
// the 409 of a second run while one is in flight.

import { IntegrationClient } from '@anaplan-access/bulk';
import {
  amazonS3Storage,
  azureBlobStorage,
  type CloudWorksRunHandle,
  type CloudWorksStorage,
  cloudWorksImportJob,
  isCloudWorksStorageWriteError,
} from '@anaplan-access/cloudworks';
import { basicAuth, isBadRequestError, isConflictError, isNotFoundError } from '@anaplan-access/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, type CloudWorksTenant, fast, ids, startCloudWorksTenant } from './cloudworks-tenant.js';

let tenant: CloudWorksTenant;
let azureConnection: string;
let s3Connection: string;
let azureWriter: CloudWorksStorage;
let s3Writer: CloudWorksStorage;
let sas: string;

beforeAll(async () => {
  tenant = await startCloudWorksTenant();
  sas = await tenant.azurite.container('uam', 'rl');
  const writeSas = await tenant.azurite.container('uam', 'racwl');
  await tenant.s3.bucket('uam-bucket');
  azureWriter = azureBlobStorage({
    accountName: tenant.azurite.accountName,
    containerName: 'uam',
    sasToken: writeSas,
    endpoint: tenant.azurite.endpoint,
  });
  s3Writer = amazonS3Storage({
    bucketName: 'uam-bucket',
    accessKeyId: tenant.s3.accessKeyId,
    secretAccessKey: tenant.s3.secretAccessKey,
    endpoint: tenant.s3.endpoint,
  });
  azureConnection = await tenant.cloudWorks.connections.create({
    type: 'AzureBlob',
    name: 'uam-blob',
    storageAccountName: tenant.azurite.accountName,
    containerName: 'uam',
    sasToken: sas,
  });
  s3Connection = await tenant.cloudWorks.connections.create({
    type: 'AmazonS3',
    name: 'uam-s3',
    accessKeyId: tenant.s3.accessKeyId,
    secretAccessKey: tenant.s3.secretAccessKey,
    bucketName: 'uam-bucket',
    workspaceId: ids.workspace,
  });
}, 60_000);
afterAll(() => tenant?.close());

const modelUser = (email: string) => tenant.sim.state.models.get(ids.model)?.users.get(email);

async function ensureUsersIntegration(
  storage: 'AzureBlob' | 'AmazonS3',
  file: string,
  modelId: string = ids.model,
) {
  const own = modelId === ids.model;
  return tenant.cloudWorks.integrations.ensure({
    name: `anaplan-access:users:${modelId}:${storage}`,
    workspaceId: ids.workspace,
    modelId,
    jobs: [
      cloudWorksImportJob({
        connectionType: storage,
        connectionId: storage === 'AzureBlob' ? azureConnection : s3Connection,
        file,
        importId: own ? ids.usersImport : ids.otherImport,
        fileId: own ? ids.usersFile : ids.otherFile,
      }),
    ],
  });
}

describe('connections check their credentials against the real storage', () => {
  it('refuses a SAS token Azurite does not accept, and never shows it', async () => {
    const forged = sas.replace(/sig=[^&]+/, 'sig=Zm9yZ2VkLXNpZ25hdHVyZS1vZi10aGUtdG9rZW4%3D');
    const error = await tenant.cloudWorks.connections
      .create({
        type: 'AzureBlob',
        name: 'forged',
        storageAccountName: 'devstoreaccount1',
        containerName: 'uam',
        sasToken: forged,
      })
      .catch((caught: unknown) => caught);
    expect(isBadRequestError(error)).toBe(true);
    expect(String(error)).toContain('Credentials are invalid');
    expect(JSON.stringify(error)).not.toContain('Zm9yZ2VkLXNpZ25hdHVyZS1vZi10aGUtdG9rZW4');
  });

  // s3rver checks the access key id of a SigV4 request, not its signature (sigv4.test.ts checks the signing against
  // Amazon's published examples).
  it('refuses an S3 key the S3 server does not know, and never shows the secret', async () => {
    const error = await tenant.cloudWorks.connections
      .create({
        type: 'AmazonS3',
        name: 'wrong-key',
        accessKeyId: 'AKIANOTKNOWNHERE0000',
        secretAccessKey: 'not-the-secret-of-this-server-0123456789',
        bucketName: 'uam-bucket',
      })
      .catch((caught: unknown) => caught);
    expect(isBadRequestError(error)).toBe(true);
    expect(JSON.stringify(error)).not.toContain('not-the-secret-of-this-server');
  });

  it('lists both connections without their secrets', async () => {
    const connections = await tenant.cloudWorks.connections.list().toArray({ limit: 100 });
    expect(connections.map((connection) => connection.name).sort()).toEqual(['uam-blob', 'uam-s3']);
    const text = JSON.stringify(connections);
    expect(text).not.toContain(
      tenant.s3.secretAccessKey === 'S3RVER' ? 'secretAccessKey' : tenant.s3.secretAccessKey,
    );
    expect(text).not.toContain(new URLSearchParams(sas).get('sig') ?? 'sig');
    expect(connections.find((connection) => connection.name === 'uam-blob')).toMatchObject({
      connectionType: 'AzureBlob',
      authMethod: 'SAS-based',
      status: 1,
    });
  });
});

describe.each([
  ['AzureBlob', () => azureWriter],
  ['AmazonS3', () => s3Writer],
] as const)('a run from %s into the model USERS import', (storage, writer) => {
  const file = `uam/current/users_${ids.model}_${storage}.csv`;

  it('writes the CSV, ensures the integration once, runs it, and the model has the users', async () => {
    await writer().put(file, 'Email,Role\nbob@example.com,Planner\ncarol@example.com,Reviewer\n');
    const first = await ensureUsersIntegration(storage, file);
    expect(first.action).toBe('created');
    expect(await ensureUsersIntegration(storage, file)).toEqual({
      integrationId: first.integrationId,
      action: 'unchanged',
    });

    const run = await tenant.cloudWorks.runs.start(first.integrationId);
    const outcome = await run.wait(fast);
    expect(outcome).toMatchObject({
      outcome: 'success',
      success: true,
      message: 'Success',
      integrationId: first.integrationId,
    });
    expect(modelUser('bob@example.com')?.role).toBe('Planner');
    expect(modelUser('carol@example.com')?.role).toBe('Reviewer');
    expect(await run.errors()).toEqual([]);
    expect(await run.dump()).toBeUndefined();

    const history = await tenant.cloudWorks.runs.history(first.integrationId, { pageSize: 1 });
    expect(history.items.map((record) => record.id)).toEqual([run.runId]);
    expect(history.totalRuns).toBe(1);
  });

  it('reads a partial success: code 38, the counts, the run errors and the dump with _Line_', async () => {
    await writer().put(file, 'Email,Role\ndave@example.com,Planner\nnobody-at-all,Reviewer\n');
    const { integrationId } = await ensureUsersIntegration(storage, file);
    const run = await tenant.cloudWorks.runs.start(integrationId);
    const outcome = await run.wait(fast);
    expect(outcome.outcome).toBe('partial-success');
    expect(outcome.executionErrorCode).toBe(38);
    expect(outcome.counts).toMatchObject({ successful: 1, failed: 1 });
    expect(modelUser('dave@example.com')?.role).toBe('Planner');
    const errors = await run.errors();
    expect(errors[0]?.actions[0]).toMatchObject({ actionId: ids.usersImport, failureDumpGenerated: true });
    const dump = await run.dump();
    expect(dump).toContain('_Line_');
    expect(dump).toContain('nobody-at-all');
  });
});

describe('runs in flight', () => {
  const file = `uam/current/users_${ids.model}_held.csv`;

  it('answers 409 to a second run and to deleting the integration while one is in flight; cancel stops it', async () => {
    await azureWriter.put(file, 'Email,Role\nbob@example.com,Reviewer\n');
    const { integrationId } = await ensureUsersIntegration('AzureBlob', file, ids.model);
    tenant.sim.state.switches.holdTasks = true;
    try {
      const run = await tenant.cloudWorks.runs.start(integrationId);
      const second = await tenant.cloudWorks.runs.start(integrationId).catch((caught: unknown) => caught);
      expect(isConflictError(second)).toBe(true);
      expect(
        isConflictError(
          await tenant.cloudWorks.integrations.delete(integrationId).catch((caught: unknown) => caught),
        ),
      ).toBe(true);
      // While the run is still reading its file or queued, CloudWorks answers 404 to a cancel (live); then 200.
      for (let attempt = 0; ; attempt += 1) {
        const refused = await run.cancel().catch((caught: unknown) => caught);
        if (refused === undefined) break;
        expect(isNotFoundError(refused), String(refused)).toBe(true);
        expect(attempt).toBeLessThan(200);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      tenant.sim.state.switches.holdTasks = false;
    }
    const latest = (await tenant.cloudWorks.runs.history(integrationId, { pageSize: 5 })).items[0];
    const outcome = await tenant.cloudWorks.runs.handle(integrationId, latest!.id).wait(fast);
    expect(outcome).toMatchObject({ outcome: 'cancelled', success: false, message: 'Cancelled' });
    expect(modelUser('bob@example.com')?.role).not.toBe('Reviewer');
    const nothing = await tenant.cloudWorks.runs.cancel(integrationId).catch((caught: unknown) => caught);
    expect(isConflictError(nothing)).toBe(true);
  });

  it('stays open while the model task it queued is held, and ends when the task does', async () => {
    await azureWriter.put(file, 'Email,Role\ncarol@example.com,Planner\n');
    const { integrationId } = await ensureUsersIntegration('AzureBlob', file, ids.model);
    tenant.sim.state.switches.holdTasks = true;
    let run: CloudWorksRunHandle;
    try {
      const first = await tenant.cloudWorks.runs.start(integrationId);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await first.get()).endDate).toBeUndefined();
      run = first;
    } finally {
      tenant.sim.state.switches.holdTasks = false;
    }
    expect((await run.wait(fast)).outcome).toBe('success');
    expect(modelUser('carol@example.com')?.role).toBe('Planner');
  });

  it('waits behind a task of the same model started through the Integration API (the model lock), then runs', async () => {
    await azureWriter.put(file, 'Email,Role\ncarol@example.com,Reviewer\n');
    const { integrationId } = await ensureUsersIntegration('AzureBlob', file, ids.model);
    const integration = new IntegrationClient({
      auth: basicAuth(admin),
      baseUrl: tenant.sim.apiUrl,
      authUrl: tenant.sim.authUrl,
    });
    const model = integration.model(ids.workspace, ids.model);
    tenant.sim.state.switches.holdTasks = true;
    try {
      // A bulk task holds the model; the run's own import task must queue behind it, not run beside it.
      const bulkTask = await model.imports.run(ids.usersImport);
      const run = await tenant.cloudWorks.runs.start(integrationId);
      let queued: string[] = [];
      for (let attempt = 0; attempt < 200 && queued.length === 0; attempt += 1) {
        const tasks = (await model.imports.tasks(ids.usersImport)).items;
        queued = tasks
          .filter((task) => task.taskId !== bulkTask.taskId && task.taskState === 'NOT_STARTED')
          .map((task) => task.taskId);
        if (queued.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(queued).toHaveLength(1);
      expect((await bulkTask.get()).taskState).toBe('IN_PROGRESS');
      expect((await run.get()).endDate).toBeUndefined();
      tenant.sim.state.switches.holdTasks = false;
      expect((await bulkTask.wait(fast)).taskState).toBe('COMPLETE');
      expect((await run.wait(fast)).outcome).toBe('success');
      expect(modelUser('carol@example.com')?.role).toBe('Reviewer');
    } finally {
      tenant.sim.state.switches.holdTasks = false;
      await integration.close();
    }
  });

  it('a run whose file is missing fails with the storage reason, and nothing is imported', async () => {
    const { integrationId } = await ensureUsersIntegration(
      'AmazonS3',
      'uam/current/missing.csv',
      ids.otherModel,
    );
    const outcome = await (await tenant.cloudWorks.runs.start(integrationId)).wait(fast);
    expect(outcome.outcome).toBe('failed');
    expect(outcome.message).toMatch(/NoSuchKey|404/);
  });
});

describe('storage writes that fail', () => {
  it('is a CloudWorksStorageWriteError without the SAS token, when the container refuses the write', async () => {
    const readOnly = azureBlobStorage({
      accountName: tenant.azurite.accountName,
      containerName: 'uam',
      sasToken: sas,
      endpoint: tenant.azurite.endpoint,
    });
    const error = await readOnly.put('uam/x.csv', 'Email\n').catch((caught: unknown) => caught);
    expect(isCloudWorksStorageWriteError(error)).toBe(true);
    expect(error).toMatchObject({ storage: 'AzureBlob', status: 403 });
    const signature = new URLSearchParams(sas).get('sig') ?? '';
    expect(JSON.stringify(error)).not.toContain(signature);
    expect(String((error as Error).message)).not.toContain(signature);
  });
});
