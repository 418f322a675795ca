// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import type { CallOptions, PagePromise } from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import { z } from 'zod';
import type { CloudWorksIntegrationListOptions } from '../cloudworks-list-options.js';
import type { CloudWorksIntegrationPage } from '../cloudworks-page.js';
import { CloudWorksNameConflictError } from '../errors/name-conflict-error.js';
import { type CloudWorksApi, segment } from '../internal/cloudworks-api.js';
import { integrationBody, sameDefinition } from '../internal/integration-definition.js';
import { anyBodySchema, envelopeSchema, idSchema } from '../internal/schemas/envelope.js';
import { integrationSchema, integrationSummarySchema } from '../internal/schemas/integration-schemas.js';
import type {
  CloudWorksEnsuredIntegration,
  CloudWorksIntegration,
  CloudWorksIntegrationDefinition,
  CloudWorksIntegrationSummary,
} from './integration-types.js';

const listSchema = z.looseObject({ integrations: z.array(integrationSummarySchema).nullish() });
const getSchema = envelopeSchema('integration', integrationSchema);
const createdSchema = z
  .looseObject({
    integration: z.looseObject({ integrationId: idSchema.optional() }).optional(),
    integrationId: idSchema.optional(),
  })
  .transform((body, context) => {
    // Live: `{ integration: { integrationId } }`; the spec used to show a top-level integrationId.
    const id = body.integration?.integrationId ?? body.integrationId;
    if (id === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['integration', 'integrationId'],
        message: 'no integrationId',
      });
      return z.NEVER;
    }
    return id;
  });

/** CloudWorks integrations (`/integrations`): imports, exports and processes, and their idempotent upkeep by name. */
export class IntegrationsResource {
  readonly #api: CloudWorksApi;

  /** @internal */
  constructor(api: CloudWorksApi) {
    this.#api = api;
  }

  /**
   * Every integration the caller can see, or only their own (`myIntegrations`). The list view has no `jobs`: call
   * {@link IntegrationsResource.get} for them. Each page also tells the tenant's integration count and cap.
   *
   * @example
   * ```ts
   * const first = await cloudWorks.integrations.list({ pageSize: 25 });
   * console.log(first.tenantCurrentCount, '/', first.tenantMaxAllowed);
   * for await (const integration of cloudWorks.integrations.list({ myIntegrations: true })) console.log(integration.name);
   * ```
   * @throws `IncompleteReadError` from the walk when the listing cannot be read completely.
   */
  list(
    options: CloudWorksIntegrationListOptions = {},
  ): PagePromise<CloudWorksIntegrationPage<CloudWorksIntegrationSummary>, CloudWorksIntegrationSummary> {
    const { myIntegrations, sortBy, ...listOptions } = options;
    return this.#api.list<
      CloudWorksIntegrationSummary,
      CloudWorksIntegrationPage<CloudWorksIntegrationSummary>
    >(
      '/integrations',
      {
        ...listOptions,
        searchParams: {
          ...(myIntegrations === undefined ? {} : { myIntegrations: myIntegrations ? '1' : '0' }),
          ...(sortBy === undefined ? {} : { sortBy }),
        },
      },
      listSchema,
      (body, meta) => ({
        items: (body['integrations'] as CloudWorksIntegrationSummary[] | null) ?? [],
        paging: meta?.paging,
        tenantCurrentCount: meta?.tenantCurrentCount,
        tenantMaxAllowed: meta?.tenantMaxAllowed,
      }),
      (integration) => integration.integrationId,
    );
  }

  /**
   * One integration with its jobs (the only call that names the connections it uses).
   *
   * @example
   * ```ts
   * const integration = await cloudWorks.integrations.get(integrationId);
   * console.log(integration.jobs[0]?.sources[0]?.connectionId, integration.notificationId);
   * ```
   * @throws `NotFoundError` when there is no such integration (or the caller cannot see it).
   */
  get(integrationId: string, options: CallOptions = {}): Promise<CloudWorksIntegration> {
    return withCallOptions(options, async (signal) => {
      const body = await this.#api.json('GET', `/integrations/${segment(integrationId)}`, getSchema, {
        signal,
      });
      return body.integration;
    });
  }

  /**
   * Creates an integration (and, with it, its notification configuration).
   *
   * @example
   * ```ts
   * const id = await cloudWorks.integrations.create({ name, workspaceId, modelId, jobs: [job] });
   * ```
   * @returns the new integration's id
   * @throws `ConfigurationError` naming the field of an invalid definition.
   * @throws `ConflictError` (409) when the tenant holds `tenantMaxAllowed` integrations already.
   */
  async create(definition: CloudWorksIntegrationDefinition, options: CallOptions = {}): Promise<string> {
    const json = integrationBody(definition);
    return withCallOptions(options, (signal) =>
      this.#api.json('POST', '/integrations', createdSchema, { json, signal }),
    );
  }

  /**
   * Replaces an integration's definition (`PUT`: every field).
   *
   * @example
   * ```ts
   * await cloudWorks.integrations.replace(id, { ...definition, jobs: [newJob] });
   * ```
   * @throws `ConfigurationError` naming the field of an invalid definition; `NotFoundError` when there is none.
   */
  async replace(
    integrationId: string,
    definition: CloudWorksIntegrationDefinition,
    options: CallOptions = {},
  ): Promise<void> {
    const json = integrationBody(definition);
    await withCallOptions(options, (signal) =>
      this.#api.json('PUT', `/integrations/${segment(integrationId)}`, anyBodySchema, { json, signal }),
    );
  }

  /**
   * Deletes an integration.
   *
   * @example
   * ```ts
   * await cloudWorks.integrations.delete(id);
   * ```
   * @throws `ConflictError` (409, "Integration is already running") while it runs; `NotFoundError` when there is none.
   */
  async delete(integrationId: string, options: CallOptions = {}): Promise<void> {
    await withCallOptions(options, (signal) =>
      this.#api.json('DELETE', `/integrations/${segment(integrationId)}`, anyBodySchema, { signal }),
    );
  }

  /**
   * The integration of that exact name among all the caller can see, if any.
   *
   * @example
   * ```ts
   * const found = await cloudWorks.integrations.findByName(`anaplan-access:users:${modelId}`);
   * ```
   * @throws {@link CloudWorksNameConflictError} when several have that name.
   */
  findByName(name: string, options: CallOptions = {}): Promise<CloudWorksIntegrationSummary | undefined> {
    return withCallOptions(options, async (signal) => {
      const matches: CloudWorksIntegrationSummary[] = [];
      for await (const integration of this.list({ signal }))
        if (integration.name === name) matches.push(integration);
      if (matches.length > 1)
        throw new CloudWorksNameConflictError({
          what: 'integration',
          name,
          ids: matches.map((integration) => integration.integrationId),
        });
      return matches[0];
    });
  }

  /**
   * Idempotent upkeep by name: creates the integration when none has `definition.name`, replaces it when its
   * definition (workspace, model, process, visibility, jobs) differs, and leaves it alone otherwise, so that its id,
   * notification configuration, schedule and run history stay. One `GET` per call tells the difference (the list
   * view has no jobs).
   *
   * @example
   * ```ts
   * const { integrationId, action } = await cloudWorks.integrations.ensure({
   *   name: `anaplan-access:users:${modelId}`, workspaceId, modelId, jobs: [job],
   * });
   * ```
   * @throws `ConfigurationError` naming the field of an invalid definition (before any request).
   * @throws {@link CloudWorksNameConflictError} when several integrations have that name.
   */
  async ensure(
    definition: CloudWorksIntegrationDefinition,
    options: CallOptions = {},
  ): Promise<CloudWorksEnsuredIntegration> {
    integrationBody(definition);
    return withCallOptions(options, async (signal) => {
      const existing = await this.findByName(definition.name, { signal });
      if (existing === undefined)
        return { integrationId: await this.create(definition, { signal }), action: 'created' } as const;
      const current = await this.get(existing.integrationId, { signal });
      if (sameDefinition(current, definition))
        return { integrationId: existing.integrationId, action: 'unchanged' } as const;
      await this.replace(existing.integrationId, definition, { signal });
      return { integrationId: existing.integrationId, action: 'replaced' } as const;
    });
  }
}
