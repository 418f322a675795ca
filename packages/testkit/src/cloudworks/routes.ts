// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts, test/contract/cloudworks-simulator.contract.test.ts

import { ApiFailure, apiRoute, successStatus } from '../integration/envelope.js';
import type { SimulatorContext } from '../internal/context.js';
import { lowerHexId } from '../internal/ids.js';
import { sendBytes, sendJson } from '../internal/respond.js';
import type { RouteContext, Router } from '../internal/router.js';
import type { SimUser } from '../state.js';
import {
  cloudWorksCaller,
  objectBody,
  pageOfItems,
  pageParams,
  sees,
  textField,
} from './cloudworks-access.js';
import {
  type CwConnection,
  type CwFlow,
  type CwIntegration,
  type CwJob,
  cloudWorksStore,
} from './cloudworks-store.js';
import { CloudWorksEngine } from './run-engine.js';
import {
  type CloudWorksStorageEndpoints,
  checkCredentials,
  type StorageConnection,
} from './storage-client.js';
import {
  connectionView,
  flowSummaryView,
  flowView,
  integrationSummaryView,
  integrationType,
  integrationView,
  notificationView,
  runRecordView,
  runStatusView,
} from './views.js';

/** The path prefix of the simulated CloudWorks API (as `https://api.anaplan.com/cloudworks/2/0`). */
export const cloudWorksPrefix = '/cloudworks/2/0';

/** Options of the simulated CloudWorks API. */
export interface CloudWorksOptions {
  /** Where connections' storage is reached (Azurite, a local S3 server …). @default the real services */
  storage?: Partial<CloudWorksStorageEndpoints>;
  /** The tenant's integration cap (`tenantMaxAllowed`). @default 500 */
  tenantMaxAllowed?: number;
}

const scheduleFields: Record<string, string[]> = {
  hourly: ['fromTime', 'toTime', 'repeatEvery', 'daysOfWeek'],
  daily: ['time'],
  weekly: ['time', 'daysOfWeek'],
  monthly_specific_day: ['time', 'dayOfMonth'],
  monthly_relative_weekday: ['time', 'dayOfWeek', 'repeatEvery'],
};

/**
 * Registers the CloudWorks API v2 under `/cloudworks/2/0`, with the auth of the Integration API (`AnaplanAuthToken`
 * or `Bearer`) and the CloudWorks roles (`INTEGRATION_ADMIN`, `RESTRICTED_INTEGRATION_USER`): connections (their
 * credentials checked against the storage, never returned), integrations, runs that really read their files from
 * storage and run the model's import or process (see {@link CloudWorksEngine}), run history, errors and dumps,
 * schedules, notifications (one created with each integration) and integration flows.
 */
export function registerCloudWorksRoutes(
  router: Router,
  context: SimulatorContext,
  options: CloudWorksOptions = {},
): void {
  const store = cloudWorksStore(context.state);
  const endpoints: CloudWorksStorageEndpoints = {
    azureBlob: options.storage?.azureBlob ?? 'https://{account}.blob.core.windows.net',
    s3: options.storage?.s3 ?? 'https://s3.amazonaws.com',
  };
  const engine = new CloudWorksEngine(context, store, endpoints);
  const cap = options.tenantMaxAllowed ?? 500;
  const on = (
    method: string,
    path: string,
    handler: (route: RouteContext, user: SimUser) => void | Promise<void>,
  ) =>
    router.on(
      method,
      `${cloudWorksPrefix}${path}`,
      apiRoute(async (route) => {
        const user = cloudWorksCaller(route, context);
        engine.tick();
        await handler(route, user);
      }),
    );
  const ok = (route: RouteContext, payload: Record<string, unknown> = {}) =>
    sendJson(route.response, 200, { status: successStatus, ...payload });
  const now = () => context.now();

  const findConnection = (route: RouteContext, user: SimUser): CwConnection => {
    const connection = store.connections.get(route.params['connectionId'] ?? '');
    if (!connection || !sees(context, user, connection.workspaceId, connection.createdBy))
      throw new ApiFailure(404, 'Resource not found');
    return connection;
  };
  const findIntegration = (route: RouteContext, user: SimUser): CwIntegration => {
    const integration = store.integrations.get(route.params['integrationId'] ?? '');
    if (!integration || !sees(context, user, integration.workspaceId, integration.createdBy))
      throw new ApiFailure(404, 'Resource not found');
    return integration;
  };
  const findRun = (route: RouteContext, user: SimUser) => {
    const run = store.runs.find((candidate) => candidate.id === route.params['runId']);
    const integration = run && store.integrations.get(run.integrationId);
    if (!run || (integration && !sees(context, user, integration.workspaceId, integration.createdBy)))
      throw new ApiFailure(404, 'Resource not found');
    return run;
  };
  // Flows belong to no workspace: every CloudWorks caller sees them.
  const findFlow = (route: RouteContext): CwFlow => {
    const flow = store.flows.get(route.params['flowId'] ?? '');
    if (!flow) throw new ApiFailure(404, 'Resource not found');
    return flow;
  };

  // Connections.
  const readConnection = async (body: Record<string, unknown>, replacing?: CwConnection) => {
    const type = textField(body, 'type');
    const raw = body['body'];
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new ApiFailure(400, 'Invalid request body');
    const fields = raw as Record<string, unknown>;
    const name = textField(fields, 'name', 'body.');
    const workspaceId =
      fields['workspaceId'] === undefined ? undefined : textField(fields, 'workspaceId', 'body.');
    let storage: StorageConnection;
    let publicBody: Record<string, unknown>;
    if (type === 'AzureBlob') {
      if (fields['auth_method'] !== 'SAS-based') throw new ApiFailure(400, 'Invalid value for auth_method');
      storage = {
        type,
        storageAccountName: textField(fields, 'storageAccountName', 'body.'),
        containerName: textField(fields, 'containerName', 'body.'),
        sasToken: textField(fields, 'sasToken', 'body.'),
      };
      publicBody = {
        name,
        storageAccountName: storage.storageAccountName,
        containerName: storage.containerName,
        authMethod: 'SAS-based',
      };
    } else if (type === 'AmazonS3') {
      storage = {
        type,
        bucketName: textField(fields, 'bucketName', 'body.'),
        accessKeyId: textField(fields, 'accessKeyId', 'body.'),
        secretAccessKey: textField(fields, 'secretAccessKey', 'body.'),
      };
      publicBody = {
        name,
        bucketName: storage.bucketName,
        accessKeyId: storage.accessKeyId,
        ...(typeof fields['roleArn'] === 'string' ? { roleArn: fields['roleArn'] } : {}),
      };
    } else if (type === 'GoogleBigQuery') {
      if (typeof fields['serviceAccountKey'] !== 'object' || fields['serviceAccountKey'] === null)
        throw new ApiFailure(400, 'Invalid value for body.serviceAccountKey');
      storage = { type, dataset: textField(fields, 'dataset', 'body.') };
      publicBody = { name, dataset: storage.dataset };
    } else throw new ApiFailure(400, `Invalid connection type ${type}`);
    if (replacing && replacing.type !== type) throw new ApiFailure(400, 'The connection type cannot change');
    if (workspaceId !== undefined) publicBody['workspaceId'] = workspaceId;
    const duplicate = [...store.connections.values()].some(
      (connection) => connection.name === name && connection !== replacing,
    );
    if (duplicate) throw new ApiFailure(400, 'Duplicate resource name not allowed');
    if (!(await checkCredentials(endpoints, storage)).ok)
      throw new ApiFailure(400, 'Credentials are invalid');
    return { type: type as CwConnection['type'], name, workspaceId, storage, publicBody };
  };

  on('GET', '/integrations/connections', (route, user) => {
    const visible = [...store.connections.values()].filter((connection) =>
      sees(context, user, connection.workspaceId, connection.createdBy),
    );
    const { slice, paging } = pageOfItems(visible, pageParams(route.url, 1000));
    ok(route, {
      connections: slice.map((connection) => connectionView(context.state, connection)),
      meta: { paging },
    });
  });
  on('POST', '/integrations/connections', async (route, user) => {
    const read = await readConnection(objectBody(route));
    const connection: CwConnection = {
      connectionId: lowerHexId(),
      ...read,
      createdBy: user.id,
      modifiedBy: user.id,
      creationDate: now(),
      modificationDate: now(),
    };
    store.connections.set(connection.connectionId, connection);
    ok(route, { connectionId: connection.connectionId });
  });
  for (const method of ['PUT', 'PATCH'])
    on(method, '/integrations/connections/:connectionId', async (route, user) => {
      const connection = findConnection(route, user);
      const body = objectBody(route);
      // PATCH takes the whole body too (live: a name alone is refused); the type may be left out.
      const read = await readConnection({ type: connection.type, ...body }, connection);
      Object.assign(connection, read, { modifiedBy: user.id, modificationDate: now() });
      ok(route);
    });
  on('DELETE', '/integrations/connections/:connectionId', (route, user) => {
    const connection = findConnection(route, user);
    const used = [...store.integrations.values()].some((integration) =>
      integration.jobs.some((job) =>
        [...job.sources, ...job.targets].some((end) => end['connectionId'] === connection.connectionId),
      ),
    );
    if (used) throw new ApiFailure(409, 'The connection is referenced by an integration');
    store.connections.delete(connection.connectionId);
    ok(route);
  });

  // Integrations.
  const readIntegration = (body: Record<string, unknown>) => {
    const name = textField(body, 'name');
    if (body['version'] !== '2.0') throw new ApiFailure(400, 'Invalid value for version');
    const workspaceId = textField(body, 'workspaceId');
    const modelId = textField(body, 'modelId');
    const processId = body['processId'] === undefined ? undefined : String(body['processId']);
    const jobs = body['jobs'] ?? [];
    if (!Array.isArray(jobs) || (processId === undefined && jobs.length === 0))
      throw new ApiFailure(400, 'Invalid value for jobs');
    for (const job of jobs as CwJob[]) {
      if (typeof job?.type !== 'string' || !Array.isArray(job.sources) || !Array.isArray(job.targets))
        throw new ApiFailure(400, 'Invalid value for jobs');
      for (const end of [...job.sources, ...job.targets]) {
        if (end['connectionId'] !== undefined && !store.connections.has(String(end['connectionId'])))
          throw new ApiFailure(400, `Invalid connection ${String(end['connectionId'])}`);
      }
    }
    return {
      name,
      workspaceId,
      modelId,
      processId,
      nuxVisible: body['nuxVisible'] === true,
      jobs: (jobs as CwJob[]).map((job) => ({
        type: job.type,
        sources: job.sources.map((end) => ({ ...end })),
        targets: job.targets.map((end) => ({ ...end })),
        ...(job.mapping === undefined ? {} : { mapping: job.mapping }),
      })),
    };
  };

  on('GET', '/integrations', (route, user) => {
    const mine = route.url.searchParams.get('myIntegrations') === '1';
    let visible = [...store.integrations.values()].filter(
      (integration) =>
        sees(context, user, integration.workspaceId, integration.createdBy) &&
        (!mine || integration.createdBy === user.id),
    );
    const sortBy = route.url.searchParams.get('sortBy');
    if (sortBy === 'name' || sortBy === '-name') {
      const sign = sortBy.startsWith('-') ? -1 : 1;
      visible = visible.sort((left, right) => left.name.localeCompare(right.name) * sign);
    }
    const { slice, paging } = pageOfItems(visible, pageParams(route.url, 25));
    ok(route, {
      integrations: slice.map((integration) => integrationSummaryView(context.state, store, integration)),
      meta: { paging, tenantCurrentCount: store.integrations.size + store.flows.size, tenantMaxAllowed: cap },
    });
  });
  on('POST', '/integrations', (route, user) => {
    const read = readIntegration(objectBody(route));
    if (store.integrations.size + store.flows.size >= cap)
      throw new ApiFailure(409, 'The tenant integration count is exceeded');
    const integrationId = lowerHexId();
    const notificationId = lowerHexId();
    store.integrations.set(integrationId, {
      integrationId,
      ...read,
      notificationId,
      schedule: undefined,
      createdBy: user.id,
      modifiedBy: user.id,
      creationDate: now(),
      modificationDate: now(),
    });
    // Live: creating an integration creates its notification configuration, sent to the creator by default.
    store.notifications.set(notificationId, {
      notificationId,
      integrationIds: [integrationId],
      channels: ['email'],
      config: [{ type: 'full_failure', users: [user.id] }],
    });
    ok(route, { integration: { integrationId } });
  });
  on('GET', '/integrations/:integrationId', (route, user) => {
    ok(route, { integration: integrationView(context.state, store, findIntegration(route, user)) });
  });
  on('PUT', '/integrations/:integrationId', (route, user) => {
    const integration = findIntegration(route, user);
    Object.assign(integration, readIntegration(objectBody(route)), {
      modifiedBy: user.id,
      modificationDate: now(),
    });
    ok(route);
  });
  on('DELETE', '/integrations/:integrationId', (route, user) => {
    const integration = findIntegration(route, user);
    if (engine.activeRun(integration.integrationId))
      throw new ApiFailure(409, 'Integration is already running');
    store.integrations.delete(integration.integrationId);
    if (integration.notificationId) store.notifications.delete(integration.notificationId);
    ok(route);
  });

  // Runs.
  on('POST', '/integrations/:integrationId/run', (route, user) => {
    const run = engine.start(findIntegration(route, user), user, 'manual', null);
    ok(route, { run: { id: run.id } });
  });
  on('POST', '/integrations/:integrationId/cancel', (route, user) => {
    engine.cancel(findIntegration(route, user).integrationId);
    ok(route);
  });
  on('GET', '/integrations/run/:runId', (route, user) => {
    const run = findRun(route, user);
    ok(route, {
      run: runStatusView(context.state, run),
      meta: { schema: `${context.baseUrl()}/cloudworks/1/0/integrations/objects/run` },
    });
  });
  on('GET', '/integrations/runs/:integrationId', (route, user) => {
    const integration = findIntegration(route, user);
    const runs = store.runs.filter((run) => run.integrationId === integration.integrationId).reverse();
    const { slice, paging } = pageOfItems(runs, pageParams(route.url, 25, true));
    const summary = integrationSummaryView(context.state, store, integration);
    ok(route, {
      history_of_runs: {
        integrationId: integration.integrationId,
        name: integration.name,
        integrationType: integrationType(integration),
        ...(integration.processId ? { processId: integration.processId } : {}),
        version: '2.0',
        schedule: integration.schedule ?? null,
        workspaceId: integration.workspaceId,
        modelId: integration.modelId,
        creationDate: summary['creationDate'],
        modificationDate: summary['modificationDate'],
        createdBy: summary['createdBy'],
        modifiedBy: summary['modifiedBy'],
        status: 1,
        ...(integration.notificationId ? { notificationId: integration.notificationId } : {}),
        runs: slice.map((run) => runRecordView(context.state, run)),
        totalRuns: runs.length,
      },
      meta: { paging },
    });
  });
  on('GET', '/integrations/runerror/:runId', (route, user) => {
    const run = findRun(route, user);
    // Live: `{}`, not `[]`, when the run had no errors.
    const runs =
      run.errors.length === 0
        ? {}
        : [
            {
              id: run.id,
              taskId: run.taskId ?? '',
              errorMessages: run.errors,
              creationDate: new Date(run.startDate).toISOString(),
              modificationDate: new Date(run.endDate ?? run.startDate).toISOString(),
              createdBy: context.state.users.get(run.userId)?.userName ?? run.userId,
              modifiedBy: context.state.users.get(run.userId)?.userName ?? run.userId,
            },
          ];
    ok(route, { runs, meta: {} });
  });
  const sendDump = (route: RouteContext, dump: Buffer | undefined) => {
    if (!dump) throw new ApiFailure(404, 'Your integration run was successful / no errors');
    sendBytes(route.response, 200, dump, 'text/csv; charset=utf-8');
  };
  on('GET', '/integrations/run/:runId/dumps', (route, user) =>
    sendDump(route, findRun(route, user).dumps.get('')),
  );
  on('GET', '/integrations/run/:runId/process/import/:actionId/dumps', (route, user) =>
    sendDump(route, findRun(route, user).dumps.get(route.params['actionId'] ?? '')),
  );

  // Schedules.
  const readSchedule = (body: Record<string, unknown>): Record<string, unknown> => {
    const schedule = body['schedule'];
    if (typeof schedule !== 'object' || schedule === null)
      throw new ApiFailure(400, 'Invalid value for schedule');
    const fields = schedule as Record<string, unknown>;
    const type = textField(fields, 'type', 'schedule.');
    const needed = scheduleFields[type];
    if (!needed) throw new ApiFailure(400, `Invalid value for schedule.type`);
    for (const name of ['name', 'startDate', 'endDate', 'timezone', ...needed])
      if (fields[name] === undefined || fields[name] === '')
        throw new ApiFailure(400, `Invalid value for schedule.${name}`);
    return { ...fields, status: 'Active' };
  };
  on('POST', '/integrations/:integrationId/schedule', (route, user) => {
    const integration = findIntegration(route, user);
    if (integration.schedule) throw new ApiFailure(400, 'A schedule exists already for this integration');
    integration.schedule = readSchedule(objectBody(route));
    ok(route);
  });
  on('PUT', '/integrations/:integrationId/schedule', (route, user) => {
    const integration = findIntegration(route, user);
    const body = objectBody(route);
    // Live: the integration id must be in the body as well as in the path.
    if (body['integrationId'] !== integration.integrationId)
      throw new ApiFailure(400, 'Invalid value for integration_id');
    if (!integration.schedule) throw new ApiFailure(404, 'Resource not found');
    integration.schedule = { ...readSchedule(body), status: integration.schedule['status'] };
    ok(route);
  });
  on('DELETE', '/integrations/:integrationId/schedule', (route, user) => {
    const integration = findIntegration(route, user);
    if (!integration.schedule) throw new ApiFailure(404, 'Resource not found');
    integration.schedule = undefined;
    ok(route);
  });
  on('POST', '/integrations/:integrationId/schedule/status/:status', (route, user) => {
    const integration = findIntegration(route, user);
    const status = route.params['status'];
    if (status !== 'enabled' && status !== 'disabled') throw new ApiFailure(400, 'Invalid value for status');
    if (!integration.schedule) throw new ApiFailure(404, 'Resource not found');
    integration.schedule['status'] = status === 'enabled' ? 'Active' : 'Inactive';
    ok(route);
  });

  // Notifications.
  const readNotification = (body: Record<string, unknown>) => {
    const integrationIds = body['integrationIds'];
    const channels = body['channels'];
    const config = (body['notifications'] as { config?: unknown } | undefined)?.config;
    if (
      !Array.isArray(integrationIds) ||
      integrationIds.length !== 1 ||
      typeof integrationIds[0] !== 'string'
    )
      throw new ApiFailure(400, 'Invalid value for integrationIds');
    if (
      !Array.isArray(channels) ||
      channels.length === 0 ||
      channels.some((c) => c !== 'email' && c !== 'in_app')
    )
      throw new ApiFailure(400, 'Invalid value for channels');
    if (!Array.isArray(config)) throw new ApiFailure(400, 'Invalid value for notifications.config');
    for (const entry of config as { type?: unknown; users?: unknown }[]) {
      if (
        !['success', 'partial_failure', 'full_failure'].includes(String(entry?.type)) ||
        !Array.isArray(entry.users)
      )
        throw new ApiFailure(400, 'Invalid value for notifications.config');
    }
    return {
      integrationIds: integrationIds as string[],
      channels: channels as string[],
      config: (config as { type: string; users: string[] }[]).map((entry) => ({
        type: entry.type,
        users: [...entry.users],
      })),
    };
  };
  const findNotification = (route: RouteContext) => {
    const notification = store.notifications.get(route.params['notificationId'] ?? '');
    if (!notification) throw new ApiFailure(404, 'Resource not found');
    return notification;
  };
  on('POST', '/integrations/notification', (route, user) => {
    const read = readNotification(objectBody(route));
    const integration = store.integrations.get(read.integrationIds[0] ?? '');
    if (!integration || !sees(context, user, integration.workspaceId, integration.createdBy))
      throw new ApiFailure(404, 'Resource not found');
    if (integration.notificationId) throw new ApiFailure(400, 'Duplicate resource name not allowed');
    const notificationId = lowerHexId();
    store.notifications.set(notificationId, { notificationId, ...read });
    integration.notificationId = notificationId;
    ok(route, { notificationId });
  });
  on('GET', '/integrations/notification/:notificationId', (route) => {
    ok(route, { notifications: notificationView(context.state, findNotification(route)), meta: {} });
  });
  on('PUT', '/integrations/notification/:notificationId', (route) => {
    Object.assign(findNotification(route), readNotification(objectBody(route)));
    ok(route);
  });
  on('DELETE', '/integrations/notification/:notificationId', (route) => {
    const notification = findNotification(route);
    store.notifications.delete(notification.notificationId);
    for (const integration of store.integrations.values())
      if (integration.notificationId === notification.notificationId) integration.notificationId = undefined;
    ok(route);
  });

  // Integration flows.
  const readFlow = (body: Record<string, unknown>) => {
    const name = textField(body, 'name');
    if (body['version'] !== '2.0' || body['type'] !== 'IntegrationFlow')
      throw new ApiFailure(400, 'Invalid request body');
    const steps = body['steps'];
    if (!Array.isArray(steps)) throw new ApiFailure(400, 'Invalid value for steps');
    const read = (steps as Record<string, unknown>[]).map((step) => {
      const referrer = textField(step, 'referrer', 'steps.');
      if (!store.integrations.has(referrer))
        throw new ApiFailure(400, `Invalid value for steps.referrer ${referrer}`);
      return {
        referrer,
        dependsOn: Array.isArray(step['dependsOn']) ? (step['dependsOn'] as string[]) : [],
        isSkipped: step['isSkipped'] === true,
        exceptionBehavior: Array.isArray(step['exceptionBehavior'])
          ? (step['exceptionBehavior'] as { type: string; strategy: string }[])
          : [{ type: 'failure', strategy: 'stop' }],
        createdDate: now(),
        modifiedDate: now(),
      };
    });
    if (read.filter((step) => !step.isSkipped).length < 2)
      throw new ApiFailure(400, 'An integration flow needs at least two enabled steps');
    return { name, nuxVisible: body['nuxVisible'] === true, steps: read };
  };
  on('GET', '/integrationflows', (route) => {
    const visible = [...store.flows.values()];
    const { slice, paging } = pageOfItems(visible, pageParams(route.url, 25));
    ok(route, {
      integrationFlows: slice.map((flow) => flowSummaryView(context.state, flow)),
      meta: { paging },
    });
  });
  on('POST', '/integrationflows', (route, user) => {
    const read = readFlow(objectBody(route));
    if (store.integrations.size + store.flows.size >= cap)
      throw new ApiFailure(409, 'The tenant integration count is exceeded');
    const id = lowerHexId();
    store.flows.set(id, {
      id,
      ...read,
      createdBy: user.id,
      modifiedBy: user.id,
      creationDate: now(),
      modificationDate: now(),
      runs: [],
    });
    ok(route, { integrationFlow: { integrationFlowId: id } });
  });
  on('GET', '/integrationflows/:flowId', (route, _user) => {
    ok(route, { integrationFlow: flowView(context.state, store, findFlow(route)) });
  });
  on('PUT', '/integrationflows/:flowId', (route, user) => {
    const flow = findFlow(route);
    Object.assign(flow, readFlow(objectBody(route)), { modifiedBy: user.id, modificationDate: now() });
    ok(route);
  });
  on('DELETE', '/integrationflows/:flowId', (route, _user) => {
    store.flows.delete(findFlow(route).id);
    ok(route);
  });
  on('POST', '/integrationflows/:flowId/run', (route, user) => {
    const flow = findFlow(route);
    const body = route.body.length === 0 ? {} : objectBody(route);
    const stepsToRun = Array.isArray(body['stepsToRun']) ? (body['stepsToRun'] as string[]) : undefined;
    const flowRun = engine.startFlow(flow, user, stepsToRun);
    ok(route, { run: { id: flowRun.id } });
  });
}
