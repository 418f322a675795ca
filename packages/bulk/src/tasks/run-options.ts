import type { MappingParameter } from './task-types.js';

/** Options of `run()`. */
export interface RunOptions {
  /** Values for "prompt at runtime" mappings, e.g. `[{ entityType: 'Version', entityName: 'Actual' }]`. */
  mappingParameters?: readonly MappingParameter[];
  /** Aborts starting the task (a task already started keeps running). */
  signal?: AbortSignal;
}
