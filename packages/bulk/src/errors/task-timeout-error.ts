// Tests: ./guards.test.ts, ../tasks/task-handle.test.ts
import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';
import type { ActionKind, Task } from '../tasks/task-types.js';

/** What a {@link TaskTimeoutError} is built from. */
export interface TaskTimeoutErrorInit {
  kind: ActionKind;
  actionId: string;
  taskId: string;
  timeoutMs: number;
  /** The task as last polled, if it was polled at all. */
  lastTask: Task | undefined;
}

/**
 * A task did not finish before the `timeoutMs` deadline of `wait()`. The task itself keeps running on the server:
 * wait again, or call `cancel()`.
 *
 * @example
 * ```ts
 * if (isTaskTimeoutError(error)) await model.imports.task(error.actionId, error.taskId).cancel();
 * ```
 */
export class TaskTimeoutError extends AnaplanAccessError {
  static override readonly kind: string = 'task-timeout';
  override readonly name: string = 'TaskTimeoutError';
  readonly actionKind: ActionKind;
  readonly actionId: string;
  readonly taskId: string;
  readonly timeoutMs: number;
  /** The task as last polled (its `taskState` tells whether it was queued or running). */
  readonly lastTask: Task | undefined;

  constructor(init: TaskTimeoutErrorInit) {
    super(
      `Task ${init.taskId} of ${init.kind}/${init.actionId} did not finish within ${init.timeoutMs} ms` +
        (init.lastTask ? ` (last state ${init.lastTask.taskState})` : ''),
    );
    this.actionKind = init.kind;
    this.actionId = init.actionId;
    this.taskId = init.taskId;
    this.timeoutMs = init.timeoutMs;
    this.lastTask = init.lastTask;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      actionKind: this.actionKind,
      actionId: this.actionId,
      taskId: this.taskId,
      timeoutMs: this.timeoutMs,
      lastState: this.lastTask?.taskState,
    };
  }
}

/**
 * Whether `value` is a {@link TaskTimeoutError} (by the SDK's brand: also one from another
 * installed copy of the package).
 *
 * @example
 * ```ts
 * if (isTaskTimeoutError(error)) await model.imports.task(error.actionId, error.taskId).cancel();
 * ```
 */
export const isTaskTimeoutError = (value: unknown): value is TaskTimeoutError =>
  isAnaplanAccessError(value, 'task-timeout');
