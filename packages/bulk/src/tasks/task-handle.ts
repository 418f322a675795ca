import { setTimeout as sleep } from 'node:timers/promises';
import { AbortError, type CallOptions, ResponseValidationError } from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import { z } from 'zod';
import { TaskTimeoutError } from '../errors/task-timeout-error.js';
import { segment } from '../internal/api-client.js';
import type { ModelScope } from '../internal/model-scope.js';
import { envelopeSchema } from '../internal/schemas/envelope.js';
import { taskSchema } from '../internal/schemas/task-schemas.js';
import type { ActionKind, FinishedTask, Task } from './task-types.js';
import { defaultPollIntervalMs, defaultWaitTimeoutMs, type WaitOptions } from './wait-options.js';

const cancelAnswerSchema = z.union([z.undefined(), envelopeSchema('task', taskSchema.optional())]);
const knownStates = new Set(['NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'CANCELLING', 'CANCELLED']);

/**
 * A started (or adopted) task of an import, export, process or other action: poll it, wait for it, cancel it.
 *
 * @example
 * ```ts
 * const task = await model.imports.run(importId);
 * const finished = await task.wait({ timeoutMs: 15 * 60_000, onProgress: (t) => console.log(t.progress) });
 * if (finished.taskState === 'COMPLETE' && finished.result.successful) console.log('imported');
 * ```
 */
export class TaskHandle {
  /** `imports`, `exports`, `processes` or `actions`. */
  readonly kind: ActionKind;
  /** The import, export, process or action id. */
  readonly actionId: string;
  readonly taskId: string;
  /**
   * `true` when the start request failed, or succeeded with an answer that named no task, and the task was found
   * started on the server (in its task list) and adopted.
   */
  readonly adopted: boolean;
  readonly #scope: ModelScope;

  /** @internal */
  constructor(scope: ModelScope, kind: ActionKind, actionId: string, taskId: string, adopted = false) {
    this.#scope = scope;
    this.kind = kind;
    this.actionId = actionId;
    this.taskId = taskId;
    this.adopted = adopted;
  }

  /** `…/{kind}/{actionId}/tasks/{taskId}` */
  get path(): string {
    return `${this.#scope.basePath}/${this.kind}/${segment(this.actionId)}/tasks/${segment(this.taskId)}`;
  }

  /**
   * Polls the task once.
   *
   * @throws {NotFoundError} when the task does not exist under this action.
   */
  get(options: CallOptions = {}): Promise<Task> {
    return withCallOptions(options, (signal) =>
      this.#scope.api.getObject(this.path, 'task', taskSchema, { signal }),
    );
  }

  /**
   * Polls until the task stops: `COMPLETE` (finished, **successful or not** — read `result.successful`) or
   * `CANCELLED`. `NOT_STARTED` (queued behind another task on the model), `IN_PROGRESS`, `CANCELLING` and any state
   * the server adds later mean "keep waiting". Each poll waits `intervalMs` first.
   *
   * The wait ends at its `timeoutMs` deadline whatever the task does: a task that stays `CANCELLING` (the live
   * notes count it among the states a task can end in) or a poll that hangs does not hold it longer. A poll still in
   * flight at the deadline is cut, except the first one, so that the timeout names a state the server gave
   * (`lastTask.taskState`, also in the message) whenever the server answers within the client's `timeoutMs`.
   *
   * @throws {TaskTimeoutError} at the `timeoutMs` deadline (the task keeps running, or keeps cancelling).
   * @throws {AbortError} when `signal` fires (the task keeps running; call {@link TaskHandle.cancel} to stop it).
   */
  async wait(options: WaitOptions = {}): Promise<FinishedTask> {
    const timeoutMs = options.timeoutMs ?? defaultWaitTimeoutMs;
    const intervalMs = Math.max(0, options.intervalMs ?? defaultPollIntervalMs);
    const deadline = Date.now() + timeoutMs;
    const signal = options.signal;
    let lastTask: Task | undefined;
    let reportedUnknown = false;
    const timeout = () =>
      new TaskTimeoutError({
        kind: this.kind,
        actionId: this.actionId,
        taskId: this.taskId,
        timeoutMs,
        lastTask,
      });
    for (;;) {
      const remaining = deadline - Date.now();
      try {
        await sleep(Math.min(intervalMs, Math.max(0, remaining)), undefined, { signal });
      } catch (reason) {
        throw new AbortError({ method: 'GET', url: this.#scope.api.url(this.path), cause: reason });
      }
      lastTask = await this.#poll(lastTask === undefined ? undefined : deadline, signal, timeout);
      options.onProgress?.(lastTask);
      const state = lastTask.taskState;
      if (state === 'COMPLETE') {
        if (lastTask.result === undefined) throw this.#missingResult(lastTask);
        return lastTask as FinishedTask;
      }
      if (state === 'CANCELLED') return lastTask as FinishedTask;
      if (!knownStates.has(state) && !reportedUnknown) {
        reportedUnknown = true;
        this.#scope.api.logger.debug(
          { taskId: this.taskId, taskState: state },
          'Unknown task state; waiting as for a running task',
        );
      }
      if (Date.now() >= deadline) throw timeout();
    }
  }

  /** One poll of {@link TaskHandle.wait}, cut at `deadline` (when given) with the wait's timeout error. */
  async #poll(
    deadline: number | undefined,
    signal: AbortSignal | undefined,
    timeout: () => TaskTimeoutError,
  ): Promise<Task> {
    if (deadline === undefined) return this.get({ signal });
    const cut = AbortSignal.timeout(Math.max(0, deadline - Date.now()));
    try {
      return await this.get({ signal: signal === undefined ? cut : AbortSignal.any([signal, cut]) });
    } catch (error) {
      if (cut.aborted && !signal?.aborted) throw timeout();
      throw error;
    }
  }

  /**
   * Asks the server to cancel the task (`DELETE …/tasks/{taskId}`). A queued task is cancelled at once; a running
   * one goes through `CANCELLING` to `CANCELLED`, and its changes are rolled back. Returns the task as the server
   * reports it, when it sends one. It does not wait: call {@link TaskHandle.wait} for `CANCELLED`, with a deadline,
   * since a task can stay `CANCELLING` (the wait then ends in a `TaskTimeoutError` whose `lastTask.taskState` is
   * `CANCELLING`).
   *
   * @example
   * ```ts
   * await task.cancel();
   * const stopped = await task.wait({ timeoutMs: 5 * 60_000 }); // taskState 'CANCELLED'
   * ```
   */
  async cancel(options: CallOptions = {}): Promise<Task | undefined> {
    const body = await withCallOptions(options, (signal) =>
      this.#scope.api.json('DELETE', this.path, cancelAnswerSchema, { signal }),
    );
    return body?.task;
  }

  #missingResult(task: Task): ResponseValidationError {
    return new ResponseValidationError({
      method: 'GET',
      url: this.#scope.api.url(this.path),
      status: 200,
      issues: [{ code: 'invalid_type', path: ['task', 'result'], message: 'a COMPLETE task has no result' }],
      rawBody: JSON.stringify({ task }),
    });
  }
}
