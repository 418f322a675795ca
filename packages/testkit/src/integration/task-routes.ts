import { parseJsonBody, sendBytes, sendEmpty, sendJson } from '../internal/respond.js';
import type { RouteContext } from '../internal/router.js';
import type { SimModel } from '../state.js';
import { canOpenModel } from './access.js';
import type { IntegrationApi, ModelRequest } from './api.js';
import { ApiFailure, lenientSort, pageOf, schemaUrl, sendEnvelope } from './envelope.js';
import { splitIntoChunks } from './files.js';
import { requireModelWritable } from './model-availability.js';
import { dumpKey, type SimDump, type SimTask, type SimTaskKind } from './store.js';
import { taskJson, taskListEntry } from './task-engine.js';

const kinds: readonly SimTaskKind[] = ['imports', 'exports', 'processes', 'actions'];

/** Whether a task finished and says that it (or, in a process, its action `objectId`) has no failure dump. */
function finishedWithoutDump(task: SimTask, objectId: string): boolean {
  if (task.taskState !== 'COMPLETE' || !task.result) return false;
  const result =
    task.kind === 'processes'
      ? task.result.nestedResults?.find((nested) => nested.objectId === objectId)
      : task.result;
  return result !== undefined && !result.failureDumpAvailable;
}

function definitions(model: SimModel, kind: SimTaskKind): { id: string; name: string }[] {
  return model[kind === 'actions' ? 'actions' : kind];
}

/** Checks a start-task body: `localeName` is required (400 otherwise); `mappingParameters` must be well formed. */
function checkStartBody(body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiFailure(400, "Expected a JSON body with mandatory field 'localeName'");
  const { localeName, mappingParameters } = body as { localeName?: unknown; mappingParameters?: unknown };
  if (typeof localeName !== 'string' || localeName === '')
    throw new ApiFailure(400, "Expected mandatory field 'localeName' to be present and not empty");
  if (mappingParameters === undefined) return;
  const valid =
    Array.isArray(mappingParameters) &&
    mappingParameters.every(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as { entityType?: unknown }).entityType === 'string' &&
        typeof (entry as { entityName?: unknown }).entityName === 'string',
    );
  if (!valid) throw new ApiFailure(400, "'mappingParameters' must be an array of { entityType, entityName }");
}

/**
 * Registers, for imports, exports, processes and other actions: start (`POST .../tasks`; the answer's shape is the
 * `taskStartShape` switch), list (`GET .../tasks`),
 * monitor (`GET .../tasks/{taskId}`), cancel (`DELETE .../tasks/{taskId}`), and the failure dumps (`.../dump` for
 * imports, exports and actions; `.../dumps/{objectId}` per nested action for processes), whole or in chunks. The dump
 * of a task that has none answers 404, or 204 per the `emptyDumpStatus` switch.
 *
 * Start and cancel are served only in the workspace-prefixed form (the one the live notes, the spec and Anaplan
 * Connect use for them); the model-direct form answers 405 there. Reads are served in both forms.
 */
export function registerTaskRoutes(api: IntegrationApi): void {
  const { context } = api;
  const taskSchema = (model: SimModel) => schemaUrl(context, 'task', model.id);

  const findTask = (request: ModelRequest, kind: SimTaskKind, route: RouteContext): SimTask => {
    const task = request.runtime.tasks.find(
      (candidate) =>
        candidate.taskId === route.params['taskId'] &&
        candidate.kind === kind &&
        candidate.objectId === route.params['objectId'],
    );
    if (!task) throw new ApiFailure(404, 'Not Found');
    return task;
  };

  /** The task's dump; `undefined` for a finished task without one when `emptyDumpStatus` is 204; 404 otherwise. */
  const findDump = (route: RouteContext, kind: SimTaskKind): SimDump | undefined => {
    const request = api.modelRequest(route);
    const task = findTask(request, kind, route);
    const objectId = route.params['nestedId'] ?? task.objectId;
    const dump = request.runtime.dumps.get(dumpKey(request.user.id, kind, task.objectId, objectId));
    if (dump && dump.taskId === task.taskId) return dump;
    if (context.state.switches.emptyDumpStatus === 204 && finishedWithoutDump(task, objectId))
      return undefined;
    // Not finished, never had a dump (404 by default), or removed or replaced: only the latest task's dump is
    // kept, per user, and a removed or replaced dump answers 404.
    throw new ApiFailure(404, 'Not Found');
  };

  for (const kind of kinds) {
    const base = `/${kind}/:objectId/tasks`;

    api.onModel(
      'POST',
      base,
      (route) => {
        const request = api.modelRequest(route);
        const object = definitions(request.model, kind).find((item) => item.id === route.params['objectId']);
        if (!object) throw new ApiFailure(404, 'Not Found');
        requireModelWritable(request.model, `starting a task of ${kind}`);
        checkStartBody(parseJsonBody(route.body));
        const task = api.tasks.start(request.model, kind, object, request.user);
        if (context.state.switches.taskStartShape === 'bare') {
          // The spec's TaskWithUrl example for imports and processes: the task id alone, no envelope.
          sendJson(route.response, 200, { taskId: task.taskId });
          return;
        }
        sendEnvelope(route, taskSchema(request.model), {
          task: { taskId: task.taskId, taskState: task.taskState, creationTime: task.creationTime },
        });
      },
      'workspace',
    );

    api.onModel('GET', base, (route) => {
      const user = api.caller(route);
      const model = context.state.models.get(route.params['modelId'] ?? '');
      const workspaceId = route.params['workspaceId'];
      if (!model || (workspaceId !== undefined && workspaceId !== model.workspaceId))
        throw new ApiFailure(404, 'Not Found');
      // Live probes: an unknown parent, or a NO ACCESS caller, gets 200 with an empty list rather than 404.
      let tasks: SimTask[] = [];
      if (canOpenModel(context.state, user, model)) {
        api.tasks.advance(model);
        tasks = api.store
          .runtime(model)
          .tasks.filter((task) => task.kind === kind && task.objectId === route.params['objectId']);
      }
      // Live probes: `creationDate`, `taskId`, `taskState` and `progress` sort; any other field (`creationTime`
      // included) is accepted and ignored.
      const sorted = lenientSort(tasks, route.url, {
        creationDate: (task) => task.creationTime,
        taskId: (task) => task.taskId,
        taskState: (task) => task.taskState,
        progress: (task) => api.tasks.progress(task),
      });
      const { items, paging } = pageOf(sorted, route, context);
      sendEnvelope(route, taskSchema(model), { tasks: items.map(taskListEntry) }, paging);
    });

    api.onModel('GET', `${base}/:taskId`, (route) => {
      const request = api.modelRequest(route);
      const task = findTask(request, kind, route);
      sendEnvelope(route, taskSchema(request.model), { task: taskJson(api.tasks, task) });
    });

    api.onModel(
      'DELETE',
      `${base}/:taskId`,
      (route) => {
        const request = api.modelRequest(route);
        const task = findTask(request, kind, route);
        api.tasks.cancel(request.model, task);
        sendEnvelope(route, taskSchema(request.model), { task: taskJson(api.tasks, task) });
      },
      'workspace',
    );

    const dumpPath = kind === 'processes' ? `${base}/:taskId/dumps/:nestedId` : `${base}/:taskId/dump`;
    api.onModel('GET', dumpPath, (route) => {
      const dump = findDump(route, kind);
      // The spec's 204: "no dump content available (import completed with no failures)".
      if (!dump) sendEmpty(route.response, 204);
      else sendBytes(route.response, 200, dump.content, 'text/plain; charset=utf-8');
    });
    api.onModel('GET', `${dumpPath}/chunks`, (route) => {
      const dump = findDump(route, kind);
      const chunks = dump
        ? splitIntoChunks(dump.content).map((_chunk, index) => ({
            id: String(index),
            name: `Chunk ${index}`,
          }))
        : [];
      const { items, paging } = pageOf(chunks, route, context);
      // No dump content: the `chunks` key is left out, as for a file without content (live probes).
      sendEnvelope(
        route,
        schemaUrl(context, 'chunk', route.params['modelId']),
        dump ? { chunks: items } : {},
        paging,
      );
    });
    api.onModel('GET', `${dumpPath}/chunks/:chunkId`, (route) => {
      const dump = findDump(route, kind);
      const chunk = dump && splitIntoChunks(dump.content)[Number(route.params['chunkId'])];
      if (!/^\d+$/.test(route.params['chunkId'] ?? '') || !chunk) throw new ApiFailure(404, 'Not Found');
      sendBytes(route.response, 200, chunk, 'text/plain; charset=utf-8');
    });
  }
}
