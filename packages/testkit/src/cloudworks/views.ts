// Tests: test/contract/cloudworks-simulator.contract.test.ts

import type { TenantState } from '../state.js';
import type {
  CloudWorksStore,
  CwConnection,
  CwFlow,
  CwFlowRun,
  CwIntegration,
  CwNotification,
  CwRun,
} from './cloudworks-store.js';

const iso = (time: number | undefined) => (time === undefined ? undefined : new Date(time).toISOString());
/** Flow steps' dates are written `YYYY-MM-DD HH:MM:SS.uuuuuu+00:00` (live). */
const spaced = (time: number) =>
  `${new Date(time).toISOString().replace('T', ' ').replace('Z', '')}000+00:00`;

/** A user's display name, as CloudWorks shows who created or ran something. */
export function displayName(state: TenantState, userId: string): string {
  const user = state.users.get(userId);
  return user ? `${user.givenName} ${user.familyName}`.trim() || user.userName : userId;
}

/** An item of `GET /integrations/connections`. */
export function connectionView(state: TenantState, connection: CwConnection): Record<string, unknown> {
  return {
    connectionId: connection.connectionId,
    connectionType: connection.type,
    body: connection.publicBody,
    creationDate: iso(connection.creationDate),
    modificationDate: iso(connection.modificationDate),
    createdBy: displayName(state, connection.createdBy),
    modifiedBy: displayName(state, connection.modifiedBy),
    status: 1,
    integrationErrorCode: null,
    workspaceId: connection.workspaceId ?? null,
    authMethod: connection.type === 'AzureBlob' ? 'SAS-based' : null,
  };
}

/** `latestRun` of an integration or step. */
function latestRunView(
  state: TenantState,
  run: CwRun | CwFlowRun | undefined,
): Record<string, unknown> | undefined {
  if (!run) return undefined;
  return {
    triggeredBy: displayName(state, run.userId),
    startDate: iso(run.startDate),
    ...(run.endDate === undefined ? {} : { endDate: iso(run.endDate), success: run.success }),
    message: run.message,
    executionErrorCode: run.executionErrorCode,
    triggerSource: 'triggerSource' in run ? run.triggerSource : 'manual',
  };
}

function lastRunOf(store: CloudWorksStore, integrationId: string): CwRun | undefined {
  return store.runs.filter((run) => run.integrationId === integrationId).at(-1);
}

/** `Import`, `Export` or `Process`. */
export function integrationType(integration: CwIntegration): string {
  if (integration.processId) return 'Process';
  return integration.jobs[0]?.type.startsWith('Anaplan') ? 'Export' : 'Import';
}

/** An item of `GET /integrations` (no jobs). */
export function integrationSummaryView(
  state: TenantState,
  store: CloudWorksStore,
  integration: CwIntegration,
): Record<string, unknown> {
  const latestRun = latestRunView(state, lastRunOf(store, integration.integrationId));
  return {
    integrationId: integration.integrationId,
    name: integration.name,
    integrationType: integrationType(integration),
    ...(integration.processId ? { processId: integration.processId } : {}),
    workspaceId: integration.workspaceId,
    modelId: integration.modelId,
    createdBy: displayName(state, integration.createdBy),
    creationDate: iso(integration.creationDate),
    modificationDate: iso(integration.modificationDate),
    modifiedBy: displayName(state, integration.modifiedBy),
    ...(latestRun ? { latestRun } : {}),
    ...(integration.notificationId ? { notificationId: integration.notificationId } : {}),
    nuxVisible: integration.nuxVisible,
    ...(integration.schedule ? { schedule: integration.schedule } : {}),
  };
}

/** `integration` of `GET /integrations/{id}`: with its jobs, each storage end naming its connection. */
export function integrationView(
  state: TenantState,
  store: CloudWorksStore,
  integration: CwIntegration,
): Record<string, unknown> {
  const endpoint = (end: Record<string, unknown>) => {
    if (end['connectionId'] === undefined) return end;
    const connection = store.connections.get(String(end['connectionId']));
    return {
      ...end,
      connectionName: connection?.name ?? '',
      isConnectionDeleted: connection === undefined,
      bucketName: String(
        connection?.publicBody['containerName'] ?? connection?.publicBody['bucketName'] ?? '',
      ),
    };
  };
  return {
    ...integrationSummaryView(state, store, integration),
    version: '2.0',
    jobs: integration.jobs.map((job) => ({
      ...job,
      sources: job.sources.map(endpoint),
      targets: job.targets.map(endpoint),
    })),
  };
}

/** `run` of `GET /integrations/run/{runId}`. */
export function runStatusView(state: TenantState, run: CwRun): Record<string, unknown> {
  const by = displayName(state, run.userId);
  return {
    id: run.id,
    integrationId: run.integrationId,
    traceId: run.traceId,
    startDate: iso(run.startDate),
    ...(run.endDate === undefined ? {} : { endDate: iso(run.endDate), success: run.success }),
    message: run.message,
    creationDate: iso(run.startDate),
    modificationDate: iso(run.endDate ?? run.startDate),
    createdBy: by,
    modifiedBy: by,
    executionErrorCode: run.executionErrorCode,
    flowGroupId: run.flowGroupId,
    triggerSource: run.triggerSource,
  };
}

/** An entry of `history_of_runs.runs`. */
export function runRecordView(state: TenantState, run: CwRun): Record<string, unknown> {
  return {
    id: run.id,
    triggeredBy: displayName(state, run.userId),
    ...(run.endDate === undefined
      ? {}
      : { lastRun: Math.floor(run.endDate / 1000), endDate: iso(run.endDate), success: run.success }),
    startDate: iso(run.startDate),
    message: run.message,
    executionErrorCode: run.executionErrorCode,
    triggerSource: run.triggerSource,
    traceId: run.traceId,
  };
}

/** `notifications` of `GET /integrations/notification/{id}`: users resolved to names. */
export function notificationView(state: TenantState, notification: CwNotification): Record<string, unknown> {
  return {
    notificationId: notification.notificationId,
    integrationIds: notification.integrationIds,
    channels: notification.channels,
    notifications: {
      config: notification.config.map((entry) => ({
        type: entry.type,
        users: entry.users.map((userGuid) => {
          const user = state.users.get(userGuid);
          return { userGuid, firstName: user?.givenName ?? '', lastName: user?.familyName ?? '' };
        }),
      })),
    },
  };
}

/** An item of `GET /integrationflows`. */
export function flowSummaryView(state: TenantState, flow: CwFlow): Record<string, unknown> {
  const latestRun = latestRunView(state, flow.runs.at(-1));
  return {
    id: flow.id,
    name: flow.name,
    createdBy: displayName(state, flow.createdBy),
    creationDate: iso(flow.creationDate),
    modificationDate: iso(flow.modificationDate),
    modifiedBy: displayName(state, flow.modifiedBy),
    nuxVisible: flow.nuxVisible,
    stepsCount: flow.steps.length,
    ...(latestRun ? { latestRun } : {}),
  };
}

/** `integrationFlow` of `GET /integrationflows/{id}`. */
export function flowView(state: TenantState, store: CloudWorksStore, flow: CwFlow): Record<string, unknown> {
  const flowRun = flow.runs.at(-1);
  return {
    ...flowSummaryView(state, flow),
    version: '2.0',
    steps: flow.steps.map((step) => {
      const integration = store.integrations.get(step.referrer);
      const runId = flowRun?.stepRuns.get(step.referrer);
      const latestRun = latestRunView(
        state,
        runId === undefined ? lastRunOf(store, step.referrer) : store.runs.find((run) => run.id === runId),
      );
      return {
        referrer: step.referrer,
        name: integration?.name ?? '',
        type: integration ? integrationType(integration) : 'Import',
        createdBy: displayName(state, flow.createdBy),
        createdDate: spaced(step.createdDate),
        modifiedDate: spaced(step.modifiedDate),
        modifiedBy: displayName(state, flow.modifiedBy),
        modelId: integration?.modelId ?? '',
        workspaceId: integration?.workspaceId ?? '',
        dependsOn: step.dependsOn,
        isSkipped: step.isSkipped,
        exceptionBehavior: step.exceptionBehavior,
        ...(latestRun ? { latestRun } : {}),
      };
    }),
  };
}
