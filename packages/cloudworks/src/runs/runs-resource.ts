// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import type { CallOptions, PagePromise } from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import { z } from 'zod';
import type { CloudWorksListOptions } from '../cloudworks-list-options.js';
import type { CloudWorksRunHistoryPage } from '../cloudworks-page.js';
import { type CloudWorksApi, segment } from '../internal/cloudworks-api.js';
import { anyBodySchema, envelopeSchema, idSchema } from '../internal/schemas/envelope.js';
import { runErrorsSchema, runRecordSchema, runStatusSchema } from '../internal/schemas/run-schemas.js';
import { CloudWorksRunHandle } from './run-handle.js';
import type {
  CloudWorksDumpOptions,
  CloudWorksRunError,
  CloudWorksRunRecord,
  CloudWorksRunStatus,
} from './run-types.js';

const startedSchema = envelopeSchema('run', z.looseObject({ id: idSchema }));
const statusSchema = envelopeSchema('run', runStatusSchema);
const historySchema = z.looseObject({
  history_of_runs: z
    .looseObject({ runs: z.array(runRecordSchema).nullish(), totalRuns: z.coerce.number().optional() })
    .nullish(),
});

/** Runs of CloudWorks integrations: start, poll, wait, cancel, history, errors and dumps. */
export class RunsResource {
  readonly #api: CloudWorksApi;

  /** @internal */
  constructor(api: CloudWorksApi) {
    this.#api = api;
  }

  /**
   * Starts a run of the integration, with the caller's permissions (CloudWorks applies the last runner's).
   *
   * @example
   * ```ts
   * const run = await cloudWorks.runs.start(integrationId);
   * const outcome = await run.wait();
   * ```
   * @throws `ConflictError` (409) when the integration is already running; `ServerError` (503) when its workspace
   *   or model id is invalid or the trigger failed; `NotFoundError` when there is no such integration.
   */
  start(integrationId: string, options: CallOptions = {}): Promise<CloudWorksRunHandle> {
    const path = `/integrations/${segment(integrationId)}/run`;
    return withCallOptions(options, async (signal) => {
      // Not repeated on a 5xx or a lost answer: a second start would be a second run (or a 409).
      const body = await this.#api.json('POST', path, startedSchema, { signal, idempotent: false });
      return this.handle(integrationId, body.run.id);
    });
  }

  /**
   * The handle of a run started elsewhere (by a schedule, a flow, an earlier process), to wait for it.
   *
   * @example
   * ```ts
   * const outcome = await cloudWorks.runs.handle(integrationId, runId).wait();
   * ```
   */
  handle(integrationId: string, runId: string): CloudWorksRunHandle {
    return new CloudWorksRunHandle(
      this,
      integrationId,
      runId,
      this.#api.url(`/integrations/run/${segment(runId)}`),
    );
  }

  /**
   * One run's status, by its id alone.
   *
   * @example
   * ```ts
   * const status = await cloudWorks.runs.get(runId);
   * ```
   * @throws `NotFoundError` when there is no such run.
   */
  get(runId: string, options: CallOptions = {}): Promise<CloudWorksRunStatus> {
    return withCallOptions(options, async (signal) => {
      const body = await this.#api.json('GET', `/integrations/run/${segment(runId)}`, statusSchema, {
        signal,
      });
      return body.run;
    });
  }

  /**
   * Cancels the integration's run in flight.
   *
   * @example
   * ```ts
   * await cloudWorks.runs.cancel(integrationId);
   * ```
   * @throws `ConflictError` (409) when nothing is running; `NotFoundError` (404) while the run is still queued.
   */
  async cancel(integrationId: string, options: CallOptions = {}): Promise<void> {
    await withCallOptions(options, (signal) =>
      this.#api.json('POST', `/integrations/${segment(integrationId)}/cancel`, anyBodySchema, { signal }),
    );
  }

  /**
   * The integration's runs, newest first, by `offset` and `limit` (both required by the API).
   *
   * @example
   * ```ts
   * for await (const run of cloudWorks.runs.history(integrationId, { pageSize: 50 })) console.log(run.startDate, run.success);
   * ```
   * @throws `IncompleteReadError` from the walk when the history cannot be read completely.
   */
  history(
    integrationId: string,
    options: CloudWorksListOptions = {},
  ): PagePromise<CloudWorksRunHistoryPage<CloudWorksRunRecord>, CloudWorksRunRecord> {
    return this.#api.list<CloudWorksRunRecord, CloudWorksRunHistoryPage<CloudWorksRunRecord>>(
      `/integrations/runs/${segment(integrationId)}`,
      options,
      historySchema,
      (body, meta) => {
        const history = (body['history_of_runs'] ?? {}) as {
          runs?: CloudWorksRunRecord[] | null;
          totalRuns?: number;
        };
        const { runs, totalRuns, ...integration } = history;
        const items = runs ?? [];
        const paging = meta?.paging ?? (totalRuns === undefined ? undefined : { totalSize: totalRuns });
        return { items, paging, totalRuns, integration };
      },
      (run) => run.id,
    );
  }

  /**
   * The run's errors, per task and action. Empty when it had none: the API answers `{}` then (or `[]`), both read
   * as none.
   *
   * @example
   * ```ts
   * const errors = await cloudWorks.runs.errors(runId);
   * ```
   * @throws `NotFoundError` when there is no such run.
   */
  errors(runId: string, options: CallOptions = {}): Promise<CloudWorksRunError[]> {
    return withCallOptions(options, (signal) =>
      this.#api.json('GET', `/integrations/runerror/${segment(runId)}`, runErrorsSchema, { signal }),
    );
  }

  /**
   * The import error log of a run (`…/dumps`), or with `actionId` the one of that import inside a process
   * (`…/process/import/{actionId}/dumps`): the dump CSV, with `_Status_`, `_Line_` and `_Error_n_` columns.
   * `undefined` when there is none (CloudWorks answers 404 "Your integration run was successful / no errors").
   *
   * @example
   * ```ts
   * const csv = await cloudWorks.runs.dump(runId);
   * const perImport = await cloudWorks.runs.dump(runId, { actionId: '112000000042' });
   * ```
   */
  dump(runId: string, options: CloudWorksDumpOptions = {}): Promise<string | undefined> {
    const { actionId, ...call } = options;
    const path =
      actionId === undefined
        ? `/integrations/run/${segment(runId)}/dumps`
        : `/integrations/run/${segment(runId)}/process/import/${segment(actionId)}/dumps`;
    return withCallOptions(call, (signal) => this.#api.textOrNothing(path, signal));
  }
}
