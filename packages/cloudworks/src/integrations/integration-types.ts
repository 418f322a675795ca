import type { CloudWorksSchedule } from '../schedules/schedule-types.js';

/** The kind of a job: where its data comes from and goes to. */
export type CloudWorksJobType =
  | 'AmazonS3ToAnaplan'
  | 'AnaplanToAmazonS3'
  | 'AzureBlobToAnaplan'
  | 'AnaplanToAzureBlob'
  | 'GoogleBigQueryToAnaplan'
  | 'AnaplanToGoogleBigQuery'
  | (string & {});

/** One end of a job: a storage object (`connectionId` + `file` or `table`) or an Anaplan action (`actionId`, `fileId`). */
export interface CloudWorksJobEndpoint {
  /** `Anaplan`, `AmazonS3`, `AzureBlob` or `GoogleBigQuery`. */
  type: string;
  /** The storage connection (a storage end). */
  connectionId?: string | undefined;
  /** Path of the object in the bucket or container (a storage end). */
  file?: string | undefined;
  /** BigQuery table (a BigQuery end). */
  table?: string | undefined;
  /** The import (112…) or export (116…) id (the Anaplan end). */
  actionId?: string | undefined;
  /** The import's data source file (its `importDataSourceId`, 113…), or the export id for an export. */
  fileId?: string | undefined;
  /** Whether an export overwrites the object (a storage target). */
  overwrite?: boolean | undefined;
  [field: string]: unknown;
}

/** One import or export job of an integration. */
export interface CloudWorksJob {
  type: CloudWorksJobType;
  sources: CloudWorksJobEndpoint[];
  targets: CloudWorksJobEndpoint[];
  /** BigQuery column mapping. */
  mapping?: { sourceName: string; targetName: string }[] | undefined;
}

/**
 * What an integration is made of, as `POST` and `PUT /integrations` take it: an import or export (one job), or a
 * process (`processId`, with zero or more jobs feeding its imports).
 */
export interface CloudWorksIntegrationDefinition {
  name: string;
  /** The model's workspace (32 lower-case hex). */
  workspaceId: string;
  /** 32 upper-case hex. */
  modelId: string;
  /** For a process integration (118…). */
  processId?: string | undefined;
  /** Shown in the CloudWorks UI's new experience. @default false */
  nuxVisible?: boolean | undefined;
  /** Required for an import or export integration. */
  jobs?: CloudWorksJob[] | undefined;
}

/** Known values of `triggerSource`; the API adds others over time, and any string is accepted. */
export type CloudWorksTriggerSource =
  | 'scheduled'
  | 'manual'
  | 'scheduled_inf'
  | 'manual_inf'
  | 'nux_dashboard'
  | (string & {});

/** `latestRun` of an integration or a flow step. */
export interface CloudWorksLatestRun {
  triggeredBy: string | undefined;
  startDate: string | undefined;
  endDate: string | undefined;
  success: boolean | undefined;
  message: string | undefined;
  executionErrorCode: number | undefined;
  triggerSource: CloudWorksTriggerSource | undefined;
}

/** An integration as `GET /integrations` lists it (no `jobs`). */
export interface CloudWorksIntegrationSummary {
  /** 32 lower-case hex. */
  integrationId: string;
  name: string;
  /** `Import`, `Export` or `Process` (the detail view may leave it out). */
  integrationType: string | undefined;
  workspaceId: string | undefined;
  modelId: string | undefined;
  processId: string | undefined;
  notificationId: string | undefined;
  nuxVisible: boolean | undefined;
  latestRun: CloudWorksLatestRun | undefined;
  schedule: CloudWorksSchedule | undefined;
  createdBy: string | undefined;
  creationDate: string | undefined;
  modifiedBy: string | undefined;
  modificationDate: string | undefined;
}

/** An integration as `GET /integrations/{id}` gives it: with its jobs (and so its connections). */
export interface CloudWorksIntegration extends CloudWorksIntegrationSummary {
  version: string | undefined;
  jobs: CloudWorksJob[];
}

/** What {@link IntegrationsResource.ensure} did. */
export interface CloudWorksEnsuredIntegration {
  integrationId: string;
  /** `created`: none had that name; `replaced`: its definition differed; `unchanged`: it was as asked. */
  action: 'created' | 'replaced' | 'unchanged';
}

/** What {@link cloudWorksImportJob} builds a job from. */
export interface CloudWorksImportJobInput {
  /** Where the file lies. */
  connectionType: 'AmazonS3' | 'AzureBlob';
  connectionId: string;
  /** Path of the CSV in the bucket or container, e.g. `uam/current/users_<modelId>.csv`. */
  file: string;
  /** The import action (112…). */
  importId: string;
  /** The import's data source file: its `importDataSourceId` (113…), not an entry of the model's file list. */
  fileId: string;
}
