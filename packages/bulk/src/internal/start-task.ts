import { setTimeout as sleep } from 'node:timers/promises';
import { isConnectionError, isServerError, isTimeoutError } from '@anaplan-access/core';
import { envelopeSchema } from '../schemas/envelope.js';
import type { RunOptions } from '../tasks/run-options.js';
import { TaskHandle } from '../tasks/task-handle.js';
import { type ActionKind, type TaskListEntry, taskListEntrySchema } from '../tasks/task-types.js';
import { segment } from './api-client.js';
import type { ModelScope } from './model-scope.js';

/** How many times a start is sent again after the server was found not to have started it. */
const maximumStartAttempts = 3;
/** Wait before looking for the task after a timeout or a dropped connection: the server may still be at it. */
const settleDelayMs = 1000;

/**
 * Starts a task without ever running it twice. Starting a task is not idempotent, so the transport does not retry
 * it after a 5xx, a timeout or a dropped connection. Instead, the task list (sorted by creation time) is read
 * before the start; after such a failure it is read again, and a task that appeared in between is adopted as the
 * one this call started. Only when none appeared is the start sent again (at most three attempts in all).
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
      const answer = await scope.api.json('POST', tasksPath, envelopeSchema('task', taskListEntrySchema), {
        json: body,
        idempotent: false,
        ...(signal === undefined ? {} : { signal }),
      });
      return new TaskHandle(scope, kind, actionId, answer.task.taskId);
    } catch (error) {
      const uncertain = isServerError(error) || isTimeoutError(error) || isConnectionError(error);
      if (!uncertain) throw error;
      if (!isServerError(error)) await sleep(settleDelayMs, undefined, { signal });
      const appeared = (await listTasks(scope, tasksPath, signal)).filter((task) => !known.has(task.taskId));
      const adopted = appeared.sort((left, right) => (left.creationTime ?? 0) - (right.creationTime ?? 0))[0];
      if (adopted !== undefined) {
        scope.api.logger.warn(
          {
            kind,
            actionId,
            taskId: adopted.taskId,
            error: (error as Error).name,
            candidates: appeared.length,
          },
          'Starting the task failed, but the server had started it; adopting that task',
        );
        return new TaskHandle(scope, kind, actionId, adopted.taskId, true);
      }
      if (attempt >= maximumStartAttempts) throw error;
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
    searchParams: { sort: '-creationTime' },
    ...(signal === undefined ? {} : { signal }),
  });
}

async function listTaskIds(
  scope: ModelScope,
  path: string,
  signal: AbortSignal | undefined,
): Promise<Set<string>> {
  return new Set((await listTasks(scope, path, signal)).map((task) => task.taskId));
}
