// Tests: ./tenant-routes.test.ts, ./model-routes.test.ts, test/contract/integration-simulator.contract.test.ts

import type { SimulatorContext } from '../internal/context.js';
import type { RouteContext, RouteHandler, Router } from '../internal/router.js';
import type { SimModel, SimUser } from '../state.js';
import { authenticate, modelForOperation } from './access.js';
import { apiRoute } from './envelope.js';
import { type IntegrationStore, integrationStore, type ModelRuntime } from './store.js';
import { TaskEngine } from './task-engine.js';

/** The two path forms of model-scoped operations: workspace-prefixed and model-direct. */
export const modelPrefixes = [
  '/2/0/workspaces/:workspaceId/models/:modelId',
  '/2/0/models/:modelId',
] as const;

/**
 * Which path forms a model-scoped route is served in: both, or only the one the live notes confirm (`workspace`:
 * `/workspaces/{w}/models/{m}/…`; `model`: `/models/{m}/…`). The other form then answers as an unknown route: 404,
 * or 405 where that path has other methods.
 */
export type PathForms = 'both' | 'workspace' | 'model';

/** What a model-scoped handler works with. */
export interface ModelRequest {
  user: SimUser;
  model: SimModel;
  runtime: ModelRuntime;
}

/** Shared by the Integration API route modules. */
export class IntegrationApi {
  readonly context: SimulatorContext;
  readonly store: IntegrationStore;
  readonly tasks: TaskEngine;
  readonly #router: Router;

  constructor(router: Router, context: SimulatorContext) {
    this.#router = router;
    this.context = context;
    this.store = integrationStore(context.state);
    this.tasks = new TaskEngine(context, this.store);
    this.store.advanceTasks = (model) => this.tasks.advance(model);
  }

  /** Registers a handler; {@link ApiFailure}s it throws become error envelopes. */
  on(method: string, pattern: string, handler: RouteHandler): void {
    this.#router.on(method, pattern, apiRoute(handler));
  }

  /**
   * Registers a model-scoped handler under {@link modelPrefixes} (both unless `forms` names one); `suffix` starts
   * with `/` (or is empty).
   */
  onModel(
    method: string,
    suffix: string,
    handler: (route: RouteContext) => void | Promise<void>,
    forms: PathForms = 'both',
  ): void {
    const [workspaceForm, modelForm] = modelPrefixes;
    const prefixes = forms === 'both' ? modelPrefixes : [forms === 'workspace' ? workspaceForm : modelForm];
    for (const prefix of prefixes) this.on(method, `${prefix}${suffix}`, handler);
  }

  /** The authenticated caller (401 otherwise). */
  caller(route: RouteContext): SimUser {
    return authenticate(route, this.context);
  }

  /**
   * Authenticates, resolves the model (404 when unknown or not reachable) and lets its tasks progress to now, so
   * every model-scoped answer reflects the task queue at the simulator's clock.
   */
  modelRequest(route: RouteContext): ModelRequest {
    const user = this.caller(route);
    const model = modelForOperation(route, this.context, user);
    this.tasks.advance(model);
    return { user, model, runtime: this.store.runtime(model) };
  }
}
