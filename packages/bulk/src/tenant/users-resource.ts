// Tests: ../integration-client.test.ts
import type { CallOptions, PagePromise } from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import { type ApiClient, segment } from '../internal/api-client.js';
import { userSchema } from '../internal/schemas/tenant-schemas.js';
import type { IntegrationListOptions } from '../list-options.js';
import type { IntegrationPage } from '../list-page.js';
import type { IntegrationUser } from './tenant-types.js';

/**
 * Tenant user records (`/users`). Read-only, and without model roles, selective access or SSO: those live in each
 * model's Users list and are set through a USERS import.
 */
export class IntegrationUsersResource {
  readonly #api: ApiClient;

  /** @internal */
  constructor(api: ApiClient) {
    this.#api = api;
  }

  /**
   * The user the client is signed in as.
   *
   * @example
   * ```ts
   * const me = await client.users.me();
   * ```
   */
  me(options: CallOptions = {}): Promise<IntegrationUser> {
    return withCallOptions(options, (signal) =>
      this.#api.getObject('/users/me', 'user', userSchema, { signal }),
    );
  }

  /**
   * Every user of the default tenant, page by page (`meta.paging` is followed). Needs workspace-admin or
   * tenant-level access.
   *
   * @example
   * ```ts
   * for await (const user of client.users.list()) console.log(user.email);
   * const firstPage = await client.users.list({ pageSize: 100 });
   * ```
   * @throws `IncompleteReadError` from the walk when the listing cannot be read completely (a page without its key
   *   in the middle of the listing, a short or empty page before `meta.paging.totalSize`, a total that changes).
   */
  list(options: IntegrationListOptions = {}): PagePromise<IntegrationPage<IntegrationUser>, IntegrationUser> {
    return this.#api.list('/users', 'users', userSchema, { ...options, itemKey: (user) => user.id });
  }

  /**
   * One user by id.
   *
   * @throws {NotFoundError} when there is no such user (or it is not visible).
   */
  get(userId: string, options: CallOptions = {}): Promise<IntegrationUser> {
    return withCallOptions(options, (signal) =>
      this.#api.getObject(`/users/${segment(userId)}`, 'user', userSchema, { signal }),
    );
  }
}
