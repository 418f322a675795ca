// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { z } from 'zod';
import type { CloudWorksFlow, CloudWorksFlowStep, CloudWorksFlowSummary } from '../../flows/flow-types.js';
import type { CloudWorksSchedule } from '../../schedules/schedule-types.js';
import { idSchema, optionalBoolean, optionalNumber, optionalText } from './envelope.js';
import { latestRunSchema } from './integration-schemas.js';

const latest = z
  .union([latestRunSchema, z.null()])
  .optional()
  .transform((value) => value ?? undefined);

const stepSchema: z.ZodType<CloudWorksFlowStep, unknown> = z
  .looseObject({
    referrer: idSchema,
    name: optionalText,
    type: optionalText,
    dependsOn: z.array(z.string()).nullish(),
    isSkipped: optionalBoolean,
    exceptionBehavior: z.array(z.looseObject({ type: z.string(), strategy: z.string() })).nullish(),
    latestRun: latest,
  })
  .transform((raw) => ({
    referrer: raw.referrer,
    name: raw.name,
    type: raw.type,
    dependsOn: raw.dependsOn ?? [],
    isSkipped: raw.isSkipped ?? false,
    exceptionBehavior: (raw.exceptionBehavior ?? []).map(({ type, strategy }) => ({ type, strategy })),
    latestRun: raw.latestRun,
  }));

const summaryShape = {
  id: idSchema.optional(),
  integrationFlowId: idSchema.optional(),
  name: z.string(),
  stepsCount: optionalNumber,
  nuxVisible: optionalBoolean,
  latestRun: latest,
  schedule: z
    .union([z.looseObject({ type: z.string() }), z.null()])
    .optional()
    .transform((value) => (value ?? undefined) as CloudWorksSchedule | undefined),
  createdBy: optionalText,
  creationDate: optionalText,
  modifiedBy: optionalText,
  modificationDate: optionalText,
};

function summaryOf(raw: z.output<z.ZodObject<typeof summaryShape>>): CloudWorksFlowSummary {
  return {
    id: raw.id ?? raw.integrationFlowId ?? '',
    name: raw.name,
    stepsCount: raw.stepsCount,
    nuxVisible: raw.nuxVisible,
    latestRun: raw.latestRun,
    schedule: raw.schedule,
    createdBy: raw.createdBy,
    creationDate: raw.creationDate,
    modifiedBy: raw.modifiedBy,
    modificationDate: raw.modificationDate,
  };
}

/** An item of `GET /integrationflows` (`id`, live; `integrationFlowId` tolerated). @internal */
export const flowSummarySchema: z.ZodType<CloudWorksFlowSummary, unknown> = z
  .looseObject(summaryShape)
  .transform(summaryOf);

/** `integrationFlow` of `GET /integrationflows/{id}`. @internal */
export const flowSchema: z.ZodType<CloudWorksFlow, unknown> = z
  .looseObject({ ...summaryShape, version: optionalText, steps: z.array(stepSchema).nullish() })
  .transform((raw) => ({ ...summaryOf(raw), version: raw.version, steps: raw.steps ?? [] }));
