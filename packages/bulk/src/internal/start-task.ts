// Tests: ../tasks/task-handle.test.ts
import { setTimeout as sleep } from 'node:timers/promises';
import {
  isConnectionError,
  isResponseValidationError,
  isServerError,
  isTimeoutError,
} from '@anaplan-access/core';
import { z } from 'zod';
import type { RunOptions } from '../model/run-options.js';
import { TaskHandle } from '../tasks/task-handle.js';
import type { ActionKind, TaskListEntry } from '../tasks/task-types.js';
import { segment } from './api-client.js';
import type { ModelScope } from './model-scope.js';
import { taskListEntrySchema } from './schemas/task-schemas.js';

/** How many times a start is sent again after the server was found not to have started it. */
const maximumStartAttempts = 3;
/** Wait before looking for the task after a timeout or a dropped connection: the server may still be at it. */
const settleDelayMs = 1000;

/**
 * The answer to a start: the `{ meta, status, task: { taskId, … } }` envelope real clients read, or the bare
 * `{ taskId, … }` (`TaskWithUrl`) the spec shows for imports and processes. Either gives the task id.
 */
const startAnswerSchema: z.ZodType<string> = z.union([
  z.looseObject({ task: taskListEntrySchema }).transform((body) => body.task.taskId),
  taskListEntrySchema.transform((body) => body.taskId),
]);

/**
 * Starts a task without ever running it twice. Starting a task is not idempotent, so the transport does not retry
 * it after a 5xx, a timeout or a dropped connection. Instead, the task list (sorted by creation time) is read
 * before the start; after such a failure it is read again, and a task that appeared in between is adopted as the
 * one this call started. Only when none appeared is the start sent again (at most three attempts in all).
 *
 * A 2xx whose body names no task (neither shape above, or not JSON) is uncertain too, but the server said it
 * started something: the task is adopted from the list, which is read twice; it is never started again, and
 * when no new task shows up the `ResponseValidationError` is thrown.
 * @internal
 */
export async function startTask(
  scope: ModelScope,
  kind: ActionKind,
  actionId: string,
  options: RunOptions = {},
): Promise<TaskHandle> {
  const tasksPath = `${scope.basePath}/${kind}/${segment(actionId)}/tasks`;
  const signal = options.signal;
  const body: Record<string, unknown> = { localeName: 'en_US' };
  if (options.mappingParameters !== undefined && options.mappingParameters.length > 0) {
    body['mappingParameters'] = options.mappingParameters.map((parameter) => ({ ...parameter }));
  }
  const known = await listTaskIds(scope, tasksPath, signal);
  for (let attempt = 1; ; attempt += 1) {
    try {
      const taskId = await scope.api.json('POST', tasksPath, startAnswerSchema, {
        json: body,
        idempotent: false,
        signal,
      });
      return new TaskHandle(scope, kind, actionId, taskId);
    } catch (error) {
      // A 2xx that names no task: the server accepted the start, so the task is looked for, never started again.
      const accepted = isResponseValidationError(error);
      const uncertain = accepted || isServerError(error) || isTimeoutError(error) || isConnectionError(error);
      if (!uncertain) throw error;
      if (!isServerError(error) && !accepted) await sleep(settleDelayMs, undefined, { signal });
      let adopted = await firstNewTask(scope, tasksPath, known, signal);
      if (adopted === undefined && accepted) {
        await sleep(settleDelayMs, undefined, { signal });
        adopted = await firstNewTask(scope, tasksPath, known, signal);
      }
      if (adopted !== undefined) {
        scope.api.logger.warn(
          {
            kind,
            actionId,
            taskId: adopted.task.taskId,
            error: (error as Error).name,
            candidates: adopted.candidates,
          },
          accepted
            ? 'The server started the task but its answer named no task; adopting the task from the task list'
            : 'Starting the task failed, but the server had started it; adopting that task',
        );
        return new TaskHandle(scope, kind, actionId, adopted.task.taskId, true);
      }
      if (accepted || attempt >= maximumStartAttempts) throw error;
      scope.api.logger.warn(
        { kind, actionId, attempt, error: (error as Error).name },
        'Starting the task failed and no task was started; starting it again',
      );
    }
  }
}

async function listTasks(
  scope: ModelScope,
  path: string,
  signal: AbortSignal | undefined,
): Promise<TaskListEntry[]> {
  return scope.api.listAll(path, 'tasks', taskListEntrySchema, {
    searchParams: { sort: '-creationDate' },
    signal,
  });
}

/** The earliest task of the list that was not there before the start, and how many new ones there were. */
async function firstNewTask(
  scope: ModelScope,
  path: string,
  known: ReadonlySet<string>,
  signal: AbortSignal | undefined,
): Promise<{ task: TaskListEntry; candidates: number } | undefined> {
  const appeared = (await listTasks(scope, path, signal)).filter((task) => !known.has(task.taskId));
  const task = appeared.sort((left, right) => (left.creationTime ?? 0) - (right.creationTime ?? 0))[0];
  return task === undefined ? undefined : { task, candidates: appeared.length };
}

async function listTaskIds(
  scope: ModelScope,
  path: string,
  signal: AbortSignal | undefined,
): Promise<Set<string>> {
  return new Set((await listTasks(scope, path, signal)).map((task) => task.taskId));
}
