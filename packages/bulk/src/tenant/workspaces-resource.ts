import type { PagePromise } from '@anaplan-access/core';
import {
  type ApiClient,
  type CallOptions,
  type ListOptions,
  type ListPage,
  segment,
} from '../internal/api-client.js';
import {
  type Workspace,
  type WorkspaceAdmin,
  workspaceAdminSchema,
  workspaceSchema,
} from '../schemas/tenant-schemas.js';

/** Workspaces the caller can see (`/workspaces`). */
export class WorkspacesResource {
  readonly #api: ApiClient;

  /** @internal */
  constructor(api: ApiClient) {
    this.#api = api;
  }

  /**
   * Every workspace the caller can see, with their sizes (`tenantDetails=true`), following `meta.paging`.
   *
   * @example
   * ```ts
   * for await (const workspace of client.workspaces.list()) console.log(workspace.name);
   * ```
   */
  list(options: ListOptions = {}): PagePromise<ListPage<Workspace>, Workspace> {
    return this.#api.list('/workspaces', 'workspaces', workspaceSchema, {
      ...options,
      searchParams: { tenantDetails: 'true' },
      itemKey: (workspace) => workspace.id,
    });
  }

  /**
   * One workspace. Anaplan answers 404 to callers who are not its Workspace Administrators.
   *
   * @throws {NotFoundError} when it does not exist or the caller does not administer it.
   */
  get(workspaceId: string, options: CallOptions = {}): Promise<Workspace> {
    return this.#api.getObject(`/workspaces/${segment(workspaceId)}`, 'workspace', workspaceSchema, {
      ...options,
      searchParams: { tenantDetails: 'true' },
    });
  }

  /**
   * The workspace's administrators, following `meta.paging`. Needs a tenant-level role (User Admin).
   *
   * @example
   * ```ts
   * const admins = await client.workspaces.admins(workspaceId).toArray({ limit: 1000 });
   * ```
   */
  admins(
    workspaceId: string,
    options: ListOptions = {},
  ): PagePromise<ListPage<WorkspaceAdmin>, WorkspaceAdmin> {
    return this.#api.list(
      `/workspaces/${segment(workspaceId)}/admins`,
      'admins',
      workspaceAdminSchema,
      options,
    );
  }
}
