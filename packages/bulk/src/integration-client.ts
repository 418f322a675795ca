import { ConfigurationError } from '@anaplan-access/core';
import { createClientTransport } from '@anaplan-access/core/client';
import type { IntegrationClientOptions } from './integration-client-options.js';
import { ApiClient } from './internal/api-client.js';
import { ModelClient } from './model/model-client.js';
import { ModelsResource } from './tenant/models-resource.js';
import { IntegrationUsersResource } from './tenant/users-resource.js';
import { WorkspacesResource } from './tenant/workspaces-resource.js';

/**
 * A client of the Anaplan Integration API v2 ("bulk API"): tenant users, workspaces and models, and per model
 * imports, exports, processes, actions, files, tasks and failure dumps.
 *
 * The constructor only checks options: no request is sent and no timer started until the first call. HTTP,
 * retries (exactly one layer), authentication and error mapping are core's `Transport`.
 *
 * @example
 * ```ts
 * const client = new IntegrationClient({ auth: basicAuth({ username, password }) });
 * const model = client.model(workspaceId, modelId);
 * const result = await model.runImport('Users from users.csv', csv);
 * await client.close();
 * ```
 * @throws {ConfigurationError} for an unknown or invalid option.
 * @group Clients
 */
export class IntegrationClient {
  /** Tenant user records. */
  readonly users: IntegrationUsersResource;
  /** Workspaces and their administrators. */
  readonly workspaces: WorkspacesResource;
  /** Models. */
  readonly models: ModelsResource;
  readonly #api: ApiClient;

  constructor(options: IntegrationClientOptions) {
    this.#api = new ApiClient(createClientTransport('IntegrationClient', 'api', options));
    this.users = new IntegrationUsersResource(this.#api);
    this.workspaces = new WorkspacesResource(this.#api);
    this.models = new ModelsResource(this.#api);
  }

  /**
   * The bulk operations of one model. Ids are case-sensitive (workspace ids lower-case hex, model ids upper-case).
   *
   * @example
   * ```ts
   * const model = client.model(workspaceId, modelId);
   * const importId = await model.imports.resolve('Users from users.csv');
   * ```
   */
  model(workspaceId: string, modelId: string): ModelClient {
    for (const [key, value] of [
      ['workspaceId', workspaceId],
      ['modelId', modelId],
    ] as const) {
      if (typeof value !== 'string' || value.trim() === '')
        throw new ConfigurationError(key, `${key} must be a non-empty string`);
    }
    return new ModelClient(this.#api, workspaceId, modelId);
  }

  /** Ends the session (logs the token out). A later call starts a new session. */
  async close(): Promise<void> {
    await this.#api.transport.close();
  }
}
