// Tests: ./task-routes.test.ts, ./file-routes.test.ts, ./users-import.test.ts, test/fidelity/integration-switches.test.ts

import type { TenantState } from '../state.js';
import { fileBytes } from './files.js';
import { integrationStore, type SimTaskKind, type SimTaskState } from './store.js';

/** A read-only view of an Integration API task, for assertions. */
export interface IntegrationTaskSnapshot {
  taskId: string;
  /** `imports`, `exports`, `processes` or `actions`. */
  kind: SimTaskKind;
  /** The import, export, process or action id. */
  objectId: string;
  /** userName of who started it. */
  startedBy: string | undefined;
  taskState: SimTaskState;
  creationTime: number;
  /** Simulator-clock ms when it began running, if it did. */
  startedAt: number | undefined;
  /** Simulator-clock ms when it completed or was cancelled. */
  finishedAt: number | undefined;
  /** `result.successful`, once complete. */
  successful: boolean | undefined;
}

/** Test hooks for the simulated Integration API (files, tasks, dumps) that no endpoint offers. */
export interface IntegrationControls {
  /** Lets every model's tasks progress to the simulator's clock now (requests do this on their own). */
  settle(): void;
  /** The tasks of a model in creation order (after {@link IntegrationControls.settle}). */
  tasks(modelId: string): IntegrationTaskSnapshot[];
  /**
   * Removes failure dumps, as Anaplan does 48 hours after the last access; their download then answers 404.
   * @returns how many dumps were removed
   */
  removeDumps(modelId?: string): number;
  /** The text of a model's file as a user sees it (their private content, else the default); `undefined` if none. */
  fileText(modelId: string, fileId: string, userName: string): string | undefined;
}

/**
 * Test hooks for the Integration API of a running simulator. Task timing itself is driven by the switches
 * `taskDurationMs` and `holdTasks` (`sim.state.switches.holdTasks = true` keeps the running task `IN_PROGRESS`).
 *
 * @example
 * ```ts
 * const sim = await startSimulator({ seed, switches: { taskDurationMs: 5 } });
 * const controls = integrationControls(sim.state);
 * controls.removeDumps(); // every dump download now answers 404
 * ```
 */
export function integrationControls(state: TenantState): IntegrationControls {
  const store = integrationStore(state);
  const modelOf = (modelId: string) => {
    const model = state.models.get(modelId);
    if (!model) throw new Error(`Unknown model ${modelId}`);
    return model;
  };
  return {
    settle() {
      for (const model of state.models.values()) store.advanceTasks?.(model);
    },
    tasks(modelId) {
      const model = modelOf(modelId);
      store.advanceTasks?.(model);
      return store.runtime(model).tasks.map((task) => ({
        taskId: task.taskId,
        kind: task.kind,
        objectId: task.objectId,
        startedBy: state.users.get(task.userId)?.userName,
        taskState: task.taskState,
        creationTime: task.creationTime,
        startedAt: task.startedAt,
        finishedAt: task.finishedAt,
        successful: task.result?.successful,
      }));
    },
    removeDumps(modelId) {
      let removed = 0;
      for (const model of state.models.values()) {
        if (modelId !== undefined && model.id !== modelId) continue;
        const runtime = store.runtime(model);
        removed += runtime.dumps.size;
        runtime.dumps.clear();
      }
      return removed;
    },
    fileText(modelId, fileId, userName) {
      const file = store.runtime(modelOf(modelId)).files.get(fileId);
      const user = state.findUserByName(userName);
      return file && user ? fileBytes(file, user.id)?.toString('utf8') : undefined;
    },
  };
}
