import { readCsv, readCsvRows } from '../csv/csv-reader.js';
import { TaskFailedError } from '../errors/task-failed-error.js';
import type { ExportsResource } from '../model/action-resources.js';
import type { RunActionOptions } from '../model/run-options.js';
import type { ExportResult } from '../model/run-results.js';
import type { FinishedTask } from '../tasks/task-types.js';
import { segment } from './api-client.js';
import { downloadInChunks } from './download-in-chunks.js';
import type { ModelScope } from './model-scope.js';

interface FinishedExport {
  exportId: string;
  task: FinishedTask & { taskState: 'COMPLETE' };
  delimiter: string;
}

/** Runs an export and waits for it; an unsuccessful or cancelled export is a {@link TaskFailedError}. */
async function finishExport(
  exports: ExportsResource,
  exportIdOrName: string,
  options: RunActionOptions,
): Promise<FinishedExport> {
  const withSignal = options.signal === undefined ? {} : { signal: options.signal };
  const exportId = await exports.resolve(exportIdOrName, withSignal);
  const metadata = await exports.get(exportId, withSignal);
  const handle = await exports.run(exportId, {
    ...withSignal,
    ...(options.mappingParameters === undefined ? {} : { mappingParameters: options.mappingParameters }),
  });
  const task = await handle.wait({ ...options.wait, ...withSignal });
  if (task.taskState !== 'COMPLETE' || !task.result.successful) {
    throw new TaskFailedError({ kind: 'exports', actionId: exportId, task });
  }
  const separator = metadata.separator;
  return { exportId, task, delimiter: separator !== undefined && separator.length === 1 ? separator : ',' };
}

/** @internal */
export async function runExport(
  scope: ModelScope,
  exports: ExportsResource,
  exportIdOrName: string,
  options: RunActionOptions = {},
): Promise<ExportResult> {
  const { exportId, task, delimiter } = await finishExport(exports, exportIdOrName, options);
  const parts: Uint8Array[] = [];
  const path = `${scope.basePath}/files/${segment(exportId)}`;
  const withSignal = options.signal === undefined ? {} : { signal: options.signal };
  for await (const part of downloadInChunks(scope, path, withSignal)) parts.push(part);
  const csv = new TextDecoder().decode(Buffer.concat(parts));
  const { headers, rows } = readCsv(csv, { delimiter });
  return { taskId: task.taskId, exportId, headers, rows, csv, details: task.result.details, task };
}

/** @internal */
export async function* streamExport(
  scope: ModelScope,
  exports: ExportsResource,
  exportIdOrName: string,
  options: RunActionOptions = {},
): AsyncGenerator<Record<string, string>, void, undefined> {
  const { exportId, delimiter } = await finishExport(exports, exportIdOrName, options);
  const withSignal = options.signal === undefined ? {} : { signal: options.signal };
  const chunks = downloadInChunks(scope, `${scope.basePath}/files/${segment(exportId)}`, withSignal);
  yield* readCsvRows(chunks, { delimiter });
}
