// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import type { CallOptions, PagePromise } from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import { z } from 'zod';
import type { CloudWorksListOptions } from '../cloudworks-list-options.js';
import type { CloudWorksPage } from '../cloudworks-page.js';
import { CloudWorksNameConflictError } from '../errors/name-conflict-error.js';
import { type CloudWorksApi, segment } from '../internal/cloudworks-api.js';
import { flowBody, sameFlow } from '../internal/flow-definition.js';
import { anyBodySchema, envelopeSchema, idSchema } from '../internal/schemas/envelope.js';
import { flowSchema, flowSummarySchema } from '../internal/schemas/flow-schemas.js';
import { CloudWorksFlowRunHandle } from './flow-run-handle.js';
import type {
  CloudWorksEnsuredFlow,
  CloudWorksFlow,
  CloudWorksFlowDefinition,
  CloudWorksFlowSummary,
} from './flow-types.js';

const listSchema = z.looseObject({ integrationFlows: z.array(flowSummarySchema).nullish() });
const getSchema = envelopeSchema('integrationFlow', flowSchema);
const createdSchema = envelopeSchema('integrationFlow', z.looseObject({ integrationFlowId: idSchema }));
const runSchema = z.looseObject({ run: z.looseObject({ id: idSchema }).nullish() });

/**
 * Integration flows (`/integrationflows`): several integrations run server-side in dependency order, a failure
 * stopping the later steps — across models, one run per model at a time.
 */
export class FlowsResource {
  readonly #api: CloudWorksApi;

  /** @internal */
  constructor(api: CloudWorksApi) {
    this.#api = api;
  }

  /**
   * Every flow the caller can see.
   *
   * @example
   * ```ts
   * for await (const flow of cloudWorks.flows.list()) console.log(flow.name, flow.stepsCount);
   * ```
   * @throws `IncompleteReadError` from the walk when the listing cannot be read completely.
   */
  list(
    options: CloudWorksListOptions = {},
  ): PagePromise<CloudWorksPage<CloudWorksFlowSummary>, CloudWorksFlowSummary> {
    return this.#api.list<CloudWorksFlowSummary, CloudWorksPage<CloudWorksFlowSummary>>(
      '/integrationflows',
      options,
      listSchema,
      (body, meta) => ({
        items: (body['integrationFlows'] as CloudWorksFlowSummary[] | null) ?? [],
        paging: meta?.paging,
      }),
      (flow) => flow.id,
    );
  }

  /**
   * One flow with its steps.
   *
   * @example
   * ```ts
   * const flow = await cloudWorks.flows.get(flowId);
   * ```
   * @throws `NotFoundError` when there is none.
   */
  get(flowId: string, options: CallOptions = {}): Promise<CloudWorksFlow> {
    return withCallOptions(options, async (signal) => {
      const body = await this.#api.json('GET', `/integrationflows/${segment(flowId)}`, getSchema, { signal });
      return body.integrationFlow;
    });
  }

  /**
   * Creates a flow. Steps run one after another unless `dependsOn` says otherwise; a failure or a partial success
   * stops the later steps unless the step says `continue`.
   *
   * @example
   * ```ts
   * const flowId = await cloudWorks.flows.create({ name: 'uam-apply', steps: [{ integrationId: a }, { integrationId: b }] });
   * ```
   * @returns the flow id
   * @throws `ConfigurationError` for fewer than two steps or a step without an integration.
   */
  async create(definition: CloudWorksFlowDefinition, options: CallOptions = {}): Promise<string> {
    const json = flowBody(definition);
    return withCallOptions(options, async (signal) => {
      const body = await this.#api.json('POST', '/integrationflows', createdSchema, { json, signal });
      return body.integrationFlow.integrationFlowId;
    });
  }

  /**
   * Replaces a flow's definition.
   *
   * @example
   * ```ts
   * await cloudWorks.flows.replace(flowId, { name, steps });
   * ```
   * @throws `ConfigurationError` for an invalid definition; `NotFoundError` when there is none.
   */
  async replace(
    flowId: string,
    definition: CloudWorksFlowDefinition,
    options: CallOptions = {},
  ): Promise<void> {
    const json = flowBody(definition);
    await withCallOptions(options, (signal) =>
      this.#api.json('PUT', `/integrationflows/${segment(flowId)}`, anyBodySchema, { json, signal }),
    );
  }

  /**
   * Deletes a flow (not its integrations).
   *
   * @example
   * ```ts
   * await cloudWorks.flows.delete(flowId);
   * ```
   * @throws `NotFoundError` when there is none.
   */
  async delete(flowId: string, options: CallOptions = {}): Promise<void> {
    await withCallOptions(options, (signal) =>
      this.#api.json('DELETE', `/integrationflows/${segment(flowId)}`, anyBodySchema, { signal }),
    );
  }

  /**
   * Idempotent upkeep by name, like `integrations.ensure`: created when missing, replaced when its steps differ.
   *
   * @example
   * ```ts
   * const { flowId } = await cloudWorks.flows.ensure({ name: 'anaplan-access:users', steps });
   * ```
   * @throws {@link CloudWorksNameConflictError} when several flows have that name.
   */
  async ensure(
    definition: CloudWorksFlowDefinition,
    options: CallOptions = {},
  ): Promise<CloudWorksEnsuredFlow> {
    flowBody(definition);
    return withCallOptions(options, async (signal) => {
      const matches = (await this.list({ signal }).toArray({ limit: Number.POSITIVE_INFINITY })).filter(
        (flow) => flow.name === definition.name,
      );
      if (matches.length > 1)
        throw new CloudWorksNameConflictError({
          what: 'integration flow',
          name: definition.name,
          ids: matches.map((flow) => flow.id),
        });
      const existing = matches[0];
      if (existing === undefined)
        return { flowId: await this.create(definition, { signal }), action: 'created' } as const;
      if (sameFlow(await this.get(existing.id, { signal }), definition))
        return { flowId: existing.id, action: 'unchanged' } as const;
      await this.replace(existing.id, definition, { signal });
      return { flowId: existing.id, action: 'replaced' } as const;
    });
  }

  /**
   * Runs the flow (all steps, or `stepsToRun`: integration ids), and returns a handle to wait for it.
   *
   * @example
   * ```ts
   * const outcome = await (await cloudWorks.flows.run(flowId)).wait();
   * ```
   * @throws `ConflictError` (409) when the flow is running already; `NotFoundError` when there is none.
   */
  run(
    flowId: string,
    options: CallOptions & { stepsToRun?: string[] } = {},
  ): Promise<CloudWorksFlowRunHandle> {
    const { stepsToRun, ...call } = options;
    const path = `/integrationflows/${segment(flowId)}`;
    return withCallOptions(call, async (signal) => {
      const before = await this.get(flowId, { signal });
      const body = await this.#api.json('POST', `${path}/run`, runSchema, {
        json: stepsToRun === undefined ? {} : { stepsToRun },
        signal,
      });
      return new CloudWorksFlowRunHandle(
        (getOptions) => this.get(flowId, getOptions),
        flowId,
        body.run?.id ?? '',
        before.latestRun?.startDate,
        this.#api.url(path),
      );
    });
  }
}
