// CloudWorksClient against the simulator over HTTP, resource by resource: options and base URLs, connections,
// integrations (paging, myIntegrations, the tenant cap, ensure-by-name), runs of a process with a dump per import,
// run errors as `{}`, schedules of all five types, the notification created with each integration, and flows that
// stop on a failure. Storage is real (Azurite), since CloudWorks checks a connection's credentials against it.
import {
  azureBlobStorage,
  CloudWorksClient,
  type CloudWorksSchedule,
  cloudWorksBaseUrl,
  cloudWorksImportJob,
  isCloudWorksNameConflictError,
} from '@anaplan-access/cloudworks';
import {
  basicAuth,
  isBadRequestError,
  isConfigurationError,
  isConflictError,
  isNotFoundError,
  isPermissionDeniedError,
} from '@anaplan-access/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  type CloudWorksTenant,
  fast,
  ids,
  plain,
  startCloudWorksTenant,
} from './cloudworks-tenant.js';

let tenant: CloudWorksTenant;
let connectionId: string;
let sas: string;

beforeAll(async () => {
  tenant = await startCloudWorksTenant();
  sas = await tenant.azurite.container('resources', 'racwl');
  connectionId = (
    await tenant.cloudWorks.connections.ensure({
      type: 'AzureBlob',
      name: 'resources-blob',
      storageAccountName: tenant.azurite.accountName,
      containerName: 'resources',
      sasToken: sas,
    })
  ).connectionId;
}, 60_000);
afterAll(() => tenant?.close());

const job = (file: string, importId: string = ids.usersImport, fileId: string = ids.usersFile) =>
  cloudWorksImportJob({ connectionType: 'AzureBlob', connectionId, file, importId, fileId });
const write = (path: string, csv: string) =>
  azureBlobStorage({
    accountName: tenant.azurite.accountName,
    containerName: 'resources',
    sasToken: sas,
    endpoint: tenant.azurite.endpoint,
  }).put(path, csv);

describe('CloudWorksClient options', () => {
  it('takes the base URL of the region, or the one given', () => {
    expect(cloudWorksBaseUrl('us1')).toBe('https://api.cloudworks.anaplan.com/2/0');
    expect(cloudWorksBaseUrl('au1')).toBe('https://api.cloudworks.au1a.app2.anaplan.com/2/0');
    expect(cloudWorksBaseUrl('ca1')).toBe('https://ca1a.api.anaplan.com/cloudworks/2/0');
    expect(cloudWorksBaseUrl('eu3')).toBe('https://eu3.api.anaplan.com/cloudworks/2/0');
    const auth = basicAuth(admin);
    expect(new CloudWorksClient({ auth, region: 'au1' }).baseUrl).toBe(cloudWorksBaseUrl('au1'));
    expect(new CloudWorksClient({ auth }).baseUrl).toBe('https://api.cloudworks.anaplan.com/2/0');
    expect(new CloudWorksClient({ auth, baseUrl: `${tenant.sim.cloudWorksUrl}/` }).baseUrl).toBe(
      tenant.sim.cloudWorksUrl,
    );
  });

  it('refuses an unknown option or region with a ConfigurationError naming it, and sends nothing', () => {
    const before = tenant.sim.requests.length;
    const refused = (make: () => unknown) => {
      try {
        make();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(
      refused(() => new CloudWorksClient({ auth: basicAuth(admin), baseURL: 'x' } as never)),
    ).toMatchObject({ key: 'baseURL' });
    expect(
      isConfigurationError(
        refused(() => new CloudWorksClient({ auth: basicAuth(admin), region: 'xx1' as never })),
      ),
    ).toBe(true);
    expect(tenant.sim.requests.length).toBe(before);
  });

  it('is refused with 403 for a user without a CloudWorks role', async () => {
    const error = await tenant
      .clientOf(plain)
      .integrations.list()
      .catch((caught: unknown) => caught);
    expect(isPermissionDeniedError(error)).toBe(true);
  });
});

describe('connections', () => {
  it('ensure keeps an existing connection, and updates it with replace: true', async () => {
    const input = {
      type: 'AzureBlob',
      name: 'resources-blob',
      storageAccountName: tenant.azurite.accountName,
      containerName: 'resources',
      sasToken: sas,
    } as const;
    expect(await tenant.cloudWorks.connections.ensure(input)).toEqual({ connectionId, action: 'kept' });
    expect(await tenant.cloudWorks.connections.ensure(input, { replace: true })).toEqual({
      connectionId,
      action: 'updated',
    });
  });

  it('refuses an input with an unknown or missing field before sending, naming it', async () => {
    const error = await tenant.cloudWorks.connections
      .create({
        type: 'AzureBlob',
        name: 'x',
        storageAccountName: 'a',
        containerName: 'c',
        sasToken: 's',
        sastoken: 'y',
      } as never)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ key: 'sastoken' });
    const missing = await tenant.cloudWorks.connections
      .create({ type: 'AmazonS3', name: 'x', accessKeyId: 'a', bucketName: 'b' } as never)
      .catch((caught: unknown) => caught);
    expect(missing).toMatchObject({ key: 'secretAccessKey' });
  });

  it('cannot delete a connection an integration uses (409), can once it is unused', async () => {
    const spare = await tenant.cloudWorks.connections.create({
      type: 'AzureBlob',
      name: 'spare-blob',
      storageAccountName: tenant.azurite.accountName,
      containerName: 'resources',
      sasToken: sas,
    });
    const integrationId = await tenant.cloudWorks.integrations.create({
      name: 'uses-spare',
      workspaceId: ids.workspace,
      modelId: ids.otherModel,
      jobs: [
        cloudWorksImportJob({
          connectionType: 'AzureBlob',
          connectionId: spare,
          file: 'x.csv',
          importId: ids.otherImport,
          fileId: ids.otherFile,
        }),
      ],
    });
    expect(
      isConflictError(await tenant.cloudWorks.connections.delete(spare).catch((caught: unknown) => caught)),
    ).toBe(true);
    await tenant.cloudWorks.integrations.delete(integrationId);
    await tenant.cloudWorks.connections.delete(spare);
    expect(
      isNotFoundError(await tenant.cloudWorks.connections.delete(spare).catch((caught: unknown) => caught)),
    ).toBe(true);
  });
});

describe('integrations', () => {
  it('lists with paging, myIntegrations and the tenant cap; get has the jobs and the notification', async () => {
    for (let index = 0; index < 5; index += 1)
      await tenant.cloudWorks.integrations.create({
        name: `paged-${index}`,
        workspaceId: ids.workspace,
        modelId: ids.otherModel,
        jobs: [job(`paged-${index}.csv`, ids.otherImport, ids.otherFile)],
      });
    const list = tenant.cloudWorks.integrations.list({ pageSize: 2, sortBy: 'name' });
    const first = await list;
    expect(first.items).toHaveLength(2);
    expect(first.tenantMaxAllowed).toBe(40);
    expect(first.tenantCurrentCount).toBeGreaterThanOrEqual(5);
    const all = await list.toArray({ limit: 1000 });
    expect(
      all
        .filter((integration) => integration.name.startsWith('paged-'))
        .map((integration) => integration.name),
    ).toEqual(['paged-0', 'paged-1', 'paged-2', 'paged-3', 'paged-4']);
    const pages = tenant.sim.requests.filter((request) =>
      request.path.endsWith('/cloudworks/2/0/integrations'),
    );
    expect(pages.at(-1)?.query).toContain('limit=2');
    expect(
      await tenant.clientOf(admin).integrations.list({ myIntegrations: true }).toArray({ limit: 1000 }),
    ).toHaveLength(all.length);
    const detail = await tenant.cloudWorks.integrations.get(all[0]!.integrationId);
    expect(detail.jobs[0]?.sources[0]).toMatchObject({
      connectionId,
      connectionName: 'resources-blob',
      bucketName: 'resources',
    });
    expect(detail.notificationId).toMatch(/^[0-9a-f]{32}$/);
    expect(detail.integrationType).toBe('Import');
  });

  it('ensure creates once, leaves an equal definition alone, and replaces one that differs', async () => {
    const definition = {
      name: `anaplan-access:users:${ids.otherModel}`,
      workspaceId: ids.workspace,
      modelId: ids.otherModel,
      jobs: [job('a.csv', ids.otherImport, ids.otherFile)],
    };
    const created = await tenant.cloudWorks.integrations.ensure(definition);
    expect(created.action).toBe('created');
    expect((await tenant.cloudWorks.integrations.ensure(definition)).action).toBe('unchanged');
    const before = tenant.sim.requests.filter((request) => request.method === 'PUT').length;
    const changed = await tenant.cloudWorks.integrations.ensure({
      ...definition,
      jobs: [job('b.csv', ids.otherImport, ids.otherFile)],
    });
    expect(changed).toEqual({ integrationId: created.integrationId, action: 'replaced' });
    expect(tenant.sim.requests.filter((request) => request.method === 'PUT').length).toBe(before + 1);
    expect((await tenant.cloudWorks.integrations.get(created.integrationId)).jobs[0]?.sources[0]?.file).toBe(
      'b.csv',
    );
  });

  it('ensure refuses to guess between two integrations of one name', async () => {
    const twin = {
      name: 'twin',
      workspaceId: ids.workspace,
      modelId: ids.otherModel,
      jobs: [job('t.csv', ids.otherImport, ids.otherFile)],
    };
    await tenant.cloudWorks.integrations.create(twin);
    await tenant.cloudWorks.integrations.create(twin);
    const error = await tenant.cloudWorks.integrations.ensure(twin).catch((caught: unknown) => caught);
    expect(isCloudWorksNameConflictError(error)).toBe(true);
  });

  it('refuses a definition without jobs before sending, naming the field', async () => {
    const error = await tenant.cloudWorks.integrations
      .create({ name: 'x', workspaceId: ids.workspace, modelId: ids.model })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ key: 'jobs' });
  });
});

describe('a process integration', () => {
  it('runs the process and serves the dump of each import inside it; the run errors name the import', async () => {
    await write('process/users.csv', 'Email,Role\nbob@example.com,Reviewer\nnot-an-email,Planner\n');
    const integrationId = await tenant.cloudWorks.integrations.create({
      name: 'process',
      workspaceId: ids.workspace,
      modelId: ids.model,
      processId: ids.process,
      jobs: [job('process/users.csv')],
    });
    const run = await tenant.cloudWorks.runs.start(integrationId);
    const outcome = await run.wait(fast);
    expect(outcome).toMatchObject({ outcome: 'partial-success', executionErrorCode: 38 });
    expect(await run.dump({ actionId: ids.usersImport })).toContain('not-an-email');
    expect(await run.dump()).toBeUndefined();
    expect((await run.errors())[0]?.actions.map((action) => action.actionId)).toEqual([ids.usersImport]);
    expect((await tenant.cloudWorks.integrations.get(integrationId)).integrationType).toBe('Process');
  });

  it('reads run errors `{}` as none, and an unknown triggerSource as it is', async () => {
    await write('clean.csv', 'Email,Role\ncarol@example.com,Planner\n');
    const integrationId = await tenant.cloudWorks.integrations.create({
      name: 'clean',
      workspaceId: ids.workspace,
      modelId: ids.model,
      jobs: [job('clean.csv')],
    });
    const run = await tenant.cloudWorks.runs.start(integrationId);
    expect((await run.wait(fast)).outcome).toBe('success');
    const raw = await fetch(`${tenant.sim.cloudWorksUrl}/integrations/runerror/${run.runId}`, {
      headers: { authorization: `AnaplanAuthToken ${[...tenant.sim.state.sessions.keys()][0]}` },
    }).then((response) => response.json());
    expect(raw.runs).toEqual({});
    expect(await run.errors()).toEqual([]);
    expect((await run.get()).triggerSource).toBe('manual');
  });
});

describe('schedules', () => {
  const common = { name: 'uam', startDate: '2026-01-01', endDate: '2026-12-31', timezone: 'Europe/London' };
  const schedules: CloudWorksSchedule[] = [
    { ...common, type: 'hourly', fromTime: '08:00', toTime: '18:00', repeatEvery: 2, daysOfWeek: [1, 2, 3] },
    { ...common, type: 'daily', time: '02:17' },
    { ...common, type: 'weekly', time: '06:42', daysOfWeek: [0, 6] },
    { ...common, type: 'monthly_specific_day', time: '03:41', dayOfMonth: 12 },
    { ...common, type: 'monthly_relative_weekday', time: '04:13', dayOfWeek: 2, repeatEvery: 2 },
  ];

  it.each(schedules.map((schedule) => [schedule.type, schedule] as const))(
    '%s: create, replace, disable, enable, delete',
    async (_type, schedule) => {
      const integrationId = await tenant.cloudWorks.integrations.create({
        name: `scheduled-${schedule.type}`,
        workspaceId: ids.workspace,
        modelId: ids.otherModel,
        jobs: [job('s.csv', ids.otherImport, ids.otherFile)],
      });
      await tenant.cloudWorks.schedules.create(integrationId, schedule);
      expect((await tenant.cloudWorks.integrations.get(integrationId)).schedule).toMatchObject({
        ...schedule,
        status: 'Active',
      });
      await tenant.cloudWorks.schedules.replace(integrationId, { ...schedule, name: 'renamed' });
      await tenant.cloudWorks.schedules.disable(integrationId);
      expect((await tenant.cloudWorks.integrations.get(integrationId)).schedule).toMatchObject({
        name: 'renamed',
        status: 'Inactive',
      });
      await tenant.cloudWorks.schedules.enable(integrationId);
      expect((await tenant.cloudWorks.integrations.get(integrationId)).schedule?.status).toBe('Active');
      await tenant.cloudWorks.schedules.delete(integrationId);
      expect((await tenant.cloudWorks.integrations.get(integrationId)).schedule).toBeUndefined();
      expect(
        isNotFoundError(
          await tenant.cloudWorks.schedules.enable(integrationId).catch((caught: unknown) => caught),
        ),
      ).toBe(true);
    },
  );

  it('refuses a schedule without a field its type needs, naming it, before sending', async () => {
    const error = await tenant.cloudWorks.schedules
      .create('x', { ...common, type: 'weekly', time: '01:00' } as never)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ key: 'schedule.daysOfWeek' });
  });
});

describe('notifications', () => {
  it('edits the configuration created with the integration; a second one is refused', async () => {
    const integrationId = await tenant.cloudWorks.integrations.create({
      name: 'notified',
      workspaceId: ids.workspace,
      modelId: ids.otherModel,
      jobs: [job('n.csv', ids.otherImport, ids.otherFile)],
    });
    const ops = tenant.sim.state.findUserByName('bob@example.com')!.id;
    const notificationId = await tenant.cloudWorks.notifications.edit(integrationId, {
      channels: ['email', 'in_app'],
      config: [
        { type: 'full_failure', users: [ops] },
        { type: 'partial_failure', users: [ops] },
      ],
    });
    const notification = await tenant.cloudWorks.notifications.get(notificationId);
    expect(notification).toMatchObject({ integrationIds: [integrationId], channels: ['email', 'in_app'] });
    expect(notification.config.map((entry) => [entry.type, entry.users[0]?.userGuid])).toEqual([
      ['full_failure', ops],
      ['partial_failure', ops],
    ]);
    const duplicate = await tenant.cloudWorks.notifications
      .create(integrationId, { channels: ['email'], config: [] })
      .catch((caught: unknown) => caught);
    expect(isBadRequestError(duplicate)).toBe(true);
    await tenant.cloudWorks.notifications.delete(notificationId);
    const recreated = await tenant.cloudWorks.notifications.create(integrationId, {
      channels: ['email'],
      config: [],
    });
    expect((await tenant.cloudWorks.integrations.get(integrationId)).notificationId).toBe(recreated);
  });
});

describe('integration flows', () => {
  it('runs the steps in order and stops on a failure, so a later step never runs', async () => {
    await write('flow/good.csv', 'Email,Role\ndave@example.com,Reviewer\n');
    await write('flow/bad.csv', 'Email,Role\nnobody,Planner\n');
    const make = (name: string, file: string, modelId: string, importId: string, fileId: string) =>
      tenant.cloudWorks.integrations.create({
        name,
        workspaceId: ids.workspace,
        modelId,
        jobs: [job(file, importId, fileId)],
      });
    const good = await make('flow-good', 'flow/good.csv', ids.model, ids.usersImport, ids.usersFile);
    const bad = await make('flow-bad', 'flow/bad.csv', ids.otherModel, ids.otherImport, ids.otherFile);
    const never = await make('flow-never', 'flow/good.csv', ids.otherModel, ids.otherImport, ids.otherFile);
    const definition = {
      name: 'uam-flow',
      steps: [{ integrationId: good }, { integrationId: bad }, { integrationId: never }],
    };
    const { flowId, action } = await tenant.cloudWorks.flows.ensure(definition);
    expect(action).toBe('created');
    expect((await tenant.cloudWorks.flows.ensure(definition)).action).toBe('unchanged');
    const flow = await tenant.cloudWorks.flows.get(flowId);
    expect(flow.steps.map((step) => [step.referrer, step.dependsOn])).toEqual([
      [good, []],
      [bad, [good]],
      [never, [bad]],
    ]);
    const outcome = await (await tenant.cloudWorks.flows.run(flowId)).wait(fast);
    expect(outcome.success, JSON.stringify(outcome)).toBe(false);
    expect(outcome.steps.find((step) => step.referrer === good)?.latestRun).toMatchObject({
      success: true,
      triggerSource: 'manual_inf',
    });
    expect(
      outcome.steps.find((step) => step.referrer === bad)?.latestRun?.success,
      JSON.stringify(outcome),
    ).toBe(false);
    expect(outcome.steps.find((step) => step.referrer === never)?.latestRun).toBeUndefined();
    expect(tenant.sim.state.models.get(ids.model)?.users.get('dave@example.com')?.role).toBe('Reviewer');
    const listed = await tenant.cloudWorks.flows.list().toArray({ limit: 100 });
    expect(listed.find((item) => item.id === flowId)).toMatchObject({ name: 'uam-flow', stepsCount: 3 });
    await tenant.cloudWorks.flows.delete(flowId);
  });

  it('refuses a flow of fewer than two steps before sending', async () => {
    const error = await tenant.cloudWorks.flows
      .create({ name: 'short', steps: [{ integrationId: 'a' }] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ key: 'steps' });
  });
});
