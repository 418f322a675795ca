// Tests: test/cloudworks/reconcile-channel.test.ts, test/faults/cloudworks-channel.test.ts
import { type IntegrationClient, parseDump } from '@anaplan-access/bulk';
import {
  type CloudWorksRunHandle,
  type CloudWorksRunOutcome,
  cloudWorksImportJob,
  isCloudWorksStorageWriteError,
} from '@anaplan-access/cloudworks';
import { ConfigurationError, isConflictError } from '@anaplan-access/core';
import type { ModelAccessEntry, ModelAccessResult } from '../access-target.js';
import type { AnaplanTargetCloudWorks, AnaplanTargetModel } from '../anaplan-target-options.js';
import { type ImportRun, importOutcome, modelAccessCsv } from './model-access-import.js';

/** The name of the integration that imports a model's users: one per model, kept across plans. */
export const cloudWorksIntegrationName = (modelId: string): string => `anaplan-access:users:${modelId}`;

/** A model whose CSV is in the bucket and whose integration is ready to run, or its outcome when that failed. */
type Prepared = Ready | { model: AnaplanTargetModel; result: ModelAccessResult; notWritten: boolean };
interface Ready {
  model: AnaplanTargetModel;
  entries: readonly ModelAccessEntry[];
  rejected: Map<string, string[]>;
  integrationId: string;
}

/**
 * The CloudWorks channel of `anaplanTarget`: writes a model's USERS CSV to the bucket or container at a stable
 * path, ensures the model's import integration (created once, replaced only when its definition differs), runs it
 * (or one integration flow across the models), waits, reads the run's errors and dump, and maps the dump back to
 * users with {@link importOutcome}, as the Integration API channel does. A storage write that fails starts no run
 * and fails the model's users.
 */
export class CloudWorksDelivery {
  readonly #options: AnaplanTargetCloudWorks;
  readonly #integration: IntegrationClient;
  /** The USERS import's id and data source file per model, read once. */
  readonly #imports = new Map<string, Promise<{ importId: string; fileId: string }>>();

  constructor(options: AnaplanTargetCloudWorks, integration: IntegrationClient) {
    this.#options = options;
    this.#integration = integration;
  }

  /** Where the model's CSV is written: the same path for every plan, so the integration never changes. */
  path(modelId: string): string {
    return `${(this.#options.folder ?? 'anaplan-access').replace(/\/+$/, '')}/users_${modelId}.csv`;
  }

  /** Sets the access of one model with one CloudWorks run. */
  async importModel(
    model: AnaplanTargetModel,
    entries: readonly ModelAccessEntry[],
    signal: AbortSignal | undefined,
  ): Promise<ModelAccessResult> {
    const prepared = await this.#prepare(model, entries, signal);
    return 'result' in prepared ? prepared.result : this.#runOne(prepared, signal);
  }

  /**
   * Sets the access of several models with one integration flow, its steps in the order of `models` (one after
   * another; a failure or partial success stops the later steps, whose users then fail as not run). When a write
   * fails, no flow runs. A single model runs on its own (a flow needs two steps).
   */
  async importModels(
    batches: readonly { model: AnaplanTargetModel; entries: readonly ModelAccessEntry[] }[],
    flowName: string,
    signal: AbortSignal | undefined,
  ): Promise<Map<string, ModelAccessResult>> {
    const results = new Map<string, ModelAccessResult>();
    const prepared = await Promise.all(
      batches.map(({ model, entries }) => this.#prepare(model, entries, signal)),
    );
    const ready: Ready[] = [];
    let notWritten: string | undefined;
    for (const each of prepared)
      if (!('result' in each)) ready.push(each);
      else {
        results.set(each.model.modelId, each.result);
        if (each.notWritten) notWritten ??= each.model.modelId;
      }
    if (notWritten !== undefined) {
      const message = `not run: the flow was not started, as the CSV of model ${notWritten} could not be written`;
      for (const each of ready) results.set(each.model.modelId, failAll(each, message));
      return results;
    }
    if (ready.length < 2) {
      for (const each of ready) results.set(each.model.modelId, await this.#runOne(each, signal));
      return results;
    }
    const { client } = this.#options;
    const steps = ready.map(({ integrationId }) => ({ integrationId }));
    const { flowId } = await client.flows.ensure({ name: flowName, steps }, { signal });
    const flowRun = await (await client.flows.run(flowId, { signal })).wait({
      ...this.#options.runWait,
      signal,
    });
    for (const each of ready) {
      const latest = (await client.runs.history(each.integrationId, { pageSize: 1, signal })).items[0];
      const status = latest === undefined ? undefined : await client.runs.get(latest.id, { signal });
      if (status === undefined || status.flowGroupId !== flowRun.runId) {
        const why = flowRun.latestRun.message ?? 'no message';
        results.set(
          each.model.modelId,
          failAll(each, `not run: the flow stopped at an earlier step (${why})`),
        );
        continue;
      }
      const run = client.runs.handle(each.integrationId, status.id);
      const outcome = await run.wait({ ...this.#options.runWait, signal });
      results.set(each.model.modelId, await this.#outcome(each, run, outcome, signal));
    }
    return results;
  }

  /** Runs one model's integration and maps its outcome. */
  async #runOne(ready: Ready, signal: AbortSignal | undefined): Promise<ModelAccessResult> {
    const run = await this.#start(ready.integrationId, signal);
    return this.#outcome(ready, run, await run.wait({ ...this.#options.runWait, signal }), signal);
  }

  /** Writes the model's CSV and ensures its integration; a refused write fails the model's users, no run starts. */
  async #prepare(
    model: AnaplanTargetModel,
    entries: readonly ModelAccessEntry[],
    signal: AbortSignal | undefined,
  ): Promise<Prepared> {
    const { csv, rejected } = modelAccessCsv(model, entries);
    if (csv === undefined)
      return { model, result: { failed: rejected, warnings: new Map() }, notWritten: false };
    const { client, storage, connectionId } = this.#options;
    const path = this.path(model.modelId);
    try {
      await storage.put(path, csv, { signal });
    } catch (error) {
      if (!isCloudWorksStorageWriteError(error)) throw error;
      const result = failAll({ entries, rejected }, `not imported: ${error.message}`);
      return { model, result, notWritten: true };
    }
    const { importId, fileId } = await this.#importOf(model, signal);
    const job = cloudWorksImportJob({
      connectionType: storage.type,
      connectionId,
      file: path,
      importId,
      fileId,
    });
    const { integrationId } = await client.integrations.ensure(
      {
        name: cloudWorksIntegrationName(model.modelId),
        workspaceId: model.workspaceId,
        modelId: model.modelId,
        jobs: [job],
      },
      { signal },
    );
    return { model, entries, rejected, integrationId };
  }

  /**
   * Starts a run. CloudWorks runs one at a time per integration: when another run is in flight (a schedule, a
   * person in the UI, an earlier apply), it is waited for, then this one is started once more.
   */
  async #start(integrationId: string, signal: AbortSignal | undefined): Promise<CloudWorksRunHandle> {
    const { client } = this.#options;
    try {
      return await client.runs.start(integrationId, { signal });
    } catch (error) {
      if (!isConflictError(error)) throw error;
      const history = await client.runs.history(integrationId, { pageSize: 5, signal });
      const running = history.items.find((record) => !record.endDate);
      if (running !== undefined)
        await client.runs.handle(integrationId, running.id).wait({ ...this.#options.runWait, signal });
      return client.runs.start(integrationId, { signal });
    }
  }

  /** What a stopped run did to each user: its dump rows mapped back as the Integration API channel maps them. */
  async #outcome(
    prepared: Ready,
    run: CloudWorksRunHandle,
    outcome: CloudWorksRunOutcome,
    signal: AbortSignal | undefined,
  ): Promise<ModelAccessResult> {
    const { model, entries, rejected } = prepared;
    if (outcome.outcome === 'success')
      return importOutcome(model, entries, rejected, { ...ran(outcome), successful: true });
    if (outcome.outcome === 'cancelled')
      return importOutcome(model, entries, rejected, {
        ...ran(outcome),
        successful: false,
        reason: `the CloudWorks run ${outcome.id} was cancelled`,
      });
    const [errors, dump] = await Promise.all([run.errors({ signal }), run.dump({ signal })]);
    const failures = dump === undefined ? [] : parseDump(dump);
    const messages = errors.flatMap((error) =>
      error.actions.flatMap((action) =>
        action.messages.map((message) => message.localMessageText ?? message.type),
      ),
    );
    const reason = [outcome.message, ...messages].filter(Boolean).join('; ');
    // A partial success whose dump gives no row cannot say whose rows failed: nobody is reported as done.
    const successful = outcome.outcome === 'partial-success' && failures.length > 0;
    return importOutcome(model, entries, rejected, {
      ...ran(outcome),
      successful,
      failures,
      reason: `CloudWorks run ${outcome.id}: ${reason || outcome.outcome}`,
    });
  }

  /** The model's USERS import (its id, when configured by name) and the file it reads (`importDataSourceId`). */
  #importOf(
    model: AnaplanTargetModel,
    signal: AbortSignal | undefined,
  ): Promise<{ importId: string; fileId: string }> {
    let found = this.#imports.get(model.modelId);
    if (found === undefined) {
      found = this.#integration
        .model(model.workspaceId, model.modelId)
        .imports.find(model.usersImport.importId, { signal })
        .then((definition) => {
          if (!definition.importDataSourceId)
            throw new ConfigurationError(
              'models.usersImport.importId',
              `anaplanTarget: the import "${definition.name}" of model ${model.modelId} reads no uploaded file, so CloudWorks cannot feed it`,
            );
          return { importId: definition.id, fileId: definition.importDataSourceId };
        });
      found.catch(() => this.#imports.delete(model.modelId));
      this.#imports.set(model.modelId, found);
    }
    return found;
  }
}

/** The parts of an import run every CloudWorks outcome starts from. */
function ran(outcome: CloudWorksRunOutcome): Omit<ImportRun, 'successful'> {
  return { taskId: outcome.id, failures: [], truncated: undefined, reason: outcome.message ?? '' };
}

/** Every user of the model failed with `message` (those whose row was refused keep that reason). */
function failAll(
  model: { entries: readonly ModelAccessEntry[]; rejected: ReadonlyMap<string, string[]> },
  message: string,
): ModelAccessResult {
  const failed = new Map(model.rejected);
  for (const entry of model.entries) {
    const key = entry.userName.toLowerCase();
    if (!failed.has(key)) failed.set(key, [message]);
  }
  return { failed, warnings: new Map() };
}
