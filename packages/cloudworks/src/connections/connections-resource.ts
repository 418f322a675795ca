// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import type { CallOptions, PagePromise } from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import { z } from 'zod';
import type { CloudWorksListOptions } from '../cloudworks-list-options.js';
import type { CloudWorksPage } from '../cloudworks-page.js';
import { CloudWorksNameConflictError } from '../errors/name-conflict-error.js';
import { type CloudWorksApi, segment } from '../internal/cloudworks-api.js';
import { connectionSchema } from '../internal/schemas/connection-schemas.js';
import { anyBodySchema, idSchema } from '../internal/schemas/envelope.js';
import { connectionRequest } from './connection-body.js';
import type {
  CloudWorksConnection,
  CloudWorksConnectionInput,
  CloudWorksEnsuredConnection,
} from './connection-types.js';

const listSchema = z.looseObject({ connections: z.array(connectionSchema).nullish() });
const createdSchema = z
  .looseObject({
    connectionId: idSchema.optional(),
    connections: z.looseObject({ connectionId: idSchema.optional() }).optional(),
  })
  .transform((body, context) => {
    // The spec shows a top-level connectionId; the anaplan-sdk reads connections.connectionId. Either is taken.
    const id = body.connectionId ?? body.connections?.connectionId;
    if (id === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['connectionId'],
        message: 'the answer names no connectionId',
      });
      return z.NEVER;
    }
    return id;
  });

/**
 * CloudWorks connections (`/integrations/connections`): Amazon S3, Azure Blob (SAS) and Google BigQuery. Credentials
 * go to the server and never come back: the API does not return them, the client drops them should it ever do so,
 * and an error of a call that sent them has them scrubbed.
 */
export class ConnectionsResource {
  readonly #api: CloudWorksApi;

  /** @internal */
  constructor(api: CloudWorksApi) {
    this.#api = api;
  }

  /**
   * Every connection the caller can see (a Restricted Integration User: those of the workspaces assigned to them).
   *
   * @example
   * ```ts
   * for await (const connection of cloudWorks.connections.list()) console.log(connection.name, connection.status);
   * ```
   * @throws `IncompleteReadError` from the walk when the listing cannot be read completely.
   */
  list(
    options: CloudWorksListOptions = {},
  ): PagePromise<CloudWorksPage<CloudWorksConnection>, CloudWorksConnection> {
    return this.#api.list<CloudWorksConnection, CloudWorksPage<CloudWorksConnection>>(
      '/integrations/connections',
      options,
      listSchema,
      (body, meta) => ({
        items: (body['connections'] as CloudWorksConnection[] | null) ?? [],
        paging: meta?.paging,
      }),
      (connection) => connection.connectionId,
    );
  }

  /**
   * Creates a connection; CloudWorks checks the credentials against the storage first.
   *
   * @example
   * ```ts
   * const id = await cloudWorks.connections.create({
   *   type: 'AzureBlob', name: 'uam-blob', storageAccountName: 'acct', containerName: 'uam', sasToken,
   * });
   * ```
   * @returns the new connection's id
   * @throws `ConfigurationError` naming the field when the input is incomplete or has an unknown field.
   * @throws `BadRequestError` when CloudWorks refuses it ("Credentials are invalid", a duplicate name); the
   *   credentials are scrubbed from it.
   */
  async create(input: CloudWorksConnectionInput, options: CallOptions = {}): Promise<string> {
    const { json, secrets } = connectionRequest(input);
    return withCallOptions(options, (signal) =>
      this.#api.json('POST', '/integrations/connections', createdSchema, { json, secrets, signal }),
    );
  }

  /**
   * Replaces a connection (`PUT`): the API needs the whole of it, credentials included, and the same type.
   *
   * @example
   * ```ts
   * await cloudWorks.connections.update(id, { ...azureConnection, sasToken: renewedToken });
   * ```
   * @throws `ConfigurationError` naming the field when the input is incomplete.
   * @throws `NotFoundError` when there is no such connection; `BadRequestError` when CloudWorks refuses it.
   */
  async update(
    connectionId: string,
    input: CloudWorksConnectionInput,
    options: CallOptions = {},
  ): Promise<void> {
    const { json, secrets } = connectionRequest(input);
    await withCallOptions(options, (signal) =>
      this.#api.json('PUT', `/integrations/connections/${segment(connectionId)}`, anyBodySchema, {
        json,
        secrets,
        signal,
      }),
    );
  }

  /**
   * Deletes a connection.
   *
   * @example
   * ```ts
   * await cloudWorks.connections.delete(id);
   * ```
   * @throws `ConflictError` (409) while an integration uses it; `NotFoundError` when there is no such connection.
   */
  async delete(connectionId: string, options: CallOptions = {}): Promise<void> {
    await withCallOptions(options, (signal) =>
      this.#api.json('DELETE', `/integrations/connections/${segment(connectionId)}`, anyBodySchema, {
        signal,
      }),
    );
  }

  /**
   * The connection of that exact name, if the caller can see one.
   *
   * @example
   * ```ts
   * const existing = await cloudWorks.connections.findByName('uam-blob');
   * ```
   * @throws {@link CloudWorksNameConflictError} when several have that name.
   */
  async findByName(name: string, options: CallOptions = {}): Promise<CloudWorksConnection | undefined> {
    return withCallOptions(options, async (signal) => {
      const matches = (await this.list({ signal }).toArray({ limit: Number.POSITIVE_INFINITY })).filter(
        (connection) => connection.name === name,
      );
      if (matches.length > 1)
        throw new CloudWorksNameConflictError({
          what: 'connection',
          name,
          ids: matches.map((connection) => connection.connectionId),
        });
      return matches[0];
    });
  }

  /**
   * Idempotent create by name: creates the connection when none of that name exists, else keeps it as it is
   * (credentials cannot be compared: the API never returns them), or sends the input again with `replace: true`
   * (after a key rotation, for example).
   *
   * @example
   * ```ts
   * const { connectionId } = await cloudWorks.connections.ensure(azureConnection);
   * ```
   * @throws {@link CloudWorksNameConflictError} when several connections have that name.
   */
  async ensure(
    input: CloudWorksConnectionInput,
    options: CallOptions & { replace?: boolean } = {},
  ): Promise<CloudWorksEnsuredConnection> {
    const { replace = false, ...call } = options;
    connectionRequest(input); // Refuse a bad input before any request.
    return withCallOptions(call, async (signal) => {
      const existing = await this.findByName(input.name, { signal });
      if (existing === undefined)
        return { connectionId: await this.create(input, { signal }), action: 'created' } as const;
      if (!replace) return { connectionId: existing.connectionId, action: 'kept' } as const;
      await this.update(existing.connectionId, input, { signal });
      return { connectionId: existing.connectionId, action: 'updated' } as const;
    });
  }
}
