// Tests: ./guards.test.ts, ../model/run-import.test.ts
import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';
import type { ActionKind, FinishedTask } from '../tasks/task-types.js';

/**
 * A task finished without success where there is nothing to return: an export whose `result.successful` is
 * `false`, or a task that was cancelled (`taskState: 'CANCELLED'`, its changes rolled back). The task as last
 * polled, with its `result.details`, is attached.
 *
 * Imports and processes do not throw this for `successful: false`; their results say so and carry the failures.
 *
 * @example
 * ```ts
 * if (isTaskFailedError(error)) console.log(error.task.taskState, error.task.result?.details);
 * ```
 */
export class TaskFailedError extends AnaplanAccessError {
  static override readonly kind: string = 'task-failed';
  override readonly name: string = 'TaskFailedError';
  readonly actionKind: ActionKind;
  readonly actionId: string;
  readonly task: FinishedTask;

  constructor(init: { kind: ActionKind; actionId: string; task: FinishedTask }) {
    const detail = init.task.result?.details.find((entry) => entry.localMessageText)?.localMessageText;
    super(
      `Task ${init.task.taskId} of ${init.kind}/${init.actionId} ` +
        (init.task.taskState === 'CANCELLED' ? 'was cancelled' : 'failed') +
        (detail ? `: ${detail}` : ''),
    );
    this.actionKind = init.kind;
    this.actionId = init.actionId;
    this.task = init.task;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      actionKind: this.actionKind,
      actionId: this.actionId,
      taskId: this.task.taskId,
      taskState: this.task.taskState,
    };
  }
}

/**
 * Whether `value` is a {@link TaskFailedError} (by the SDK's brand: also one from another
 * installed copy of the package).
 *
 * @example
 * ```ts
 * if (isTaskFailedError(error)) console.log(error.task.taskState, error.task.result?.details);
 * ```
 */
export const isTaskFailedError = (value: unknown): value is TaskFailedError =>
  isAnaplanAccessError(value, 'task-failed');
