export { CloudWorksClient } from './cloudworks-client.js';
export type { CloudWorksClientOptions } from './cloudworks-client-options.js';
export type { CloudWorksIntegrationListOptions, CloudWorksListOptions } from './cloudworks-list-options.js';
export type {
  CloudWorksIntegrationPage,
  CloudWorksPage,
  CloudWorksPaging,
  CloudWorksRunHistoryPage,
} from './cloudworks-page.js';
export { cloudWorksBaseUrl } from './cloudworks-regions.js';
export type {
  AmazonS3ConnectionInput,
  AzureBlobConnectionInput,
  CloudWorksConnection,
  CloudWorksConnectionInput,
  CloudWorksConnectionType,
  CloudWorksEnsuredConnection,
  GoogleBigQueryConnectionInput,
} from './connections/connection-types.js';
export { ConnectionsResource } from './connections/connections-resource.js';
export type { CloudWorksErrorKind, CloudWorksErrorKinds } from './errors/error-kinds.js';
export {
  CloudWorksNameConflictError,
  type CloudWorksNameConflictErrorInit,
  isCloudWorksNameConflictError,
} from './errors/name-conflict-error.js';
export { CloudWorksPeerMissingError, isCloudWorksPeerMissingError } from './errors/peer-missing-error.js';
export {
  CloudWorksRunTimeoutError,
  type CloudWorksRunTimeoutErrorInit,
  isCloudWorksRunTimeoutError,
} from './errors/run-timeout-error.js';
export {
  CloudWorksStorageWriteError,
  type CloudWorksStorageWriteErrorInit,
  isCloudWorksStorageWriteError,
} from './errors/storage-write-error.js';
export { CloudWorksFlowRunHandle } from './flows/flow-run-handle.js';
export type {
  CloudWorksEnsuredFlow,
  CloudWorksFlow,
  CloudWorksFlowDefinition,
  CloudWorksFlowRunOutcome,
  CloudWorksFlowStep,
  CloudWorksFlowStepInput,
  CloudWorksFlowSummary,
  CloudWorksStepStrategy,
} from './flows/flow-types.js';
export { FlowsResource } from './flows/flows-resource.js';
export { cloudWorksImportJob } from './integrations/import-job.js';
export type {
  CloudWorksEnsuredIntegration,
  CloudWorksImportJobInput,
  CloudWorksIntegration,
  CloudWorksIntegrationDefinition,
  CloudWorksIntegrationSummary,
  CloudWorksJob,
  CloudWorksJobEndpoint,
  CloudWorksJobType,
  CloudWorksLatestRun,
  CloudWorksTriggerSource,
} from './integrations/integration-types.js';
export { IntegrationsResource } from './integrations/integrations-resource.js';
export type {
  CloudWorksNotification,
  CloudWorksNotificationChannel,
  CloudWorksNotificationInput,
  CloudWorksNotificationType,
} from './notifications/notification-types.js';
export { NotificationsResource } from './notifications/notifications-resource.js';
export { CloudWorksRunHandle, defaultRunPollIntervalMs, defaultRunWaitTimeoutMs } from './runs/run-handle.js';
export type {
  CloudWorksActionErrors,
  CloudWorksDumpOptions,
  CloudWorksRunError,
  CloudWorksRunErrorMessage,
  CloudWorksRunOutcome,
  CloudWorksRunOutcomeKind,
  CloudWorksRunRecord,
  CloudWorksRunStatus,
  CloudWorksWaitOptions,
} from './runs/run-types.js';
export { RunsResource } from './runs/runs-resource.js';
export type {
  CloudWorksDailySchedule,
  CloudWorksHourlySchedule,
  CloudWorksMonthlyDaySchedule,
  CloudWorksMonthlyWeekdaySchedule,
  CloudWorksSchedule,
  CloudWorksScheduleCommon,
  CloudWorksWeeklySchedule,
} from './schedules/schedule-types.js';
export { SchedulesResource } from './schedules/schedules-resource.js';
export type {
  AmazonS3StorageOptions,
  AzureBlobStorageOptions,
  CloudWorksStorage,
} from './storage/storage-types.js';
export { amazonS3Storage, azureBlobStorage } from './storage/storage-writers.js';
