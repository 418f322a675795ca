// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { z } from 'zod';
import type {
  CloudWorksActionErrors,
  CloudWorksRunError,
  CloudWorksRunRecord,
  CloudWorksRunStatus,
} from '../../runs/run-types.js';
import { idSchema, optionalBoolean, optionalNumber, optionalText } from './envelope.js';

/** `run` of `GET /integrations/run/{runId}`. @internal */
export const runStatusSchema: z.ZodType<CloudWorksRunStatus, unknown> = z
  .looseObject({
    id: idSchema,
    integrationId: optionalText,
    traceId: optionalText,
    startDate: optionalText,
    endDate: optionalText,
    success: optionalBoolean,
    message: optionalText,
    executionErrorCode: optionalNumber,
    triggerSource: optionalText,
    flowGroupId: optionalText,
    createdBy: optionalText,
    modifiedBy: optionalText,
    creationDate: optionalText,
    modificationDate: optionalText,
  })
  .transform((raw) => ({
    id: raw.id,
    integrationId: raw.integrationId,
    traceId: raw.traceId,
    startDate: raw.startDate,
    endDate: raw.endDate,
    success: raw.success,
    message: raw.message,
    executionErrorCode: raw.executionErrorCode,
    triggerSource: raw.triggerSource,
    flowGroupId: raw.flowGroupId,
    createdBy: raw.createdBy,
    modifiedBy: raw.modifiedBy,
    creationDate: raw.creationDate,
    modificationDate: raw.modificationDate,
  }));

/** An entry of `history_of_runs.runs`. @internal */
export const runRecordSchema: z.ZodType<CloudWorksRunRecord, unknown> = z
  .looseObject({
    id: idSchema,
    triggeredBy: optionalText,
    lastRun: optionalNumber,
    startDate: optionalText,
    endDate: optionalText,
    success: optionalBoolean,
    message: optionalText,
    executionErrorCode: optionalNumber,
    triggerSource: optionalText,
    traceId: optionalText,
  })
  .transform((raw) => ({
    id: raw.id,
    triggeredBy: raw.triggeredBy,
    lastRun: raw.lastRun,
    startDate: raw.startDate,
    endDate: raw.endDate,
    success: raw.success,
    message: raw.message,
    executionErrorCode: raw.executionErrorCode,
    triggerSource: raw.triggerSource,
    traceId: raw.traceId,
  }));

const messageSchema = z.looseObject({
  localMessageText: optionalText,
  occurrences: optionalNumber,
  type: optionalText,
  values: z.array(z.unknown()).nullish(),
});

const actionErrorsSchema: z.ZodType<CloudWorksActionErrors, unknown> = z
  .looseObject({
    actionId: z.union([idSchema, z.null()]).optional(),
    actionName: optionalText,
    failureDumpGenerated: optionalBoolean,
    errorMessage: z.union([z.array(messageSchema), messageSchema, z.null()]).optional(),
  })
  .transform((raw) => ({
    actionId: raw.actionId ?? undefined,
    actionName: raw.actionName,
    failureDumpGenerated: raw.failureDumpGenerated ?? false,
    messages: (raw.errorMessage === undefined || raw.errorMessage === null
      ? []
      : Array.isArray(raw.errorMessage)
        ? raw.errorMessage
        : [raw.errorMessage]
    ).map((message) => ({
      localMessageText: message.localMessageText,
      occurrences: message.occurrences,
      type: message.type,
      values: message.values ?? [],
    })),
  }));

const runErrorSchema: z.ZodType<CloudWorksRunError, unknown> = z
  .looseObject({
    id: z.union([idSchema, z.null()]).optional(),
    taskId: optionalText,
    errorMessages: z.array(actionErrorsSchema).nullish(),
  })
  .transform((raw) => ({ id: raw.id ?? undefined, taskId: raw.taskId, actions: raw.errorMessages ?? [] }));

/**
 * `runs` of `GET /integrations/runerror/{runId}`: an array of errors, or, live, `{}` for none (also `[]`, `null`,
 * or no key at all); a single object with `errorMessages` is read as a list of one. @internal
 */
export const runErrorsSchema = z
  .looseObject({ runs: z.unknown().optional() })
  .transform((body, context): CloudWorksRunError[] => {
    const runs = body.runs;
    if (runs === undefined || runs === null) return [];
    const list = Array.isArray(runs) ? runs : Object.keys(runs as object).length === 0 ? [] : [runs];
    const parsed = z.array(runErrorSchema).safeParse(list);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      context.addIssue({ ...issue, path: ['runs', ...issue.path] } as never);
    return z.NEVER;
  });
