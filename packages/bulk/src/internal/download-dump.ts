import { type DumpFailure, parseDump } from '../dump/parse-dump.js';
import type { ActionKind } from '../tasks/task-types.js';
import { segment } from './api-client.js';
import { downloadInChunks } from './download-in-chunks.js';
import type { ModelScope } from './model-scope.js';

/**
 * Downloads a task's failure dump in chunks and parses it: `…/{kind}/{id}/tasks/{taskId}/dump` for an import (or
 * export or action), `…/processes/{id}/tasks/{taskId}/dumps/{objectId}` for an action inside a process.
 * @internal
 */
export async function downloadDump(
  scope: ModelScope,
  target: { kind: ActionKind; actionId: string; taskId: string; nestedObjectId?: string },
  signal: AbortSignal | undefined,
): Promise<DumpFailure[]> {
  const taskPath = `${scope.basePath}/${target.kind}/${segment(target.actionId)}/tasks/${segment(target.taskId)}`;
  const path =
    target.nestedObjectId === undefined
      ? `${taskPath}/dump`
      : `${taskPath}/dumps/${segment(target.nestedObjectId)}`;
  const parts: Uint8Array[] = [];
  for await (const part of downloadInChunks(scope, path, signal === undefined ? {} : { signal }))
    parts.push(part);
  return parseDump(Buffer.concat(parts));
}
