// The end-to-end access tenant (two workspaces, two models with selective access) with CloudWorks beside it: the
// simulator serves the CloudWorks API and reads its files from a real Azurite or a real S3-compatible server, and
// anaplanTarget delivers model access through the `cloudworks` channel.
import { IntegrationClient } from '@anaplan-access/bulk';
import {
  amazonS3Storage,
  azureBlobStorage,
  CloudWorksClient,
  type CloudWorksStorage,
} from '@anaplan-access/cloudworks';
import { basicAuth } from '@anaplan-access/core';
import {
  type AccessTarget,
  type AnaplanTargetCloudWorks,
  type AnaplanTargetModel,
  anaplanTarget,
} from '@anaplan-access/reconcile';
import { ScimClient } from '@anaplan-access/scim';
import { type Simulator, startSimulator, type TenantSeed } from '@anaplan-access/testkit';
import { admin, ids, targetModels } from '../helpers/access-tenant.js';
import { type Azurite, type S3Server, startAzurite, startS3Server } from './storage-servers.js';

export type StorageKind = 'AzureBlob' | 'AmazonS3';

/** Everything a channel test works with. */
export interface ChannelTenant {
  sim: Simulator;
  scim: ScimClient;
  integration: IntegrationClient;
  cloudWorks: CloudWorksClient;
  /** The writer of the container or bucket the connection reads. */
  storage: CloudWorksStorage;
  /** A writer the storage refuses (a read-only SAS; an unknown bucket). */
  refusingStorage: CloudWorksStorage;
  connectionId: string;
  /** How to write to Azurite's container (for a child process), with Azure storage. */
  azureWriter: { accountName: string; endpoint: string; sasToken: string } | undefined;
  /** A second connection to the same storage whose credentials may list but not read (a run using it fails). */
  unreadableConnectionId(): Promise<string>;
  azurite: Azurite | undefined;
  s3: S3Server | undefined;
  /** A target whose models all go through CloudWorks (or as `models` say), with fast polling. */
  target(options?: {
    cloudWorks?: Partial<AnaplanTargetCloudWorks>;
    models?: AnaplanTargetModel[];
  }): AccessTarget;
  close(): Promise<void>;
}

/** Fast polling for the simulator. */
export const fastRuns = { intervalMs: 10, timeoutMs: 30_000 } as const;

/** Starts the storage server, the simulator with `seed` (the admin made an Integration Admin) and a connection. */
export async function startChannelTenant(seed: TenantSeed, kind: StorageKind): Promise<ChannelTenant> {
  const azurite = kind === 'AzureBlob' ? await startAzurite() : undefined;
  const s3 = kind === 'AmazonS3' ? await startS3Server() : undefined;
  for (const user of seed.users ?? [])
    if (user.userName === admin.userName) user.roles = [...(user.roles ?? []), 'INTEGRATION_ADMIN'];
  const sim = await startSimulator({
    seed,
    switches: { taskDurationMs: 0 },
    cloudWorks: {
      storage: {
        ...(azurite ? { azureBlob: azurite.endpointTemplate } : {}),
        ...(s3 ? { s3: s3.endpoint } : {}),
      },
    },
  });
  const common = {
    auth: basicAuth({ username: admin.userName, password: admin.password }),
    authUrl: sim.authUrl,
  };
  const scim = new ScimClient({ ...common, baseUrl: sim.scimUrl });
  const integration = new IntegrationClient({ ...common, baseUrl: sim.apiUrl });
  const cloudWorks = new CloudWorksClient({ ...common, baseUrl: sim.cloudWorksUrl });
  let storage: CloudWorksStorage;
  let refusingStorage: CloudWorksStorage;
  let connectionId: string;
  let azureWriter: ChannelTenant['azureWriter'];
  let unreadable: () => Promise<string>;
  if (azurite) {
    const readSas = await azurite.container('uam', 'rl');
    const writeSas = await azurite.container('uam', 'racwl');
    const writer = (sasToken: string) =>
      azureBlobStorage({
        accountName: azurite.accountName,
        containerName: 'uam',
        sasToken,
        endpoint: azurite.endpoint,
      });
    storage = writer(writeSas);
    refusingStorage = writer(readSas);
    azureWriter = { accountName: azurite.accountName, endpoint: azurite.endpoint, sasToken: writeSas };
    unreadable = async () =>
      cloudWorks.connections.create({
        type: 'AzureBlob',
        name: 'uam-blob-list-only',
        storageAccountName: azurite.accountName,
        containerName: 'uam',
        sasToken: await azurite.container('uam', 'l'),
      });
    connectionId = await cloudWorks.connections.create({
      type: 'AzureBlob',
      name: 'uam-blob',
      storageAccountName: azurite.accountName,
      containerName: 'uam',
      sasToken: readSas,
    });
  } else {
    const server = s3 as S3Server;
    await server.bucket('uam-bucket');
    const writer = (bucketName: string) =>
      amazonS3Storage({
        bucketName,
        accessKeyId: server.accessKeyId,
        secretAccessKey: server.secretAccessKey,
        endpoint: server.endpoint,
      });
    storage = writer('uam-bucket');
    refusingStorage = writer('no-such-bucket');
    unreadable = () => Promise.reject(new Error('only with Azure storage'));
    connectionId = await cloudWorks.connections.create({
      type: 'AmazonS3',
      name: 'uam-s3',
      accessKeyId: server.accessKeyId,
      secretAccessKey: server.secretAccessKey,
      bucketName: 'uam-bucket',
      workspaceId: ids.finance,
    });
  }
  return {
    sim,
    scim,
    integration,
    cloudWorks,
    storage,
    refusingStorage,
    connectionId,
    azureWriter,
    unreadableConnectionId: () => unreadable(),
    azurite,
    s3,
    target(options = {}) {
      return anaplanTarget({
        scim,
        integration,
        workspaces: [ids.finance, ids.sales],
        models:
          options.models ?? targetModels().map((model) => ({ ...model, channel: 'cloudworks' as const })),
        taskWait: { intervalMs: 25 },
        cloudWorks: { client: cloudWorks, storage, connectionId, runWait: fastRuns, ...options.cloudWorks },
      });
    },
    async close() {
      await Promise.allSettled([scim.close(), integration.close(), cloudWorks.close()]);
      await sim.close();
      await Promise.all([azurite?.close(), s3?.close()]);
    },
  };
}
