// Tests: ./guards.test.ts, test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';
import type { CloudWorksRunStatus } from '../runs/run-types.js';

/** What a {@link CloudWorksRunTimeoutError} is built from. */
export interface CloudWorksRunTimeoutErrorInit {
  integrationId: string;
  runId: string;
  timeoutMs: number;
  /** The run as last polled, if it was polled at all. */
  lastStatus: CloudWorksRunStatus | undefined;
}

/**
 * A CloudWorks run did not stop before the `timeoutMs` deadline of `wait()`. The run goes on: wait again, or
 * cancel it (CloudWorks refuses to cancel a run that is still queued).
 *
 * @example
 * ```ts
 * if (isCloudWorksRunTimeoutError(error)) await cloudWorks.runs.cancel(error.integrationId);
 * ```
 */
export class CloudWorksRunTimeoutError extends AnaplanAccessError {
  static override readonly kind: string = 'cloudworks-run-timeout';
  override readonly name: string = 'CloudWorksRunTimeoutError';
  readonly integrationId: string;
  readonly runId: string;
  readonly timeoutMs: number;
  /** The run as last polled (its `message` tells whether it was queued or running). */
  readonly lastStatus: CloudWorksRunStatus | undefined;

  constructor(init: CloudWorksRunTimeoutErrorInit) {
    super(
      `CloudWorks run ${init.runId} of integration ${init.integrationId} did not stop within ${init.timeoutMs} ms` +
        (init.lastStatus?.message ? ` (last message "${init.lastStatus.message}")` : ''),
    );
    this.integrationId = init.integrationId;
    this.runId = init.runId;
    this.timeoutMs = init.timeoutMs;
    this.lastStatus = init.lastStatus;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      integrationId: this.integrationId,
      runId: this.runId,
      timeoutMs: this.timeoutMs,
      lastMessage: this.lastStatus?.message,
    };
  }
}

/**
 * Whether `value` is a {@link CloudWorksRunTimeoutError} (by the SDK's brand).
 *
 * @example
 * ```ts
 * if (isCloudWorksRunTimeoutError(error)) console.log(error.runId, error.lastStatus?.message);
 * ```
 */
export const isCloudWorksRunTimeoutError = (value: unknown): value is CloudWorksRunTimeoutError =>
  isAnaplanAccessError(value, 'cloudworks-run-timeout');
