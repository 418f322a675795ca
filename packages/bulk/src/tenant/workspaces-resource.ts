// Tests: ../integration-client.test.ts
import type { CallOptions, PagePromise } from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import { type ApiClient, segment } from '../internal/api-client.js';
import { workspaceAdminSchema, workspaceSchema } from '../internal/schemas/tenant-schemas.js';
import type { IntegrationListOptions } from '../list-options.js';
import type { IntegrationPage } from '../list-page.js';
import type { Workspace, WorkspaceAdmin } from './tenant-types.js';

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
   * @throws `IncompleteReadError` from the walk when the listing cannot be read completely (a page without its key
   *   in the middle of the listing, a short or empty page before `meta.paging.totalSize`, a total that changes).
   */
  list(options: IntegrationListOptions = {}): PagePromise<IntegrationPage<Workspace>, Workspace> {
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
    return withCallOptions(options, (signal) =>
      this.#api.getObject(`/workspaces/${segment(workspaceId)}`, 'workspace', workspaceSchema, {
        signal,
        searchParams: { tenantDetails: 'true' },
      }),
    );
  }

  /**
   * The workspace's administrators, following `meta.paging`. Needs a tenant-level role (User Admin).
   *
   * Administrators are protected from deprovisioning, so this listing is read strictly: an answer without its
   * `admins` key counts as "no administrators" only when its `meta.paging.totalSize` says 0 (a workspace always
   * has one; an answer that says nothing is not believed), and a page that is short, empty before
   * `meta.paging.totalSize`, or whose total changes fails the walk.
   *
   * @example
   * ```ts
   * const admins = await client.workspaces.admins(workspaceId).toArray({ limit: 1000 });
   * ```
   * @throws `IncompleteReadError` from the walk when the list cannot be read completely (`missing-key`,
   *   `short-page`, `empty-page`, `total-changed`, `count-mismatch`, `over-cap`, `deadline`).
   */
  admins(
    workspaceId: string,
    options: IntegrationListOptions = {},
  ): PagePromise<IntegrationPage<WorkspaceAdmin>, WorkspaceAdmin> {
    return this.#api.list(`/workspaces/${segment(workspaceId)}/admins`, 'admins', workspaceAdminSchema, {
      ...options,
      keyless: 'total-zero',
    });
  }
}
