import { ConfigurationError } from '@anaplan-access/core';
import { TaskFailedError } from '../errors/task-failed-error.js';
import { downloadDump, noDump } from '../internal/download-dump.js';
import { dumpLimits } from '../internal/download-limits.js';
import { importCounts } from '../internal/import-counts.js';
import type { ModelScope } from '../internal/model-scope.js';
import { runAndWait } from '../internal/run-and-wait.js';
import { uploadFile } from '../internal/upload-file.js';
import type { UploadResult } from '../upload/upload-options.js';
import type { UploadSource } from '../upload/upload-source.js';
import type { ImportsResource } from './action-resources.js';
import type { RunImportOptions } from './run-options.js';
import type { ImportResult } from './run-results.js';

/**
 * What {@link ModelClient.runImport} does: checks the `dump` option, finds the import, uploads the data to its data
 * source file, runs the import, waits for it, and reads the failure dump when the task announces one.
 */
export async function runImport(
  scope: ModelScope,
  imports: ImportsResource,
  importIdOrName: string,
  data: UploadSource | undefined,
  options: RunImportOptions = {},
): Promise<ImportResult> {
  const signal = options.signal;
  dumpLimits(options.dump); // a wrong option is refused before anything is written
  const definition = await imports.find(importIdOrName, { signal });
  let upload: UploadResult | undefined;
  if (data !== undefined) {
    const fileId = definition.importDataSourceId;
    if (fileId === undefined || fileId === '') {
      throw new ConfigurationError(
        'data',
        `Import "${definition.name}" (${definition.id}) reads no uploaded file, so no data can be given`,
      );
    }
    upload = await uploadFile(scope, fileId, data, { ...options.upload, signal });
  }
  const task = await runAndWait(imports, definition.id, options);
  if (task.taskState !== 'COMPLETE')
    throw new TaskFailedError({ kind: 'imports', actionId: definition.id, task });
  const { result } = task;
  const dump = result.failureDumpAvailable
    ? await downloadDump(
        scope,
        { kind: 'imports', actionId: definition.id, taskId: task.taskId },
        { signal, dump: options.dump },
      )
    : noDump();
  return {
    taskId: task.taskId,
    importId: definition.id,
    successful: result.successful,
    counts: importCounts(result.details),
    details: result.details,
    ...dump,
    failureDumpAvailable: result.failureDumpAvailable,
    upload,
    task,
  };
}
