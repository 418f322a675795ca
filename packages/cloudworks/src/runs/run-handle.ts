// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import type { CallOptions } from '@anaplan-access/core';
import { CloudWorksRunTimeoutError } from '../errors/run-timeout-error.js';
import { pollUntil } from '../internal/poll.js';
import { hasStopped, outcomeOf } from '../internal/run-outcome.js';
import type {
  CloudWorksDumpOptions,
  CloudWorksRunError,
  CloudWorksRunOutcome,
  CloudWorksRunStatus,
  CloudWorksWaitOptions,
} from './run-types.js';

/** The calls of `RunsResource` a handle makes (a structural type, so that the two files do not import each other). */
interface RunCalls {
  get(runId: string, options: CallOptions): Promise<CloudWorksRunStatus>;
  cancel(integrationId: string, options: CallOptions): Promise<void>;
  errors(runId: string, options: CallOptions): Promise<CloudWorksRunError[]>;
  dump(runId: string, options: CloudWorksDumpOptions): Promise<string | undefined>;
}

/** The default {@link CloudWorksWaitOptions.timeoutMs}: one hour. */
export const defaultRunWaitTimeoutMs = 60 * 60 * 1000;
/** The default {@link CloudWorksWaitOptions.intervalMs}: CloudWorks runs take minutes, polling every 10 s is plenty. */
export const defaultRunPollIntervalMs = 10_000;

/**
 * A started (or adopted) CloudWorks run: poll it, wait for it with a deadline, cancel it, read its errors and dumps.
 *
 * @example
 * ```ts
 * const run = await cloudWorks.runs.start(integrationId);
 * const outcome = await run.wait({ timeoutMs: 30 * 60_000 });
 * if (outcome.outcome !== 'success') console.log(await run.errors(), await run.dump());
 * ```
 */
export class CloudWorksRunHandle {
  readonly integrationId: string;
  readonly runId: string;
  readonly #runs: RunCalls;
  readonly #url: string;

  /** @internal */
  constructor(runs: RunCalls, integrationId: string, runId: string, url: string) {
    this.#runs = runs;
    this.integrationId = integrationId;
    this.runId = runId;
    this.#url = url;
  }

  /**
   * Polls the run once.
   *
   * @example
   * ```ts
   * const status = await run.get();
   * ```
   * @throws `NotFoundError` when there is no such run.
   */
  get(options: CallOptions = {}): Promise<CloudWorksRunStatus> {
    return this.#runs.get(this.runId, options);
  }

  /**
   * Polls until the run stops (`endDate` set) and says how it went: `success`, `partial-success` (code 38, counts in
   * `counts`), `failed` or `cancelled`. It does not throw for a run that failed: read `outcome`, then
   * {@link CloudWorksRunHandle.errors} and {@link CloudWorksRunHandle.dump}.
   *
   * @example
   * ```ts
   * const { outcome, counts } = await run.wait({ timeoutMs: 15 * 60_000, intervalMs: 5000 });
   * ```
   * @throws {@link CloudWorksRunTimeoutError} at the deadline (the run goes on).
   * @throws `AbortError` when `signal` fires (the run goes on).
   */
  async wait(options: CloudWorksWaitOptions = {}): Promise<CloudWorksRunOutcome> {
    const timeoutMs = options.timeoutMs ?? defaultRunWaitTimeoutMs;
    const last = await pollUntil<CloudWorksRunStatus>({
      timeoutMs,
      intervalMs: Math.max(0, options.intervalMs ?? defaultRunPollIntervalMs),
      signal: options.signal,
      poll: (signal) => this.get({ signal }),
      done: hasStopped,
      onProgress: options.onProgress,
      url: this.#url,
      timeout: (lastStatus) =>
        new CloudWorksRunTimeoutError({
          integrationId: this.integrationId,
          runId: this.runId,
          timeoutMs,
          lastStatus,
        }),
    });
    return outcomeOf(last);
  }

  /**
   * Asks CloudWorks to cancel the integration's run in flight.
   *
   * @example
   * ```ts
   * await run.cancel();
   * const { outcome } = await run.wait(); // 'cancelled'
   * ```
   * @throws `ConflictError` (409) when it is not running any more; `NotFoundError` (404) while it is still queued.
   */
  cancel(options: CallOptions = {}): Promise<void> {
    return this.#runs.cancel(this.integrationId, options);
  }

  /**
   * The run's errors, per task and action; empty when it had none.
   *
   * @example
   * ```ts
   * for (const error of await run.errors()) for (const action of error.actions) console.log(action.messages);
   * ```
   */
  errors(options: CallOptions = {}): Promise<CloudWorksRunError[]> {
    return this.#runs.errors(this.runId, options);
  }

  /**
   * The run's import error log (the dump CSV, with `_Line_` numbers), or, with `actionId`, the dump of that import
   * inside a process; `undefined` when there is none.
   *
   * @example
   * ```ts
   * const csv = await run.dump();
   * ```
   */
  dump(options: CloudWorksDumpOptions = {}): Promise<string | undefined> {
    return this.#runs.dump(this.runId, options);
  }
}
