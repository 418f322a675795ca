// Tests: ../model/run-import.test.ts, ../model/run-process.test.ts
import { isNotFoundError, isResponseValidationError } from '@anaplan-access/core';
import type { DumpFailure } from '../dump/dump-failure.js';
import { DownloadReadError } from '../errors/download-read-error.js';
import type { DumpReadOptions } from '../model/run-options.js';
import type { FailureCounts } from '../model/run-results.js';
import type { ActionKind } from '../tasks/task-types.js';
import { segment } from './api-client.js';
import { asDownloadReadError } from './download-csv.js';
import { downloadInChunks } from './download-in-chunks.js';
import { dumpLimits } from './download-limits.js';
import { dumpFailureBatches } from './dump-failures.js';
import type { ModelScope } from './model-scope.js';

/** What was read of a failure dump: the rows kept, and every row counted. @internal */
export interface DumpReading {
  failures: DumpFailure[];
  failureCounts: FailureCounts;
  failuresTruncated: boolean;
}

/** What an action without a failure dump reports. @internal */
export function noDump(): DumpReading {
  return { failures: [], failureCounts: { errors: 0, warnings: 0 }, failuresTruncated: false };
}

/**
 * Downloads a task's failure dump chunk by chunk and parses it record by record: `…/{kind}/{id}/tasks/{taskId}/dump`
 * for an import (or export or action), `…/processes/{id}/tasks/{taskId}/dumps/{objectId}` for an action inside a
 * process. Up to `keepRows` failures are kept; all are counted. The server said there is a dump, so a dump without
 * content, with missing chunks or with a cut or ragged record is a `DownloadReadError`.
 * @internal
 */
export async function downloadDump(
  scope: ModelScope,
  target: { kind: ActionKind; actionId: string; taskId: string; nestedObjectId?: string },
  options: { signal?: AbortSignal | undefined; dump?: DumpReadOptions | undefined },
): Promise<DumpReading> {
  const { keepRows, maxBytes } = dumpLimits(options.dump);
  const taskPath = `${scope.basePath}/${target.kind}/${segment(target.actionId)}/tasks/${segment(target.taskId)}`;
  const path =
    target.nestedObjectId === undefined
      ? `${taskPath}/dump`
      : `${taskPath}/dumps/${segment(target.nestedObjectId)}`;
  const action = `${target.kind.replace(/s$/, '')} ${target.actionId}`;
  const what =
    target.nestedObjectId === undefined
      ? `failure dump of ${action} (task ${target.taskId})`
      : `failure dump of action ${target.nestedObjectId} in ${action} (task ${target.taskId})`;
  const chunks = downloadInChunks(scope, path, {
    signal: options.signal,
    expect: { what, expectContent: true, maxBytes, maxBytesOption: 'dump.maxBytes', pieces: true },
  });
  const reading = noDump();
  try {
    for await (const failures of dumpFailureBatches(chunks))
      for (const failure of failures) {
        if (failure.status === 'error') reading.failureCounts.errors += 1;
        else reading.failureCounts.warnings += 1;
        if (reading.failures.length < keepRows) reading.failures.push(failure);
        else reading.failuresTruncated = true;
      }
  } catch (error) {
    throw missingDump(error, { what, path }) ?? asDownloadReadError(error, { what, path });
  }
  return reading;
}

/**
 * The task announced a dump (`failureDumpAvailable`), yet it answered 404 or 204, the answers of a task without one:
 * a `DownloadReadError` (`no-content`), never "no failures".
 */
function missingDump(
  error: unknown,
  download: { what: string; path: string },
): DownloadReadError | undefined {
  const status = isNotFoundError(error)
    ? '404: removed (48 hours after its last access), replaced by a later run of the same import, or not visible'
    : isResponseValidationError(error) && error.status === 204
      ? '204 (no content)'
      : undefined;
  if (status === undefined) return undefined;
  return new DownloadReadError({
    ...download,
    problem: 'no-content',
    detail: `the task reports failureDumpAvailable, but the dump answered ${status}`,
  });
}
