// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { AnaplanAccessError, type CallOptions } from '@anaplan-access/core';
import { CloudWorksRunTimeoutError } from '../errors/run-timeout-error.js';
import { pollUntil } from '../internal/poll.js';
import { defaultRunPollIntervalMs, defaultRunWaitTimeoutMs } from '../runs/run-handle.js';
import type { CloudWorksWaitOptions } from '../runs/run-types.js';
import type { CloudWorksFlow, CloudWorksFlowRunOutcome } from './flow-types.js';

/**
 * A started flow run. CloudWorks has no status call for a flow run: {@link CloudWorksFlowRunHandle.wait} polls the
 * flow until its `latestRun` is one that started after the flow's previous run and has ended.
 *
 * @example
 * ```ts
 * const run = await cloudWorks.flows.run(flowId);
 * const { success, steps } = await run.wait({ timeoutMs: 60 * 60_000 });
 * ```
 */
export class CloudWorksFlowRunHandle {
  readonly flowId: string;
  readonly runId: string;
  readonly #get: (options: CallOptions) => Promise<CloudWorksFlow>;
  readonly #previousStart: string | undefined;
  readonly #url: string;

  /** @internal */
  constructor(
    get: (options: CallOptions) => Promise<CloudWorksFlow>,
    flowId: string,
    runId: string,
    previousStart: string | undefined,
    url: string,
  ) {
    this.#get = get;
    this.flowId = flowId;
    this.runId = runId;
    this.#previousStart = previousStart;
    this.#url = url;
  }

  /**
   * Polls until the flow's run has ended; `success` is `false` when a step failed, partially succeeded under `stop`,
   * or was stopped.
   *
   * @example
   * ```ts
   * const outcome = await run.wait({ intervalMs: 15_000 });
   * ```
   * @throws {@link CloudWorksRunTimeoutError} at the deadline (the flow goes on); `AbortError` when `signal` fires.
   */
  async wait(options: CloudWorksWaitOptions = {}): Promise<CloudWorksFlowRunOutcome> {
    const timeoutMs = options.timeoutMs ?? defaultRunWaitTimeoutMs;
    const flow = await pollUntil<CloudWorksFlow>({
      timeoutMs,
      intervalMs: Math.max(0, options.intervalMs ?? defaultRunPollIntervalMs),
      signal: options.signal,
      poll: (signal) => this.#get({ signal }),
      done: (polled) =>
        polled.latestRun?.endDate !== undefined && polled.latestRun.startDate !== this.#previousStart,
      url: this.#url,
      timeout: () =>
        new CloudWorksRunTimeoutError({
          integrationId: this.flowId,
          runId: this.runId,
          timeoutMs,
          lastStatus: undefined,
        }),
    });
    const latestRun = flow.latestRun;
    if (latestRun === undefined) throw new AnaplanAccessError(`Flow ${this.flowId} reports no run`);
    return {
      runId: this.runId,
      latestRun,
      success: latestRun.success === true && latestRun.executionErrorCode === undefined,
      steps: flow.steps,
    };
  }
}
