import type { CloudWorksLatestRun } from '../integrations/integration-types.js';
import type { CloudWorksSchedule } from '../schedules/schedule-types.js';

/** What a flow does when a step fails or partially succeeds. */
export type CloudWorksStepStrategy = 'stop' | 'continue';

/** One step of a flow to write: an integration to run, after the steps it depends on. */
export interface CloudWorksFlowStepInput {
  integrationId: string;
  /**
   * Integration ids of the steps that must finish first.
   * @default the previous step's integration (none for the first): the steps run one after another, in order
   */
  dependsOn?: string[] | undefined;
  /** Leave the step out of runs. @default false */
  skip?: boolean | undefined;
  /** @default 'stop': later steps do not run */
  onFailure?: CloudWorksStepStrategy | undefined;
  /** @default 'stop' (the API's own default is `continue`; for access changes a partial success is a failure) */
  onPartialSuccess?: CloudWorksStepStrategy | undefined;
}

/** An integration flow to create or replace: at least two enabled steps. */
export interface CloudWorksFlowDefinition {
  name: string;
  steps: CloudWorksFlowStepInput[];
  /** @default false */
  nuxVisible?: boolean | undefined;
}

/** A step as the API gives it. */
export interface CloudWorksFlowStep {
  /** The integration id. */
  referrer: string;
  name: string | undefined;
  /** `Import`, `Export` or `Process`. */
  type: string | undefined;
  dependsOn: string[];
  isSkipped: boolean;
  exceptionBehavior: { type: string; strategy: string }[];
  latestRun: CloudWorksLatestRun | undefined;
}

/** A flow as `GET /integrationflows` lists it. */
export interface CloudWorksFlowSummary {
  /** The flow id (the list calls it `id`). */
  id: string;
  name: string;
  stepsCount: number | undefined;
  nuxVisible: boolean | undefined;
  latestRun: CloudWorksLatestRun | undefined;
  schedule: CloudWorksSchedule | undefined;
  createdBy: string | undefined;
  creationDate: string | undefined;
  modifiedBy: string | undefined;
  modificationDate: string | undefined;
}

/** A flow with its steps (`GET /integrationflows/{id}`). */
export interface CloudWorksFlow extends CloudWorksFlowSummary {
  version: string | undefined;
  steps: CloudWorksFlowStep[];
}

/** How a flow run went: the flow's `latestRun` once it stopped, and each step's. */
export interface CloudWorksFlowRunOutcome {
  /** The id `POST …/run` answered. */
  runId: string;
  latestRun: CloudWorksLatestRun;
  /** `true` when every step that ran succeeded and none was stopped. */
  success: boolean;
  steps: CloudWorksFlowStep[];
}

/** What {@link FlowsResource.ensure} did. */
export interface CloudWorksEnsuredFlow {
  flowId: string;
  action: 'created' | 'replaced' | 'unchanged';
}
