import {
  type CallOptions,
  isConflictError,
  isConnectionError,
  isResponseValidationError,
  isServerError,
  isTimeoutError,
  type PagePromise,
} from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import { z } from 'zod';
import { workspaceIdsOf } from './entitlements.js';
import { anaplanMaxWorkspacesPerCall } from './internal/anaplan-limits.js';
import { anaplanWriteBody } from './internal/anaplan-write-body.js';
import { findUserByName } from './internal/find-user.js';
import { listUsers } from './internal/list-users.js';
import type { ScimUsersContext } from './internal/users-context.js';
import { changeWorkspaces, type WorkspacePlan } from './internal/workspace-changes.js';
import { type PatchOperation, patch } from './patch.js';
import { ScimRequestRefusedError } from './refused-errors.js';
import { type ScimUser, type ScimUserInput, ScimUserSchema } from './schemas/user.js';
import type { ScimPage } from './scim-page.js';
import { UnresolvedConflictError } from './unresolved-conflict-error.js';
import { scimUrns } from './urns.js';
import type { ScimListOptions, WorkspaceChangeOptions } from './users-options.js';
import { WorkspaceChangeError, type WorkspaceChangeResult } from './workspace-change.js';

const optionalUserSchema = ScimUserSchema.optional();
const anyBodySchema = z.unknown();

function encodeId(id: string): string {
  if (typeof id !== 'string' || id === '') {
    throw new ScimRequestRefusedError('invalid-argument', 'A user id must be a non-empty string');
  }
  return encodeURIComponent(id);
}

function withSchemas<T extends Record<string, unknown>>(resource: T): T & { schemas: string[] } {
  if (Array.isArray(resource['schemas'])) return resource as T & { schemas: string[] };
  const schemas: string[] = [scimUrns.user];
  if (resource[scimUrns.enterpriseUser] !== undefined) schemas.push(scimUrns.enterpriseUser);
  return { schemas, ...resource };
}

/**
 * Runs a create or a replacement and returns the user it answered with. A 2xx whose body is not a User (Anaplan
 * does not document the body of its 207 Multi-Status) means the write happened: the user is read back instead of
 * failing after the change was made. When the read-back finds nobody, the original validation error is thrown.
 */
async function readBackUnlessUser(
  write: () => Promise<ScimUser>,
  readBack: () => Promise<ScimUser | undefined>,
): Promise<ScimUser> {
  try {
    return await write();
  } catch (error) {
    if (!isResponseValidationError(error)) throw error;
    const user = await readBack();
    if (user === undefined) throw error;
    return user;
  }
}

/**
 * The `/Users` resource. Reach it as `client.users`.
 */
export class ScimUsersResource {
  readonly #context: ScimUsersContext;
  /** Which entitlement paths the server took (see `changeWorkspaces`); learned once per client. */
  readonly #entitlementPaths = { valueFiltersRefused: false };

  /** @internal */
  constructor(context: ScimUsersContext) {
    this.#context = context;
  }

  /**
   * Lists users. `await` the result for the first page, `for await` it for every user, or walk `.pages()`.
   * Once the first page gives `totalResults`, the next pages are fetched ahead concurrently (up to the client's
   * `concurrency`). Paging advances by the number of users each page holds, never by `itemsPerPage`; a server
   * that repeats a page (ignoring `startIndex`) ends the iteration with a `PaginationError` instead of a loop.
   * A walk that ends normally has read exactly `totalResults` distinct users. Otherwise it fails with an
   * `IncompleteReadError`: a page empty before `totalResults` is reached, a `totalResults` that changes during the
   * walk, fewer distinct users than announced, a `totalResults` above `maxTotal` (refused before a second page), or
   * a walk longer than `timeoutMs`.
   *
   * @example
   * ```ts
   * for await (const user of client.users.list({ filter: filter.eq('active', true) })) console.log(user.userName);
   * const { totalResults } = await client.users.list({ pageSize: 1 });
   * ```
   * @throws {@link UnsupportedFilterError} (Anaplan only) before any request, for a filter Anaplan refuses.
   * @throws {@link ScimRequestRefusedError} `page-size` (Anaplan only) when `pageSize` is above 100.
   * @throws `ConfigurationError` for an unknown option, when `pageSize` is not an integer from 0, `startIndex` not one from 1, `maxTotal` or
   *   `timeoutMs` not a positive integer or infinity, or `signal` not an `AbortSignal`.
   * @throws `IncompleteReadError` from the walk (not from `await`, which reads the first page only) when the
   *   listing cannot be read completely.
   */
  list(options: ScimListOptions = {}): PagePromise<ScimPage<ScimUser>, ScimUser> {
    return listUsers(this.#context, options);
  }

  /**
   * Reads one user.
   *
   * @example
   * ```ts
   * const user = await client.users.get(id, { timeoutMs: 10_000 });
   * ```
   * @throws a SCIM error satisfying `isNotFoundError` when there is no such user.
   * @throws `TimeoutError` when `timeoutMs` passes; `ConfigurationError` for invalid call options.
   */
  async get(id: string, options: CallOptions = {}): Promise<ScimUser> {
    return withCallOptions(options, (signal) => this.#get(id, signal));
  }

  async #get(id: string, signal: AbortSignal | undefined): Promise<ScimUser> {
    const { data } = await this.#context.http.send({
      method: 'GET',
      path: `/Users/${encodeId(id)}`,
      schema: ScimUserSchema,
      signal,
    });
    return data;
  }

  /**
   * Finds a user by `userName`, ignoring case and Unicode normalization (`userNameKey` of `@anaplan-access/core`:
   * `José` typed with a composed `é` or with `e` and a combining accent is one login); `undefined` when there is
   * none.
   *
   * It asks for `userName eq "<userName>"` and keeps the results whose userName matches that way (an exact match
   * wins). Anaplan compares userName case-insensitively, so that is usually one request; a userName not in NFC is
   * asked for in NFC too. Some servers compare case-sensitively; when the filters find nothing and `fallback` is
   * `'scan'` (the default when the client's `anaplan` option is off), it retries with the folded userName and then
   * walks every user comparing keys — exact but one full listing on a large server. Pass `fallback: 'none'` to
   * skip that.
   *
   * @example
   * ```ts
   * const user = await client.users.findByUserName('Ada.Lovelace@Example.com');
   * ```
   */
  async findByUserName(
    userName: string,
    options: CallOptions & { fallback?: 'scan' | 'none' } = {},
  ): Promise<ScimUser | undefined> {
    return withCallOptions(options, (signal) =>
      findUserByName(this.#context, userName, { signal, fallback: options.fallback }),
    );
  }

  /**
   * Creates a user and returns it as the server stored it (200 and 201 are both success).
   *
   * A create is never replayed automatically after a 5xx, a timeout or a lost connection: the server may have
   * created the user. Use {@link ScimUsersResource.ensure}, which reads back by userName, or do so yourself.
   *
   * @example
   * ```ts
   * const user = await client.users.create({
   *   userName: 'ada@example.com',
   *   name: { givenName: 'Ada', familyName: 'Lovelace' },
   *   entitlements: workspaceEntitlements([workspaceId]),
   * });
   * ```
   * @throws {@link ScimConflictError} (`isConflictError`) when the userName exists; it carries `userName`.
   * @throws {@link ScimRequestRefusedError} `too-many-workspaces` (Anaplan only) above 50 workspaces: create with
   *   50, then call {@link ScimUsersResource.grantWorkspaces}.
   */
  async create(input: ScimUserInput, options: CallOptions = {}): Promise<ScimUser> {
    return withCallOptions(options, (signal) => this.#create(input, signal));
  }

  async #create(input: ScimUserInput, signal: AbortSignal | undefined): Promise<ScimUser> {
    this.#checkWorkspaceCount(input);
    return readBackUnlessUser(
      async () =>
        (
          await this.#context.http.send({
            method: 'POST',
            path: '/Users',
            json: this.#writeBody(input),
            schema: ScimUserSchema,
            idempotent: false,
            userName: input.userName,
            signal,
          })
        ).data,
      () => findUserByName(this.#context, input.userName, { signal }),
    );
  }

  /**
   * Returns the user with `input.userName`, creating it when it does not exist; never creates twice. It looks
   * the user up first; after a 409 it reads the existing user; after a 5xx, timeout or lost connection it reads
   * back by userName to learn whether the create happened. An existing user is returned as it is (not updated).
   *
   * @example
   * ```ts
   * const { user, created } = await client.users.ensure({ userName, name: { givenName, familyName } });
   * ```
   * @throws {@link UnresolvedConflictError} when the create is answered 409 but nobody with that userName can be
   *   read back (the server's account is spelled differently): nothing is created or adopted.
   */
  async ensure(
    input: ScimUserInput,
    options: CallOptions = {},
  ): Promise<{ user: ScimUser; created: boolean }> {
    return withCallOptions(options, async (signal) => {
      const find = () => findUserByName(this.#context, input.userName, { signal });
      const existing = await find();
      if (existing !== undefined) return { user: existing, created: false };
      try {
        return { user: await this.#create(input, signal), created: true };
      } catch (error) {
        const uncertain = isServerError(error) || isTimeoutError(error) || isConnectionError(error);
        if (!isConflictError(error) && !uncertain) throw error;
        const readBack = await find();
        if (readBack === undefined)
          throw isConflictError(error) ? new UnresolvedConflictError(input.userName, error) : error;
        return { user: readBack, created: !isConflictError(error) };
      }
    });
  }

  /**
   * The body of a create or a replacement: on Anaplan only the writable attributes, workspaces as `WORKSPACE`
   * objects; on another SCIM server the user as given (without `meta`), with `schemas` filled in.
   */
  #writeBody(user: ScimUserInput, id?: string): Record<string, unknown> {
    if (this.#context.anaplan) return anaplanWriteBody(user);
    const { meta: _meta, ...body } = user as ScimUserInput & { meta?: unknown };
    return withSchemas(id === undefined ? body : { ...body, id });
  }

  /**
   * Replaces a user (PUT): attributes left out are cleared.
   *
   * On Anaplan, a PUT without entitlements removes the user from **every** workspace, so with the `anaplan`
   * option on, a replacement that holds no workspace is refused before any request unless
   * `allowRemovingAllWorkspaces: true` is passed. Prefer {@link ScimUsersResource.patch} for partial changes.
   *
   * @example
   * ```ts
   * const user = await client.users.get(id);
   * await client.users.replace(id, { ...user, name: { ...user.name, familyName: 'Byron' } });
   * ```
   * @throws {@link ScimRequestRefusedError} `replace-removes-all-workspaces` or `too-many-workspaces`.
   */
  async replace(
    id: string,
    user: ScimUserInput,
    options: CallOptions & { allowRemovingAllWorkspaces?: boolean } = {},
  ): Promise<ScimUser> {
    return withCallOptions(options, (signal) =>
      this.#replace(id, user, options.allowRemovingAllWorkspaces === true, signal),
    );
  }

  async #replace(
    id: string,
    user: ScimUserInput,
    allowRemovingAllWorkspaces: boolean,
    signal: AbortSignal | undefined,
  ): Promise<ScimUser> {
    if (this.#context.anaplan && !allowRemovingAllWorkspaces && workspaceIdsOf(user).length === 0) {
      throw new ScimRequestRefusedError(
        'replace-removes-all-workspaces',
        `Refusing to replace user ${id} without workspace entitlements: Anaplan would remove the user from every ` +
          'workspace. Include the entitlements, use patch(), or pass { allowRemovingAllWorkspaces: true }.',
      );
    }
    this.#checkWorkspaceCount(user);
    return readBackUnlessUser(
      async () =>
        (
          await this.#context.http.send({
            method: 'PUT',
            path: `/Users/${encodeId(id)}`,
            json: this.#writeBody(user, id),
            schema: ScimUserSchema,
            signal,
          })
        ).data,
      () => this.#get(id, signal),
    );
  }

  /**
   * Applies PATCH operations built with {@link patch} and returns the updated user (read again when the
   * server answers 204). The operations are applied by the server in order; {@link applyPatch} predicts the
   * result locally.
   *
   * @example
   * ```ts
   * await client.users.patch(id, [patch.replace('name.familyName', 'Byron')]);
   * ```
   */
  async patch(
    id: string,
    operations: readonly PatchOperation[],
    options: CallOptions = {},
  ): Promise<ScimUser> {
    return withCallOptions(options, (signal) => this.#patch(id, operations, false, signal));
  }

  async #patch(
    id: string,
    operations: readonly PatchOperation[],
    idempotent: boolean,
    signal: AbortSignal | undefined,
  ): Promise<ScimUser> {
    const { status, body } = await this.#sendPatch(id, operations, idempotent, signal);
    const parsed = optionalUserSchema.safeParse(body);
    if (status !== 204 && parsed.success && parsed.data !== undefined) return parsed.data;
    return this.#get(id, signal);
  }

  async #sendPatch(
    id: string,
    operations: readonly PatchOperation[],
    idempotent: boolean,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; body: unknown }> {
    if (operations.length === 0) {
      throw new ScimRequestRefusedError('invalid-argument', 'patch() needs at least one operation');
    }
    for (const operation of operations) {
      if (typeof operation?.path !== 'string' || operation.path === '') {
        throw new ScimRequestRefusedError(
          'invalid-argument',
          'Every PATCH operation needs a path (Anaplan refuses path-less operations); build them with patch.*()',
        );
      }
    }
    const response = await this.#context.http.send({
      method: 'PATCH',
      path: `/Users/${encodeId(id)}`,
      json: { schemas: [scimUrns.patchOp], Operations: operations },
      schema: anyBodySchema,
      idempotent,
      signal,
    });
    return { status: response.status, body: response.data };
  }

  /**
   * Deactivates a user (`active: false`): the user can no longer log in. Anaplan has no DELETE; this is how
   * users are offboarded. Workspaces are kept unless revoked.
   */
  async deactivate(id: string, options: CallOptions = {}): Promise<ScimUser> {
    return withCallOptions(options, (signal) =>
      this.#patch(id, [patch.replace('active', false)], true, signal),
    );
  }

  /** Activates a user (`active: true`). */
  async activate(id: string, options: CallOptions = {}): Promise<ScimUser> {
    return withCallOptions(options, (signal) =>
      this.#patch(id, [patch.replace('active', true)], true, signal),
    );
  }

  /**
   * Adds workspaces to a user (WORKSPACE entitlements), skipping those already held, in PATCH requests of at most
   * 50 workspaces. Each workspace is confirmed on the user afterwards; failures (a 207, an error, a change the
   * server did not make) are reported per workspace. The user is read first, unless `knownWorkspaces` says what
   * they hold: then one PATCH is enough.
   *
   * @example
   * ```ts
   * const { granted } = await client.users.grantWorkspaces(id, [workspaceId]);
   * // The caller has just read the user: skip the read.
   * await client.users.grantWorkspaces(id, [workspaceId], { knownWorkspaces: workspaceIdsOf(user) });
   * ```
   * @throws {@link WorkspaceChangeError} when any workspace failed (unless `throwOnFailure: false`).
   */
  async grantWorkspaces(
    id: string,
    workspaceIds: readonly string[],
    options: WorkspaceChangeOptions = {},
  ): Promise<WorkspaceChangeResult> {
    const wanted = [...new Set(workspaceIds)];
    return this.#changeWorkspaces(
      id,
      wanted,
      (held) => ({ grant: missingFrom(held, wanted), revoke: [] }),
      options,
    );
  }

  /**
   * Removes workspaces from a user, skipping those not held, one `remove entitlements[value eq "…"]` operation
   * per workspace, at most 50 per request. Reported per workspace like {@link ScimUsersResource.grantWorkspaces}.
   * @throws {@link WorkspaceChangeError} when any workspace failed (unless `throwOnFailure: false`).
   */
  async revokeWorkspaces(
    id: string,
    workspaceIds: readonly string[],
    options: WorkspaceChangeOptions = {},
  ): Promise<WorkspaceChangeResult> {
    const unwanted = [...new Set(workspaceIds)];
    return this.#changeWorkspaces(
      id,
      unwanted,
      (held) => ({ grant: [], revoke: held.filter((id) => includesIgnoringCase(unwanted, id)) }),
      options,
    );
  }

  /**
   * Makes the user's workspaces exactly `workspaceIds`: reads the user, grants what is missing, then revokes what
   * is extra (so the user never drops to zero workspaces in between), in chunks of 50.
   * @throws {@link WorkspaceChangeError} when any workspace failed (unless `throwOnFailure: false`).
   */
  async setWorkspaces(
    id: string,
    workspaceIds: readonly string[],
    options: WorkspaceChangeOptions = {},
  ): Promise<WorkspaceChangeResult> {
    const wanted = [...new Set(workspaceIds)];
    return this.#changeWorkspaces(
      id,
      wanted,
      (held) => ({ grant: missingFrom(held, wanted), revoke: missingFrom(wanted, held) }),
      options,
    );
  }

  async #changeWorkspaces(
    id: string,
    requested: string[],
    plan: WorkspacePlan,
    options: WorkspaceChangeOptions,
  ): Promise<WorkspaceChangeResult> {
    encodeId(id);
    const result = await withCallOptions(options, (signal) =>
      changeWorkspaces(
        {
          get: (userId, signal) => this.#get(userId, signal),
          sendPatch: (userId, operations, signal) => this.#sendPatch(userId, operations, true, signal),
          paths: this.#entitlementPaths,
        },
        id,
        plan,
        requested,
        signal,
        options.knownWorkspaces,
      ),
    );
    if (result.failed.length > 0 && options.throwOnFailure !== false)
      throw new WorkspaceChangeError(id, result);
    return result;
  }

  #checkWorkspaceCount(user: { entitlements?: ScimUserInput['entitlements'] }): void {
    if (!this.#context.anaplan) return;
    const count = workspaceIdsOf(user).length;
    if (count > anaplanMaxWorkspacesPerCall) {
      throw new ScimRequestRefusedError(
        'too-many-workspaces',
        `Anaplan accepts at most ${anaplanMaxWorkspacesPerCall} workspaces per call, got ${count}: send ` +
          `${anaplanMaxWorkspacesPerCall}, then call grantWorkspaces() with the rest`,
      );
    }
  }
}

function includesIgnoringCase(list: readonly string[], id: string): boolean {
  const wanted = id.toLowerCase();
  return list.some((item) => item.toLowerCase() === wanted);
}

/** The ids of `wanted` that are not in `present`, ignoring case. */
function missingFrom(present: readonly string[], wanted: readonly string[]): string[] {
  return wanted.filter((id) => !includesIgnoringCase(present, id));
}
