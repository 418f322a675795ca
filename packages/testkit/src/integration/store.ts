// Tests: ./file-routes.test.ts, ./task-routes.test.ts

import { lowerHexId } from '../internal/ids.js';
import type { SimModel, TenantState } from '../state.js';

/** A chunked upload in progress for one user. */
export interface PendingUpload {
  /** As set by `POST .../files/{id}`; `-1` means "unknown, I will call complete". */
  chunkCount: number;
  chunks: (Buffer | undefined)[];
}

/** A file of a model (import data source, export output, or a file created by upload). */
export interface SimFile {
  id: string;
  name: string;
  delimiter: string;
  encoding: string;
  firstDataRow: number;
  format: string;
  headerRow: number;
  separator: string;
  /** Content every user sees unless they uploaded their own (seeded files). */
  defaultContent: Buffer[] | undefined;
  /** Private content by user id: API uploads and export output are private to the user. */
  privateContent: Map<string, Buffer[]>;
  /** Chunked uploads in progress by user id. */
  uploads: Map<string, PendingUpload>;
}

/**
 * The action kinds that run as tasks, named as in the URL: the `kind` of an {@link IntegrationTaskSnapshot}.
 *
 * @example
 * ```ts
 * const imports = integrationControls(sim.state).tasks(modelId).filter((task) => task.kind === 'imports');
 * ```
 */
export type SimTaskKind = 'imports' | 'exports' | 'processes' | 'actions';

/**
 * The documented `taskState` values: the `taskState` of an {@link IntegrationTaskSnapshot}.
 *
 * @example
 * ```ts
 * const running = integrationControls(sim.state).tasks(modelId).some((task) => task.taskState === 'IN_PROGRESS');
 * ```
 */
export type SimTaskState = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETE' | 'CANCELLING' | 'CANCELLED';

/** One entry of `result.details`: `values` is the flat alternating key/value array. */
export interface TaskDetail {
  type: string;
  occurrences: number;
  localMessageText: string;
  values: string[];
}

/** `task.result` of a completed task. */
export interface TaskResult {
  objectId: string;
  objectName?: string;
  successful: boolean;
  failureDumpAvailable: boolean;
  details?: TaskDetail[];
  nestedResults?: TaskResult[];
}

/** A task of an import, export, process or other action. */
export interface SimTask {
  taskId: string;
  kind: SimTaskKind;
  /** The action (import, export, process or other action) id. */
  objectId: string;
  objectName: string;
  modelId: string;
  /** Who started it. */
  userId: string;
  creationTime: number;
  taskState: SimTaskState;
  startedAt: number | undefined;
  /** When a `CANCELLING` task becomes `CANCELLED`. */
  cancelAt: number | undefined;
  finishedAt: number | undefined;
  result: TaskResult | undefined;
}

/** A failure dump: only the latest task's dump of an action is kept, per user. */
export interface SimDump {
  taskId: string;
  content: Buffer;
}

/** The Integration API's runtime state of one model. */
export interface ModelRuntime {
  files: Map<string, SimFile>;
  /** In creation order (the model lock serves them first in, first out). */
  tasks: SimTask[];
  /** By {@link dumpKey}. */
  dumps: Map<string, SimDump>;
  /** Whether the model is loaded (`Open`) or `Closed`. */
  open: boolean;
}

/** The key of a dump: per user, per task kind and parent action, per (nested) action object. */
export function dumpKey(userId: string, kind: SimTaskKind, parentId: string, objectId: string): string {
  return `${userId}|${kind}|${parentId}|${objectId}`;
}

/** A new, empty file record with the usual delimited-text settings. */
export function newFile(id: string, name: string, separator = ',', headerRow = 1): SimFile {
  return {
    id,
    name,
    delimiter: '"',
    encoding: 'UTF-8',
    firstDataRow: headerRow + 1,
    format: 'txt',
    headerRow,
    separator,
    defaultContent: undefined,
    privateContent: new Map(),
    uploads: new Map(),
  };
}

/** Integration API state that is not part of the tenant seed: files, tasks, dumps, open/closed models. */
export class IntegrationStore {
  /** The tenant's customer id, as `GET /users/me` reports it. */
  readonly customerId = lowerHexId();
  /** Lets a model's tasks progress to the simulator's clock; set once the routes are registered. */
  advanceTasks: ((model: SimModel) => void) | undefined;
  readonly #runtimes = new Map<string, ModelRuntime>();

  /** The runtime of a model, created on first use; files of import definitions added later are added here too. */
  runtime(model: SimModel): ModelRuntime {
    let runtime = this.#runtimes.get(model.id);
    if (!runtime) {
      runtime = { files: new Map(), tasks: [], dumps: new Map(), open: true };
      this.#runtimes.set(model.id, runtime);
      for (const seeded of model.seedFiles) {
        const file = newFile(seeded.id, seeded.name);
        file.defaultContent = seeded.content === '' ? undefined : [Buffer.from(seeded.content, 'utf8')];
        runtime.files.set(file.id, file);
      }
    }
    for (const definition of model.imports) {
      const existing = runtime.files.get(definition.fileId);
      if (existing) {
        existing.separator = definition.separator ?? existing.separator;
        continue;
      }
      const file = newFile(
        definition.fileId,
        definition.fileName ?? `${definition.name}.csv`,
        definition.separator,
        definition.headerRow,
      );
      runtime.files.set(file.id, file);
    }
    return runtime;
  }

  /** Every model runtime created so far. */
  runtimes(): IterableIterator<ModelRuntime> {
    return this.#runtimes.values();
  }
}

const stores = new WeakMap<TenantState, IntegrationStore>();

/** The Integration API store of a tenant (one per {@link TenantState}). */
export function integrationStore(state: TenantState): IntegrationStore {
  let store = stores.get(state);
  if (!store) {
    store = new IntegrationStore();
    stores.set(state, store);
  }
  return store;
}
