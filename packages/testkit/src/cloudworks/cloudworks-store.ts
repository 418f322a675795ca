// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts

import type { TenantState } from '../state.js';
import type { StorageConnection } from './storage-client.js';

/** A CloudWorks connection: its public body and, apart, the credentials the API never returns. */
export interface CwConnection {
  connectionId: string;
  type: 'AmazonS3' | 'AzureBlob' | 'GoogleBigQuery';
  name: string;
  workspaceId: string | undefined;
  /** The body as `GET` shows it: no secret. */
  publicBody: Record<string, unknown>;
  storage: StorageConnection;
  createdBy: string;
  modifiedBy: string;
  creationDate: number;
  modificationDate: number;
}

/** One end of a job, as written. */
export type CwEndpoint = Record<string, unknown> & { type: string };

/** A job of an integration. */
export interface CwJob {
  type: string;
  sources: CwEndpoint[];
  targets: CwEndpoint[];
  mapping?: unknown;
}

/** A CloudWorks integration. */
export interface CwIntegration {
  integrationId: string;
  name: string;
  workspaceId: string;
  modelId: string;
  processId: string | undefined;
  nuxVisible: boolean;
  jobs: CwJob[];
  notificationId: string | undefined;
  schedule: Record<string, unknown> | undefined;
  createdBy: string;
  modifiedBy: string;
  creationDate: number;
  modificationDate: number;
}

/** A notification configuration. */
export interface CwNotification {
  notificationId: string;
  integrationIds: string[];
  channels: string[];
  config: { type: string; users: string[] }[];
}

/** The errors of one action of a run, as `runerror` shows them. */
export interface CwActionErrors {
  actionId: string;
  actionName: string;
  failureDumpGenerated: boolean;
  errorMessage: { localMessageText: string; occurrences: number; type: string; values: unknown[] }[];
}

/** A run of an integration. */
export interface CwRun {
  id: string;
  integrationId: string;
  traceId: string;
  /** Who ran it (their permissions apply). */
  userId: string;
  modelId: string;
  triggerSource: string;
  flowGroupId: string | null;
  startDate: number;
  /** `fetching` the files from storage, `task` waiting for the model's task, `done`. */
  phase: 'fetching' | 'task' | 'done';
  taskId: string | undefined;
  endDate: number | undefined;
  success: boolean | undefined;
  message: string;
  executionErrorCode: number | null;
  errors: CwActionErrors[];
  /** Dumps by import id (`''` for the import of an import integration). */
  dumps: Map<string, Buffer>;
}

/** A step of a flow, as written. */
export interface CwFlowStep {
  referrer: string;
  dependsOn: string[];
  isSkipped: boolean;
  exceptionBehavior: { type: string; strategy: string }[];
  createdDate: number;
  modifiedDate: number;
}

/** A run of a flow: its steps' runs, one after another in dependency order. */
export interface CwFlowRun {
  id: string;
  userId: string;
  startDate: number;
  /** The steps to run, in order. */
  order: string[];
  /** Run ids by step referrer. */
  stepRuns: Map<string, string>;
  endDate: number | undefined;
  success: boolean | undefined;
  message: string;
  executionErrorCode: number | null;
}

/** An integration flow. */
export interface CwFlow {
  id: string;
  name: string;
  nuxVisible: boolean;
  steps: CwFlowStep[];
  createdBy: string;
  modifiedBy: string;
  creationDate: number;
  modificationDate: number;
  runs: CwFlowRun[];
}

/** The CloudWorks state of a simulated tenant. */
export class CloudWorksStore {
  readonly connections = new Map<string, CwConnection>();
  readonly integrations = new Map<string, CwIntegration>();
  readonly notifications = new Map<string, CwNotification>();
  /** In start order. */
  readonly runs: CwRun[] = [];
  readonly flows = new Map<string, CwFlow>();
}

const stores = new WeakMap<TenantState, CloudWorksStore>();

/** The CloudWorks store of a tenant (one per {@link TenantState}). */
export function cloudWorksStore(state: TenantState): CloudWorksStore {
  let store = stores.get(state);
  if (!store) {
    store = new CloudWorksStore();
    stores.set(state, store);
  }
  return store;
}
