/**
 * The documented task states, plus any state the server adds later.
 *
 * `COMPLETE` means the task finished, **whether or not it succeeded**: read `result.successful`.
 * `CANCELLED` means its changes were rolled back.
 */
export type TaskState =
  | 'NOT_STARTED'
  | 'IN_PROGRESS'
  | 'COMPLETE'
  | 'CANCELLING'
  | 'CANCELLED'
  | (string & {});

/** Which kind of action a task runs; also the path segment of its URLs. */
export type ActionKind = 'imports' | 'exports' | 'processes' | 'actions';

/** One entry of `result.details`. */
export interface TaskDetail {
  /** A code such as `hierarchyRowsProcessed`, `usersRowsProcessed`, `importFailedGeneralError`. */
  type?: string | undefined;
  localMessageText?: string | undefined;
  occurrences?: number | undefined;
  /** The flat key/value array the API sends (`["successRowCount", "90", …]`). */
  values: string[];
  [field: string]: unknown;
}

/** `task.result`: present once the task is `COMPLETE` (and sometimes when `CANCELLED`). */
export interface TaskResult {
  /** Whether the action succeeded. `false` on a `COMPLETE` task is a failure. */
  successful: boolean;
  /** Rows were rejected or warned about and a failure dump can be downloaded; can be `true` with `successful`. */
  failureDumpAvailable: boolean;
  /** The action (import, export, process …) the result is about. */
  objectId?: string | undefined;
  objectName?: string | undefined;
  details: TaskDetail[];
  /** For a process: one result per action it ran. */
  nestedResults: TaskResult[];
  [field: string]: unknown;
}

/** A task as `GET …/tasks/{taskId}` reports it. */
export interface Task {
  /** 32 upper-case hex characters. */
  taskId: string;
  taskState: TaskState;
  /** Epoch ms. */
  creationTime?: number | undefined;
  /** `"Complete."`, `"Failed."`, `"Processing ..."` … */
  currentStep?: string | undefined;
  /** 0 to 1. */
  progress?: number | undefined;
  result?: TaskResult | undefined;
  cancelledBy?: unknown;
  [field: string]: unknown;
}

/** A task as `GET …/tasks` lists it. */
export interface TaskListEntry {
  taskId: string;
  taskState?: TaskState | undefined;
  /** Epoch ms. */
  creationTime?: number | undefined;
  [field: string]: unknown;
}

/** A task that has stopped: finished (`COMPLETE`, with a `result`) or rolled back (`CANCELLED`). */
export type FinishedTask =
  | (Task & { taskState: 'COMPLETE'; result: TaskResult })
  | (Task & { taskState: 'CANCELLED' });

/** A runtime mapping value for a "prompt at runtime" import mapping. */
export interface MappingParameter {
  /** The dimension, e.g. `Version`. */
  entityType: string;
  /** The item, e.g. `Actual`. */
  entityName: string;
}
