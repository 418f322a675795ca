import { TaskFailedError } from '../errors/task-failed-error.js';
import { downloadDump, noDump } from '../internal/download-dump.js';
import { dumpLimits } from '../internal/download-limits.js';
import { importCounts } from '../internal/import-counts.js';
import type { ModelScope } from '../internal/model-scope.js';
import { runAndWait } from '../internal/run-and-wait.js';
import { uploadFile } from '../internal/upload-file.js';
import type { UploadResult } from '../upload/upload-options.js';
import type { ProcessesResource } from './action-resources.js';
import type { FilesResource } from './files-resource.js';
import type { RunProcessOptions } from './run-options.js';
import type { ProcessActionResult, ProcessResult } from './run-results.js';

/**
 * What {@link ModelClient.runProcess} does: uploads the data of its imports, runs the process, waits for it, and
 * reports each action with the rows of its failure dump.
 */
export async function runProcess(
  scope: ModelScope,
  processes: ProcessesResource,
  files: FilesResource,
  processIdOrName: string,
  options: RunProcessOptions = {},
): Promise<ProcessResult> {
  const signal = options.signal;
  dumpLimits(options.dump); // a wrong option is refused before anything runs
  const processId = await processes.resolve(processIdOrName, { signal });
  const metadata = await processes.get(processId, { signal });
  const uploads: UploadResult[] = [];
  for (const [fileIdOrName, data] of Object.entries(options.uploads ?? {})) {
    const fileId = await files.resolve(fileIdOrName, { signal });
    uploads.push(await uploadFile(scope, fileId, data, { ...options.upload, signal }));
  }
  const task = await runAndWait(processes, processId, options);
  if (task.taskState !== 'COMPLETE')
    throw new TaskFailedError({ kind: 'processes', actionId: processId, task });
  const actions: ProcessActionResult[] = [];
  for (const nested of task.result.nestedResults) {
    const objectId = nested.objectId ?? '';
    const described = metadata.actions?.find((action) => action.id === objectId);
    const dump =
      nested.failureDumpAvailable && objectId !== ''
        ? await downloadDump(
            scope,
            { kind: 'processes', actionId: processId, taskId: task.taskId, nestedObjectId: objectId },
            { signal, dump: options.dump },
          )
        : noDump();
    actions.push({
      objectId,
      name: described?.name ?? nested.objectName,
      actionType: described?.actionType,
      successful: nested.successful,
      failureDumpAvailable: nested.failureDumpAvailable,
      details: nested.details,
      counts: importCounts(nested.details),
      ...dump,
    });
  }
  return {
    taskId: task.taskId,
    processId,
    successful: task.result.successful,
    details: task.result.details,
    actions,
    uploads,
    task,
  };
}
