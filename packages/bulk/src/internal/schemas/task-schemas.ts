// Tests: ../../tasks/task-handle.test.ts
import { z } from 'zod';
import type { Task, TaskDetail, TaskListEntry, TaskResult } from '../../tasks/task-types.js';
import { idSchema, openEnum } from './primitives.js';

const detailSchema: z.ZodType<TaskDetail> = z.looseObject({
  type: z.string().optional(),
  localMessageText: z.string().optional(),
  occurrences: z.number().optional(),
  values: z
    .array(z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((value) => String(value ?? '')))
    .default([]),
});

/** @internal */
export const taskResultSchema: z.ZodType<TaskResult> = z.looseObject({
  successful: z.boolean(),
  failureDumpAvailable: z.boolean().default(false),
  objectId: idSchema.optional(),
  objectName: z.string().optional(),
  details: z.array(detailSchema).default([]),
  get nestedResults(): z.ZodDefault<z.ZodArray<z.ZodType<TaskResult>>> {
    return z.array(taskResultSchema).default([]);
  },
});

/** @internal */
export const taskSchema: z.ZodType<Task> = z.looseObject({
  taskId: idSchema,
  taskState: openEnum(['NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'CANCELLING', 'CANCELLED']),
  creationTime: z.number().optional(),
  currentStep: z.string().optional(),
  progress: z.number().optional(),
  result: taskResultSchema.optional(),
});

/** @internal */
export const taskListEntrySchema: z.ZodType<TaskListEntry> = z.looseObject({
  taskId: idSchema,
  taskState: z.string().optional(),
  creationTime: z.number().optional(),
});
