// Tests: ../integration-client.test.ts
import type { CallOptions, PagePromise } from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import { type ApiClient, segment } from '../internal/api-client.js';
import { modelSchema } from '../internal/schemas/tenant-schemas.js';
import type { IntegrationListOptions } from '../list-options.js';
import type { IntegrationPage } from '../list-page.js';
import type { Model } from './tenant-types.js';

/** Options of {@link ModelsResource.list}. */
export interface ModelListOptions extends IntegrationListOptions {
  /** Only the models of this workspace (`/workspaces/{id}/models`). @default every model of the default tenant */
  workspaceId?: string;
}

/** Models the caller can see (`/models`). */
export class ModelsResource {
  readonly #api: ApiClient;

  /** @internal */
  constructor(api: ApiClient) {
    this.#api = api;
  }

  /**
   * Every model the caller can see (with memory and dates, `modelDetails=true`), following `meta.paging`.
   *
   * @example
   * ```ts
   * for await (const model of client.models.list({ workspaceId })) console.log(model.name, model.activeState);
   * ```
   * @throws `IncompleteReadError` from the walk when the listing cannot be read completely (a page without its key
   *   in the middle of the listing, a short or empty page before `meta.paging.totalSize`, a total that changes).
   */
  list(options: ModelListOptions = {}): PagePromise<IntegrationPage<Model>, Model> {
    const { workspaceId, ...rest } = options;
    const path = workspaceId === undefined ? '/models' : `/workspaces/${segment(workspaceId)}/models`;
    return this.#api.list(path, 'models', modelSchema, {
      ...rest,
      searchParams: { modelDetails: 'true' },
      itemKey: (model) => model.id,
    });
  }

  /**
   * One model (`GET /models/{id}`; the workspace-prefixed form answers 405).
   *
   * @throws {NotFoundError} when it does not exist or is not visible.
   */
  get(modelId: string, options: CallOptions = {}): Promise<Model> {
    return withCallOptions(options, (signal) =>
      this.#api.getObject(`/models/${segment(modelId)}`, 'model', modelSchema, {
        signal,
        searchParams: { modelDetails: 'true' },
      }),
    );
  }
}
