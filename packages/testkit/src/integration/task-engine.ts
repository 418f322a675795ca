// Tests: ./task-routes.test.ts

import type { SimulatorContext } from '../internal/context.js';
import { upperHexId } from '../internal/ids.js';
import type { SimModel, SimUser } from '../state.js';
import { runTask } from './action-runner.js';
import type { IntegrationStore, ModelRuntime, SimTask, SimTaskKind } from './store.js';

/**
 * The task state machine and the model lock. Tasks progress with the simulator's clock, evaluated lazily whenever a
 * request touches the model: the oldest task runs (`IN_PROGRESS`) for `switches.taskDurationMs`, then completes and
 * applies its changes all at once; the others wait `NOT_STARTED`, first in, first out. A cancelled task never
 * applies anything, which is how "changes rolled back" looks from outside. While `switches.holdTasks` is true the
 * running (or cancelling) task does not move on.
 */
export class TaskEngine {
  readonly #context: SimulatorContext;
  readonly #store: IntegrationStore;

  constructor(context: SimulatorContext, store: IntegrationStore) {
    this.#context = context;
    this.#store = store;
  }

  /** Queues a new task (`NOT_STARTED`); it starts at once when the model is free. */
  start(model: SimModel, kind: SimTaskKind, object: { id: string; name: string }, user: SimUser): SimTask {
    this.advance(model);
    const task: SimTask = {
      taskId: upperHexId(),
      kind,
      objectId: object.id,
      objectName: object.name,
      modelId: model.id,
      userId: user.id,
      creationTime: this.#context.now(),
      taskState: 'NOT_STARTED',
      startedAt: undefined,
      cancelAt: undefined,
      finishedAt: undefined,
      result: undefined,
    };
    this.#store.runtime(model).tasks.push(task);
    return task;
  }

  /** Moves the model's tasks forward to the simulator's current time. */
  advance(model: SimModel): void {
    const runtime = this.#store.runtime(model);
    const now = this.#context.now();
    const { holdTasks, taskDurationMs } = this.#context.state.switches;
    for (;;) {
      const running = runtime.tasks.find(
        (task) => task.taskState === 'IN_PROGRESS' || task.taskState === 'CANCELLING',
      );
      if (running) {
        if (holdTasks) return;
        if (running.taskState === 'CANCELLING') {
          const cancelAt = running.cancelAt ?? now;
          if (now < cancelAt) return;
          running.taskState = 'CANCELLED';
          running.finishedAt = cancelAt;
          continue;
        }
        const endsAt = (running.startedAt ?? now) + taskDurationMs;
        if (now < endsAt) return;
        this.#complete(model, runtime, running, endsAt);
        continue;
      }
      const next = runtime.tasks.find((task) => task.taskState === 'NOT_STARTED');
      if (!next) return;
      const lastFinished = Math.max(0, ...runtime.tasks.map((task) => task.finishedAt ?? 0));
      next.taskState = 'IN_PROGRESS';
      next.startedAt = Math.max(next.creationTime, lastFinished);
      runtime.open = true;
    }
  }

  /** `DELETE .../tasks/{id}`: a waiting task is `CANCELLED` at once, a running one goes through `CANCELLING`. */
  cancel(model: SimModel, task: SimTask): void {
    this.advance(model);
    const now = this.#context.now();
    if (task.taskState === 'NOT_STARTED') {
      task.taskState = 'CANCELLED';
      task.finishedAt = now;
    } else if (task.taskState === 'IN_PROGRESS') {
      task.taskState = 'CANCELLING';
      task.cancelAt = now + Math.max(1, Math.ceil(this.#context.state.switches.taskDurationMs / 2));
    }
  }

  /** The running task of a model, if any (for the model status). */
  running(model: SimModel): SimTask | undefined {
    return this.#store
      .runtime(model)
      .tasks.find((task) => task.taskState === 'IN_PROGRESS' || task.taskState === 'CANCELLING');
  }

  /** `progress` as the API reports it: 0 while waiting, the elapsed fraction while running, 1 when done. */
  progress(task: SimTask): number {
    if (task.taskState === 'NOT_STARTED') return 0;
    if (task.taskState === 'COMPLETE' || task.taskState === 'CANCELLED') return 1;
    const duration = this.#context.state.switches.taskDurationMs;
    if (duration <= 0 || task.startedAt === undefined) return 0;
    const elapsed = (this.#context.now() - task.startedAt) / duration;
    return Math.round(Math.min(0.99, Math.max(0, elapsed)) * 100) / 100;
  }

  #complete(model: SimModel, runtime: ModelRuntime, task: SimTask, finishedAt: number): void {
    task.result = runTask(this.#context, model, runtime, task);
    task.taskState = 'COMPLETE';
    task.finishedAt = finishedAt;
  }
}

const currentSteps = {
  NOT_STARTED: 'Not started.',
  IN_PROGRESS: 'Processing ...',
  CANCELLING: 'Cancelling ...',
  CANCELLED: 'Cancelled.',
} as const;

/** The `task` object of `GET .../tasks/{taskId}` (and of start and cancel). */
export function taskJson(engine: TaskEngine, task: SimTask): Record<string, unknown> {
  const json: Record<string, unknown> = {
    type: 'taskInformation',
    taskId: task.taskId,
    currentStep:
      task.taskState === 'COMPLETE'
        ? task.result?.successful
          ? 'Complete.'
          : 'Failed.'
        : currentSteps[task.taskState],
    progress: engine.progress(task),
    taskState: task.taskState,
    creationTime: task.creationTime,
  };
  if (task.taskState === 'COMPLETE' && task.result) json['result'] = task.result;
  return json;
}

/** An entry of `GET .../tasks`. */
export function taskListEntry(task: SimTask): Record<string, unknown> {
  return { taskId: task.taskId, taskState: task.taskState, creationTime: task.creationTime };
}
