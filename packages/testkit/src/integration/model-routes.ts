import { sendEmpty, sendJson } from '../internal/respond.js';
import type { RouteContext } from '../internal/router.js';
import type { SimModel } from '../state.js';
import { canOpenModel, canSeeModel, isModelAdmin, isTenantAdmin, isWorkspaceMember } from './access.js';
import type { IntegrationApi } from './api.js';
import { ApiFailure, pageOf, schemaUrl, sendEnvelope, strictSort } from './envelope.js';
import { requireModelWritable } from './model-availability.js';
import { searchFilter } from './tenant-routes.js';

/**
 * Registers `/models`, `/workspaces/{w}/models`, `/models/{m}`, the model status (`GET` or `POST`, both path forms;
 * the one response without an envelope), and `open` / `close` in the model-direct form only (the one live probes and
 * the spec confirm; the workspace-prefixed form answers 404).
 */
export function registerModelRoutes(api: IntegrationApi): void {
  const { context } = api;
  const state = context.state;

  const modelJson = (model: SimModel, route: RouteContext) => {
    const workspace = state.workspaces.get(model.workspaceId);
    const json: Record<string, unknown> = {
      id: model.id,
      name: model.name,
      activeState: model.state,
      currentWorkspaceId: model.workspaceId,
      currentWorkspaceName: workspace?.name ?? '',
      modelUrl: `${context.baseUrl()}/anaplan/framework.jsp?selectedWorkspaceId=${model.workspaceId}&takeAction=modelDrillIn&selectedModelId=${model.id}`,
      categoryValues: [],
    };
    if (route.url.searchParams.get('modelDetails') === 'true') {
      json['memoryUsage'] = 1_048_576 + model.users.size * 1024;
      json['modelTransactionRunning'] = api.tasks.running(model) !== undefined;
    }
    return json;
  };

  const findModel = (route: RouteContext): SimModel => {
    const model = state.models.get(route.params['modelId'] ?? '');
    if (!model) throw new ApiFailure(404, 'Not Found');
    return model;
  };

  /** One page of models in the list envelope. */
  const sendModels = (route: RouteContext, models: SimModel[]) => {
    const { items, paging } = pageOf(models, route, context);
    sendEnvelope(
      route,
      schemaUrl(context, 'model'),
      { models: items.map((model) => modelJson(model, route)) },
      paging,
    );
  };

  api.on('GET', '/2/0/models', (route) => {
    const caller = api.caller(route);
    let models = [...state.models.values()].filter((model) => canOpenModel(state, caller, model));
    if (isTenantAdmin(caller))
      models = searchFilter(models, route.url, caller, [(model) => model.name, (model) => model.id]);
    models = strictSort(models, route.url, {
      name: (model) => model.name,
      activeState: (model) => model.state,
    });
    sendModels(route, models);
  });

  api.on('GET', '/2/0/workspaces/:workspaceId/models', (route) => {
    const caller = api.caller(route);
    const workspaceId = route.params['workspaceId'] ?? '';
    if (
      !state.workspaces.has(workspaceId) ||
      !(isTenantAdmin(caller) || isWorkspaceMember(state, caller, workspaceId))
    )
      throw new ApiFailure(404, 'Not Found');
    const models = [...state.models.values()].filter((model) => model.workspaceId === workspaceId);
    sendModels(route, models);
  });

  api.on('GET', '/2/0/models/:modelId', (route) => {
    const caller = api.caller(route);
    const model = findModel(route);
    // Live probes: a NO ACCESS caller still gets the model's metadata here.
    if (!canSeeModel(state, caller, model)) throw new ApiFailure(404, 'Not Found');
    api.tasks.advance(model);
    sendEnvelope(route, schemaUrl(context, 'model'), { model: modelJson(model, route) });
  });

  api.on('GET', '/2/0/workspaces/:workspaceId/models/:modelId', (route) => {
    const caller = api.caller(route);
    if (!state.switches.workspaceModelGetAllowed) throw new ApiFailure(405, 'Method Not Allowed');
    const model = findModel(route);
    if (model.workspaceId !== route.params['workspaceId'] || !canSeeModel(state, caller, model))
      throw new ApiFailure(404, 'Not Found');
    sendEnvelope(route, schemaUrl(context, 'model'), { model: modelJson(model, route) });
  });

  const status = (route: RouteContext) => {
    const { model, runtime } = api.modelRequest(route);
    const running = api.tasks.running(model);
    const requestStatus: Record<string, unknown> = {
      peakMemoryUsageEstimate: null,
      peakMemoryUsageTime: null,
      progress: running ? api.tasks.progress(running) : -1.0,
      currentStep: running ? 'Processing ...' : runtime.open ? 'Open' : 'Closed',
      tooltip: null,
      exportTaskType: null,
      creationTime: context.now(),
      taskId: running?.taskId ?? null,
    };
    if (running) {
      const runner = state.users.get(running.userId);
      requestStatus['tooltip'] =
        `${runner?.givenName ?? ''} ${runner?.familyName ?? ''} is running ${running.objectName}`;
      if (running.kind === 'exports') requestStatus['exportTaskType'] = 'TABULAR_MULTI_COLUMN';
    }
    // Live probes: the body holds `requestStatus` alone, with no `meta` or `status`.
    sendJson(route.response, 200, { requestStatus });
  };
  api.onModel('GET', '/status', status);
  api.onModel('POST', '/status', status);

  api.onModel(
    'POST',
    '/open',
    (route) => {
      const { user, model, runtime } = api.modelRequest(route);
      if (!isModelAdmin(state, user, model)) throw new ApiFailure(404, 'Not Found');
      // Help: 422 archived, 424 maintenance; a locked model can still be opened (and read).
      if (model.state !== 'LOCKED') requireModelWritable(model, 'opening it');
      const wasOpen = runtime.open;
      runtime.open = true;
      sendEmpty(route.response, wasOpen ? 200 : 202);
    },
    'model',
  );

  api.onModel(
    'POST',
    '/close',
    (route) => {
      const { user, model, runtime } = api.modelRequest(route);
      if (!isModelAdmin(state, user, model))
        throw new ApiFailure(403, 'Closing a model needs a Workspace Administrator');
      if (model.state === 'ARCHIVED') throw new ApiFailure(422, 'The model is archived');
      runtime.open = false;
      sendEmpty(route.response, 204);
    },
    'model',
  );
}
