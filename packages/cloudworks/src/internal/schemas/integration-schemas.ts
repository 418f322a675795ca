// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { z } from 'zod';
import type {
  CloudWorksIntegration,
  CloudWorksIntegrationSummary,
  CloudWorksJob,
  CloudWorksLatestRun,
} from '../../integrations/integration-types.js';
import type { CloudWorksSchedule } from '../../schedules/schedule-types.js';
import { idSchema, optionalBoolean, optionalNumber, optionalText } from './envelope.js';

/** `latestRun`, every field tolerated missing; unknown `triggerSource` values pass. @internal */
export const latestRunSchema: z.ZodType<CloudWorksLatestRun, unknown> = z
  .looseObject({
    triggeredBy: optionalText,
    startDate: optionalText,
    endDate: optionalText,
    success: optionalBoolean,
    message: optionalText,
    executionErrorCode: optionalNumber,
    triggerSource: optionalText,
  })
  .transform((raw) => ({
    triggeredBy: raw.triggeredBy,
    startDate: raw.startDate,
    endDate: raw.endDate,
    success: raw.success,
    message: raw.message,
    executionErrorCode: raw.executionErrorCode,
    triggerSource: raw.triggerSource,
  }));

const endpointSchema = z.looseObject({ type: z.string() });
/** A job as the API gives it (read-only fields such as `connectionName` kept). @internal */
export const jobSchema = z.looseObject({
  type: z.string(),
  sources: z
    .array(endpointSchema)
    .nullish()
    .transform((value) => value ?? []),
  targets: z
    .array(endpointSchema)
    .nullish()
    .transform((value) => value ?? []),
}) as unknown as z.ZodType<CloudWorksJob, unknown>;

const summaryShape = {
  integrationId: idSchema,
  name: z.string(),
  integrationType: optionalText,
  workspaceId: optionalText,
  modelId: optionalText,
  processId: z
    .union([idSchema, z.null()])
    .optional()
    .transform((value) => value ?? undefined),
  notificationId: optionalText,
  nuxVisible: optionalBoolean,
  latestRun: z
    .union([latestRunSchema, z.null()])
    .optional()
    .transform((value) => value ?? undefined),
  schedule: z
    .union([z.looseObject({ type: z.string() }), z.null()])
    .optional()
    .transform((value) => (value ?? undefined) as CloudWorksSchedule | undefined),
  createdBy: optionalText,
  creationDate: optionalText,
  modifiedBy: optionalText,
  modificationDate: optionalText,
};

function summaryOf(raw: z.output<z.ZodObject<typeof summaryShape>>): CloudWorksIntegrationSummary {
  return {
    integrationId: raw.integrationId,
    name: raw.name,
    integrationType: raw.integrationType,
    workspaceId: raw.workspaceId,
    modelId: raw.modelId,
    processId: raw.processId,
    notificationId: raw.notificationId,
    nuxVisible: raw.nuxVisible,
    latestRun: raw.latestRun,
    schedule: raw.schedule,
    createdBy: raw.createdBy,
    creationDate: raw.creationDate,
    modifiedBy: raw.modifiedBy,
    modificationDate: raw.modificationDate,
  };
}

/** An item of `GET /integrations`. @internal */
export const integrationSummarySchema: z.ZodType<CloudWorksIntegrationSummary, unknown> = z
  .looseObject(summaryShape)
  .transform(summaryOf);

/** `integration` of `GET /integrations/{id}`. @internal */
export const integrationSchema: z.ZodType<CloudWorksIntegration, unknown> = z
  .looseObject({
    ...summaryShape,
    version: optionalText,
    jobs: z.array(jobSchema).nullish(),
  })
  .transform((raw) => ({ ...summaryOf(raw), version: raw.version, jobs: raw.jobs ?? [] }));
