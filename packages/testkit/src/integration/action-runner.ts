// Tests: ./task-routes.test.ts, ./users-import.test.ts

import { auditedUsersImport } from '../audit/import-changes.js';
import type { SimulatorContext } from '../internal/context.js';
import type { SimModel, SimUser } from '../state.js';
import { isModelAdmin } from './access.js';
import { runDeleteAction } from './delete-action.js';
import { buildExport, exportCsv } from './export-engine.js';
import { fileBytes, splitIntoChunks } from './files.js';
import { failedOutcome, type ImportOutcome } from './import-outcome.js';
import { runListImport } from './list-import.js';
import {
  dumpKey,
  type ModelRuntime,
  newFile,
  type SimTask,
  type SimTaskKind,
  type TaskResult,
} from './store.js';
import { runUsersImport } from './users-import.js';

type SimImport = SimModel['imports'][number];

interface RunScope {
  context: SimulatorContext;
  model: SimModel;
  runtime: ModelRuntime;
  user: SimUser;
  task: SimTask;
}

/** A (nested) action of a model, found by id or name. */
export function findAction(
  model: SimModel,
  idOrName: string,
): { kind: Exclude<SimTaskKind, 'processes'>; id: string; name: string } | undefined {
  const match = <T extends { id: string; name: string }>(list: T[]) =>
    list.find((item) => item.id === idOrName) ?? list.find((item) => item.name === idOrName);
  const found = match(model.imports);
  if (found) return { kind: 'imports', id: found.id, name: found.name };
  const exported = match(model.exports);
  if (exported) return { kind: 'exports', id: exported.id, name: exported.name };
  const other = match(model.actions);
  if (other) return { kind: 'actions', id: other.id, name: other.name };
  return undefined;
}

function runImport(scope: RunScope, definition: SimImport): ImportOutcome {
  const file = scope.runtime.files.get(definition.fileId);
  const bytes = file ? fileBytes(file, scope.user.id) : undefined;
  if (!bytes)
    return failedOutcome(
      'uploadedFileNoLongerAvailable',
      `The data source file ${definition.fileId} has no content: upload it before running the import`,
    );
  const text = bytes.toString('utf8');
  switch (definition.importType) {
    case 'USERS':
      if (!isModelAdmin(scope.context.state, scope.user, scope.model))
        return failedOutcome('notAuthorised', 'Only workspace administrators can import into Users');
      return auditedUsersImport(scope.context, scope.user, scope.model, definition, () =>
        runUsersImport(scope.context.state, scope.model, definition, text),
      );
    case 'HIERARCHY_DATA':
      return runListImport(scope.model, definition, text);
    default:
      return failedOutcome(
        'importFailedGeneralError',
        `The simulator does not run ${definition.importType} imports`,
      );
  }
}

function runExport(scope: RunScope, exportId: string): TaskResult {
  const definition = scope.model.exports.find((candidate) => candidate.id === exportId);
  if (!definition) return { objectId: exportId, successful: false, failureDumpAvailable: false, details: [] };
  const table = buildExport(scope.model, definition);
  let file = scope.runtime.files.get(definition.id);
  if (!file) {
    file = newFile(definition.id, definition.name);
    scope.runtime.files.set(file.id, file);
  }
  file.privateContent.set(scope.user.id, splitIntoChunks(Buffer.from(exportCsv(table), 'utf8')));
  return {
    objectId: definition.id,
    successful: true,
    failureDumpAvailable: false,
    details: [
      {
        type: 'exportSucceeded',
        occurrences: 0,
        localMessageText: `${definition.name}: ${table.rows.length} rows exported`,
        values: ['rowCount', String(table.rows.length)],
      },
    ],
  };
}

/** Runs one import, export or other action; `parentId` is the action itself, or the process it runs in. */
function runAction(
  scope: RunScope,
  kind: Exclude<SimTaskKind, 'processes'>,
  id: string,
  parentKind: SimTaskKind,
  parentId: string,
): TaskResult {
  if (kind === 'exports') return runExport(scope, id);
  if (kind === 'actions') {
    const action = scope.model.actions.find((candidate) => candidate.id === id);
    return action
      ? runDeleteAction(scope.model, action)
      : { objectId: id, successful: false, failureDumpAvailable: false, details: [] };
  }
  const definition = scope.model.imports.find((candidate) => candidate.id === id);
  const outcome = definition
    ? runImport(scope, definition)
    : failedOutcome('failedToLocateEntity', `Import ${id} does not exist`);
  const key = dumpKey(scope.user.id, parentKind, parentId, id);
  if (outcome.dump !== undefined)
    scope.runtime.dumps.set(key, { taskId: scope.task.taskId, content: Buffer.from(outcome.dump, 'utf8') });
  else if (outcome.successful) scope.runtime.dumps.delete(key);
  return {
    objectId: id,
    successful: outcome.successful,
    failureDumpAvailable: outcome.dump !== undefined,
    details: outcome.details,
  };
}

/** Runs a task's action (a process runs its actions in order and stops after the first that fails). */
export function runTask(
  context: SimulatorContext,
  model: SimModel,
  runtime: ModelRuntime,
  task: SimTask,
): TaskResult {
  const user = context.state.users.get(task.userId);
  if (!user) return { objectId: task.objectId, successful: false, failureDumpAvailable: false, details: [] };
  const scope: RunScope = { context, model, runtime, user, task };
  if (task.kind !== 'processes') {
    return {
      ...runAction(scope, task.kind, task.objectId, task.kind, task.objectId),
      objectName: task.objectName,
    };
  }
  const process = model.processes.find((candidate) => candidate.id === task.objectId);
  const nestedResults: TaskResult[] = [];
  for (const reference of process?.actions ?? []) {
    const action = findAction(model, reference);
    const nested = action
      ? runAction(scope, action.kind, action.id, 'processes', task.objectId)
      : { objectId: reference, successful: false, failureDumpAvailable: false, details: [] };
    nestedResults.push(nested);
    if (!nested.successful) break;
  }
  return {
    objectId: task.objectId,
    objectName: task.objectName,
    successful: process !== undefined && nestedResults.every((nested) => nested.successful),
    failureDumpAvailable: nestedResults.some((nested) => nested.failureDumpAvailable),
    nestedResults,
  };
}
