import { readCsv, readCsvRows } from '../csv/csv-reader.js';
import { TaskFailedError } from '../errors/task-failed-error.js';
import { segment } from '../internal/api-client.js';
import { asDownloadReadError, downloadedRows } from '../internal/download-csv.js';
import { downloadInChunks } from '../internal/download-in-chunks.js';
import { byteCap, maxStringBytes } from '../internal/download-limits.js';
import type { ModelScope } from '../internal/model-scope.js';
import { runAndWait } from '../internal/run-and-wait.js';
import { modelFileSchema } from '../internal/schemas/model-object-schemas.js';
import type { FinishedTask } from '../tasks/task-types.js';
import type { ExportsResource } from './action-resources.js';
import { defaultExportMaxBytes, type RunExportOptions } from './run-options.js';
import type { ExportResult } from './run-results.js';

interface FinishedExport {
  exportId: string;
  task: FinishedTask & { taskState: 'COMPLETE' };
  delimiter: string;
  /** The export's file: its chunks, checked against the file's metadata, and how errors name it. */
  download: { what: string; path: string; chunks: AsyncGenerator<Uint8Array, void, undefined> };
}

/**
 * Runs an export, waits for it, and opens its file for download; an unsuccessful or cancelled export is a
 * {@link TaskFailedError}. The file's `chunkCount` (from the files listing) is what the chunk listing must match.
 */
async function finishExport(
  scope: ModelScope,
  exports: ExportsResource,
  exportIdOrName: string,
  options: RunExportOptions,
  maxBytes: number,
): Promise<FinishedExport> {
  const { signal } = options;
  const exportId = await exports.resolve(exportIdOrName, { signal });
  const metadata = await exports.get(exportId, { signal });
  const task = await runAndWait(exports, exportId, options);
  if (task.taskState !== 'COMPLETE' || !task.result.successful) {
    throw new TaskFailedError({ kind: 'exports', actionId: exportId, task });
  }
  const separator = metadata.separator;
  const files = await scope.api.listAll(`${scope.basePath}/files`, 'files', modelFileSchema, { signal });
  const chunkCount = files.find((file) => file.id === exportId)?.chunkCount;
  const path = `${scope.basePath}/files/${segment(exportId)}`;
  const what = `export ${exportId}`;
  const chunks = downloadInChunks(scope, path, {
    signal,
    expect: { what, expectContent: true, chunkCount, maxBytes, pieces: true },
  });
  return {
    exportId,
    task,
    delimiter: separator !== undefined && separator.length === 1 ? separator : ',',
    download: { what, path, chunks },
  };
}

/**
 * What {@link ModelClient.runExport} does: runs the export, waits for it, and reads its whole file (at most `maxBytes`)
 * into rows.
 */
export async function runExport(
  scope: ModelScope,
  exports: ExportsResource,
  exportIdOrName: string,
  options: RunExportOptions = {},
): Promise<ExportResult> {
  const maxBytes = byteCap('maxBytes', options.maxBytes, defaultExportMaxBytes, maxStringBytes);
  const { exportId, task, delimiter, download } = await finishExport(
    scope,
    exports,
    exportIdOrName,
    options,
    maxBytes,
  );
  const parts: Uint8Array[] = [];
  for await (const part of download.chunks) parts.push(part);
  const csv = new TextDecoder().decode(Buffer.concat(parts));
  parts.length = 0;
  let table: ReturnType<typeof readCsv>;
  try {
    table = readCsv(csv, { delimiter });
  } catch (error) {
    throw asDownloadReadError(error, download);
  }
  return {
    taskId: task.taskId,
    exportId,
    headers: table.headers,
    rows: table.rows,
    csv,
    details: task.result.details,
    task,
  };
}

/**
 * What {@link ModelClient.streamExport} does: runs the export, waits for it, and yields its rows while the file is
 * downloaded chunk by chunk.
 */
export async function* streamExport(
  scope: ModelScope,
  exports: ExportsResource,
  exportIdOrName: string,
  options: RunExportOptions = {},
): AsyncGenerator<Record<string, string>, void, undefined> {
  const maxBytes = byteCap('maxBytes', options.maxBytes, Number.POSITIVE_INFINITY);
  const { delimiter, download } = await finishExport(scope, exports, exportIdOrName, options, maxBytes);
  yield* downloadedRows(readCsvRows(download.chunks, { delimiter }), download);
}
