import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { IntegrationClient } from '@anaplan-access/bulk';
import { azureBlobStorage, CloudWorksClient } from '@anaplan-access/cloudworks';
import { authFromEnvironment, basicAuth, type RegionCode } from '@anaplan-access/core';
import {
  type AnaplanTargetModel,
  type ApplyResult,
  anaplanTarget,
  apply,
  csvSource,
  type Plan,
  type PlanPolicy,
  plan,
  renderPlan,
} from '@anaplan-access/reconcile';
import { ScimClient } from '@anaplan-access/scim';
import { demoTenant, startSimulator } from '@anaplan-access/testkit';
import { startLocalAzurite } from './azurite.ts';
import { printApplyResult } from './print-apply-result.ts';

/** The CSV this example reads unless `ACCESS_CSV` names another. */
export const bundledCsv = fileURLToPath(new URL('../data/access.csv', import.meta.url));

/** What the example did: the plan, what applying it did (when it was applied), the plan made afterwards. */
export interface CloudWorksChannelOutcome {
  first: Plan;
  result: ApplyResult | undefined;
  second: Plan | undefined;
  /** Each CloudWorks integration the apply ran, with the runs in its history (newest first). */
  runs: { integration: string; runs: { success: boolean | undefined; message: string | undefined }[] }[];
}

/** The clients, the storage and what is managed: a real tenant and container, or the simulator and Azurite. */
async function connect(env: NodeJS.ProcessEnv) {
  const auth = await authFromEnvironment({ env });
  if (auth) {
    const {
      ANAPLAN_TARGET_FILE: file,
      AZURE_STORAGE_ACCOUNT: account,
      AZURE_STORAGE_CONTAINER: container,
    } = env;
    const writeSas = env.AZURE_STORAGE_SAS;
    if (!file || !account || !container || !writeSas)
      throw new Error(
        'Against a real tenant set ANAPLAN_TARGET_FILE, AZURE_STORAGE_ACCOUNT, AZURE_STORAGE_CONTAINER and AZURE_STORAGE_SAS (a container SAS that may write).',
      );
    const target = JSON.parse(await readFile(file, 'utf8')) as {
      workspaces: string[];
      models: AnaplanTargetModel[];
      protectedUsers?: string[];
      deletionGuard?: PlanPolicy['deletionGuard'];
    };
    const region = (env.ANAPLAN_REGION ?? 'us1') as RegionCode;
    return {
      description: `Anaplan tenant in region ${region}, Azure container ${account}/${container}`,
      simulated: false,
      clients: {
        scim: new ScimClient({ auth, region }),
        integration: new IntegrationClient({ auth, region }),
        cloudWorks: new CloudWorksClient({ auth, region }),
      },
      storage: {
        account,
        container,
        writeSas,
        readSas: env.AZURE_STORAGE_READ_SAS ?? writeSas,
        endpoint: undefined,
      },
      workspaces: target.workspaces,
      models: target.models,
      policy: { protectedUsers: target.protectedUsers ?? [], deletionGuard: target.deletionGuard },
      runWait: undefined,
      close: async () => {},
    };
  }
  const azurite = await startLocalAzurite('anaplan-access');
  if (azurite === undefined)
    throw new Error(
      'This example writes to Azure Blob Storage: install Azurite (npm install azurite) to run it locally, or set ANAPLAN_* and AZURE_STORAGE_* for a real tenant and container.',
    );
  const demo = demoTenant();
  // CloudWorks runs need an Integration Admin (or a Restricted Integration User of the workspaces).
  for (const user of demo.seed.users ?? [])
    if (user.userName === demo.credentials.username)
      user.roles = [...(user.roles ?? []), 'INTEGRATION_ADMIN'];
  const simulator = await startSimulator({
    seed: demo.seed,
    cloudWorks: { storage: { azureBlob: azurite.endpointTemplate } },
  });
  const login = { auth: basicAuth(demo.credentials), authUrl: simulator.authUrl };
  return {
    description: `simulated tenant at ${simulator.baseUrl}, Azurite at ${azurite.endpoint} (set ANAPLAN_* and AZURE_STORAGE_* for real ones)`,
    simulated: true,
    clients: {
      scim: new ScimClient({ ...login, baseUrl: simulator.scimUrl }),
      integration: new IntegrationClient({ ...login, baseUrl: simulator.apiUrl }),
      cloudWorks: new CloudWorksClient({ ...login, baseUrl: simulator.cloudWorksUrl }),
    },
    storage: {
      account: azurite.accountName,
      container: azurite.containerName,
      writeSas: azurite.writeSas,
      readSas: azurite.readSas,
      endpoint: azurite.endpoint,
    },
    workspaces: demo.workspaces,
    models: demo.models,
    // A small tenant: one leaver and one mover are already more than the default 10% of its access.
    policy: { protectedUsers: [demo.breakGlassAccount], deletionGuard: { maxCount: 10, maxPercent: 50 } },
    runWait: { intervalMs: 50 },
    close: async () => {
      await simulator.close();
      await azurite.close();
    },
  };
}

/**
 * Desired access from a CSV file → plan → apply with every model's access delivered through CloudWorks → plan again.
 * The connection is made once (by name), each model gets one integration (`anaplan-access:users:<modelId>`), and the
 * run history shows in CloudWorks.
 *
 * Against the simulator and Azurite (the default) the plan is applied. Against a real tenant and container it is
 * only printed unless `ANAPLAN_APPLY=yes`.
 */
export async function runCloudWorksChannel(
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = console.log,
): Promise<CloudWorksChannelOutcome> {
  const connection = await connect(env);
  const { scim, integration, cloudWorks } = connection.clients;
  try {
    print(`Connected to the ${connection.description}.`);
    const { storage: where } = connection;
    const { connectionId, action } = await cloudWorks.connections.ensure({
      type: 'AzureBlob',
      name: 'anaplan-access',
      storageAccountName: where.account,
      containerName: where.container,
      sasToken: where.readSas,
    });
    print(`CloudWorks connection anaplan-access: ${action}.`);
    const target = anaplanTarget({
      scim,
      integration,
      workspaces: connection.workspaces,
      models: connection.models.map((model) => ({ ...model, channel: 'cloudworks' as const })),
      ...(connection.runWait ? { taskWait: connection.runWait } : {}),
      cloudWorks: {
        client: cloudWorks,
        storage: azureBlobStorage({
          accountName: where.account,
          containerName: where.container,
          sasToken: where.writeSas,
          ...(where.endpoint ? { endpoint: where.endpoint } : {}),
        }),
        connectionId,
        ...(connection.runWait ? { runWait: connection.runWait } : {}),
      },
    });
    const source = csvSource({ path: env.ACCESS_CSV ?? bundledCsv });
    const { policy } = connection;
    const first = await plan({ desired: await source.load(), target, policy });
    print(renderPlan(first));
    const none = { first, result: undefined, second: undefined, runs: [] };
    if (first.blocked || first.operations.length === 0) return none;
    if (!connection.simulated && env.ANAPLAN_APPLY !== 'yes') {
      print('Not applied: set ANAPLAN_APPLY=yes to apply this plan to the tenant.');
      return none;
    }
    const result = await apply(first, { target });
    printApplyResult(result, print);

    const runs: CloudWorksChannelOutcome['runs'] = [];
    for await (const each of cloudWorks.integrations.list({ myIntegrations: true })) {
      if (!each.name.startsWith('anaplan-access:users:')) continue;
      const history = await cloudWorks.runs.history(each.integrationId, { pageSize: 5 });
      runs.push({
        integration: each.name,
        runs: history.items.map(({ success, message }) => ({ success, message })),
      });
      print(`CloudWorks ${each.name}: last run ${history.items[0]?.message ?? 'none'}.`);
    }
    const second = await plan({ desired: await source.load(), target, policy });
    print(renderPlan(second));
    return { first, result, second, runs };
  } finally {
    await Promise.allSettled([scim.close(), integration.close(), cloudWorks.close()]);
    await connection.close();
  }
}
