// Tests: test/cloudworks/storage-runs.test.ts, test/cloudworks/cloudworks-client.test.ts

import { ApiFailure } from '../integration/envelope.js';
import { splitIntoChunks } from '../integration/files.js';
import { dumpKey, integrationStore, newFile, type SimTask, type TaskResult } from '../integration/store.js';
import { TaskEngine } from '../integration/task-engine.js';
import type { SimulatorContext } from '../internal/context.js';
import { lowerHexId } from '../internal/ids.js';
import type { SimModel, SimUser } from '../state.js';
import type {
  CloudWorksStore,
  CwActionErrors,
  CwFlow,
  CwFlowRun,
  CwIntegration,
  CwRun,
} from './cloudworks-store.js';
import { type CloudWorksStorageEndpoints, readObject } from './storage-client.js';

/** The code of a partial success (some rows loaded, some rejected). */
const partialSuccessCode = 38;
/** The code of rows refused for their data. */
const dataErrorCode = 12;

/**
 * Runs integrations the way CloudWorks does, on the simulator's own engines: a run reads each job's file from the
 * connection's storage over HTTP (Azure Blob with the SAS token, S3 signed), puts it in the import's data source
 * file as the runner's upload, and queues the import (or the process) as a task of the model, behind the model's
 * lock. The run ends with the task: success, partial success (code 38, the counts in the message), failure, or
 * cancellation; its errors and dumps are kept with it. Flows run their steps one after another. Everything moves
 * forward lazily: each CloudWorks request calls {@link CloudWorksEngine.tick} before it is handled.
 */
export class CloudWorksEngine {
  readonly #context: SimulatorContext;
  readonly #store: CloudWorksStore;
  readonly #endpoints: CloudWorksStorageEndpoints;
  readonly #tasks: TaskEngine;

  constructor(context: SimulatorContext, store: CloudWorksStore, endpoints: CloudWorksStorageEndpoints) {
    this.#context = context;
    this.#store = store;
    this.#endpoints = endpoints;
    this.#tasks = new TaskEngine(context, integrationStore(context.state));
  }

  /** The integration's run in flight, if any. */
  activeRun(integrationId: string): CwRun | undefined {
    return this.#store.runs.find((run) => run.integrationId === integrationId && run.phase !== 'done');
  }

  /**
   * Starts a run as `user`: 409 when the integration is running, 503 when its model is not there.
   */
  start(integration: CwIntegration, user: SimUser, triggerSource: string, flowGroupId: string | null): CwRun {
    if (this.activeRun(integration.integrationId))
      throw new ApiFailure(409, 'Integration is already running');
    const model = this.#context.state.models.get(integration.modelId);
    if (!model || model.workspaceId !== integration.workspaceId)
      throw new ApiFailure(503, 'The workspace or model of the integration is not valid');
    const run: CwRun = {
      id: lowerHexId(),
      integrationId: integration.integrationId,
      traceId: lowerHexId(),
      userId: user.id,
      modelId: model.id,
      triggerSource,
      flowGroupId,
      startDate: this.#context.now(),
      phase: 'fetching',
      taskId: undefined,
      endDate: undefined,
      success: undefined,
      message: 'Running',
      executionErrorCode: null,
      errors: [],
      dumps: new Map(),
    };
    this.#store.runs.push(run);
    void this.#fetchAndQueue(run, integration, model, user).catch((error: unknown) =>
      this.#end(run, false, `server error: ${error instanceof Error ? error.message : String(error)}`, null),
    );
    return run;
  }

  /** `POST …/cancel`: 409 when nothing runs, 404 while the run is queued (as live), else the task is cancelled. */
  cancel(integrationId: string): void {
    const run = this.activeRun(integrationId);
    if (!run) throw new ApiFailure(409, `Integration ${integrationId} is not in running state`);
    const found = this.#task(run);
    if (found?.task.taskState !== 'IN_PROGRESS') throw new ApiFailure(404, 'Resource not found');
    this.#tasks.cancel(found.model, found.task);
  }

  /** Moves every run and flow run forward to the simulator's clock. */
  tick(): void {
    for (const run of this.#store.runs) if (run.phase === 'task') this.#follow(run);
    for (const flow of this.#store.flows.values()) {
      const flowRun = flow.runs.at(-1);
      if (flowRun && flowRun.endDate === undefined) this.#advanceFlow(flow, flowRun);
    }
  }

  /** Starts a flow run: its steps run one at a time, in dependency order. */
  startFlow(flow: CwFlow, user: SimUser, stepsToRun: string[] | undefined): CwFlowRun {
    const last = flow.runs.at(-1);
    if (last && last.endDate === undefined) throw new ApiFailure(409, 'Integration flow is already running');
    const wanted = flow.steps.filter(
      (step) => !step.isSkipped && (stepsToRun === undefined || stepsToRun.includes(step.referrer)),
    );
    const order: string[] = [];
    while (order.length < wanted.length) {
      const next = wanted.find(
        (step) =>
          !order.includes(step.referrer) &&
          step.dependsOn.every(
            (dependency) => order.includes(dependency) || !wanted.some((s) => s.referrer === dependency),
          ),
      );
      if (!next) throw new ApiFailure(400, 'The steps of the flow depend on each other in a cycle');
      order.push(next.referrer);
    }
    const flowRun: CwFlowRun = {
      id: lowerHexId(),
      userId: user.id,
      startDate: this.#context.now(),
      order,
      stepRuns: new Map(),
      endDate: undefined,
      success: undefined,
      message: 'Running',
      executionErrorCode: null,
    };
    flow.runs.push(flowRun);
    this.#advanceFlow(flow, flowRun);
    return flowRun;
  }

  #advanceFlow(flow: CwFlow, flowRun: CwFlowRun): void {
    const user = this.#context.state.users.get(flowRun.userId);
    for (const referrer of flowRun.order) {
      const runId = flowRun.stepRuns.get(referrer);
      if (runId === undefined) {
        const integration = this.#store.integrations.get(referrer);
        if (!integration || !user) {
          this.#endFlow(flowRun, false, `Step ${referrer} cannot run`, null);
          return;
        }
        try {
          flowRun.stepRuns.set(referrer, this.start(integration, user, 'manual_inf', flowRun.id).id);
        } catch (error) {
          this.#endFlow(flowRun, false, error instanceof Error ? error.message : String(error), null);
          return;
        }
        return;
      }
      const run = this.#store.runs.find((candidate) => candidate.id === runId);
      if (run?.phase !== 'done') return;
      const step = flow.steps.find((candidate) => candidate.referrer === referrer);
      const strategy = (type: string, fallback: string) =>
        step?.exceptionBehavior.find((entry) => entry.type === type)?.strategy ?? fallback;
      const partial = run.executionErrorCode === partialSuccessCode;
      if (partial && strategy('partial_success', 'continue') === 'stop') {
        this.#endFlow(flowRun, false, `Stopped after a partial success: ${run.message}`, partialSuccessCode);
        return;
      }
      if (!partial && run.success !== true && strategy('failure', 'stop') === 'stop') {
        this.#endFlow(flowRun, false, `Stopped after a failure: ${run.message}`, run.executionErrorCode);
        return;
      }
      if (partial || run.success !== true)
        flowRun.executionErrorCode ??= run.executionErrorCode ?? dataErrorCode;
    }
    const clean = flowRun.executionErrorCode === null;
    this.#endFlow(flowRun, clean, clean ? 'Success' : 'Completed with errors', flowRun.executionErrorCode);
  }

  #endFlow(flowRun: CwFlowRun, success: boolean, message: string, code: number | null): void {
    flowRun.endDate = this.#context.now();
    flowRun.success = success;
    flowRun.message = message;
    flowRun.executionErrorCode = code;
  }

  /** Reads the jobs' files, puts them where the imports read, and queues the task. */
  async #fetchAndQueue(
    run: CwRun,
    integration: CwIntegration,
    model: SimModel,
    user: SimUser,
  ): Promise<void> {
    const runtime = integrationStore(this.#context.state).runtime(model);
    for (const job of integration.jobs) {
      const source = job.sources[0];
      const target = job.targets[0];
      if (!source || !target || source.type === 'Anaplan') {
        this.#end(run, false, 'The simulator runs import jobs only (storage to Anaplan)', null);
        return;
      }
      const connection = this.#store.connections.get(String(source['connectionId'] ?? ''));
      if (!connection) {
        this.#end(run, false, 'import test failed due to invalid Connection', null);
        return;
      }
      const read = await readObject(this.#endpoints, connection.storage, String(source['file'] ?? ''));
      if (run.phase === 'done') return;
      if (!read.ok) {
        this.#end(run, false, `Failed to read ${String(source['file'])}: ${read.reason}`, null);
        return;
      }
      const fileId = String(target['fileId'] ?? '');
      let file = runtime.files.get(fileId);
      if (!file) {
        file = newFile(fileId, String(source['file']));
        runtime.files.set(fileId, file);
      }
      file.privateContent.set(user.id, splitIntoChunks(read.bytes));
    }
    const importId = String(integration.jobs[0]?.targets[0]?.['actionId'] ?? '');
    const action = integration.processId
      ? model.processes.find((process) => process.id === integration.processId)
      : model.imports.find((definition) => definition.id === importId);
    if (!action) {
      this.#end(run, false, 'Failed – Action not found', null);
      return;
    }
    const task = this.#tasks.start(model, integration.processId ? 'processes' : 'imports', action, user);
    run.taskId = task.taskId;
    run.phase = 'task';
    this.#follow(run);
  }

  #task(run: CwRun): { model: SimModel; task: SimTask } | undefined {
    const model = this.#context.state.models.get(run.modelId);
    if (!model || run.taskId === undefined) return undefined;
    this.#tasks.advance(model);
    const task = integrationStore(this.#context.state)
      .runtime(model)
      .tasks.find((candidate) => candidate.taskId === run.taskId);
    return task ? { model, task } : undefined;
  }

  /** Ends the run once its task has. */
  #follow(run: CwRun): void {
    const found = this.#task(run);
    if (!found) {
      this.#end(run, false, 'server error', null);
      return;
    }
    const { model, task } = found;
    if (task.taskState === 'CANCELLED') {
      this.#end(run, false, 'Cancelled', null);
      return;
    }
    if (task.taskState !== 'COMPLETE' || !task.result) return;
    const runtime = integrationStore(this.#context.state).runtime(model);
    const results = task.kind === 'processes' ? (task.result.nestedResults ?? []) : [task.result];
    for (const result of results) {
      const key = dumpKey(task.userId, task.kind, task.objectId, result.objectId);
      const dump = runtime.dumps.get(key);
      if (result.failureDumpAvailable && dump && dump.taskId === task.taskId)
        run.dumps.set(task.kind === 'processes' ? result.objectId : '', dump.content);
      if (!result.successful || result.failureDumpAvailable) run.errors.push(actionErrors(model, result));
    }
    const first = results.find((result) => !result.successful || result.failureDumpAvailable) ?? results[0];
    const text = first?.details?.[0]?.localMessageText;
    if (!task.result.successful) {
      this.#end(run, false, text ?? 'Process failed', run.dumps.size > 0 ? dataErrorCode : null);
      return;
    }
    if (run.dumps.size > 0) {
      this.#end(run, true, text ?? 'Partial success', partialSuccessCode);
      return;
    }
    this.#end(run, true, 'Success', null);
  }

  #end(run: CwRun, success: boolean, message: string, code: number | null): void {
    if (run.phase === 'done') return;
    run.phase = 'done';
    run.endDate = this.#context.now();
    run.success = success;
    run.message = message;
    run.executionErrorCode = code;
  }
}

function actionErrors(model: SimModel, result: TaskResult): CwActionErrors {
  const definition = model.imports.find((candidate) => candidate.id === result.objectId);
  return {
    actionId: result.objectId,
    actionName: result.objectName ?? definition?.name ?? result.objectId,
    failureDumpGenerated: result.failureDumpAvailable,
    errorMessage: (result.details ?? []).map((detail) => ({
      localMessageText: detail.localMessageText,
      occurrences: detail.occurrences,
      type: detail.type,
      values: detail.values,
    })),
  };
}
