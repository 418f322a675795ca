// Tests: ./guards.test.ts, test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';

/** What a {@link CloudWorksStorageWriteError} is built from. */
export interface CloudWorksStorageWriteErrorInit {
  /** `AzureBlob` or `AmazonS3`. */
  storage: string;
  /** The container or bucket. */
  container: string;
  /** The object's path. */
  path: string;
  /** The storage's HTTP status, when it answered. */
  status: number | undefined;
  cause: unknown;
  /** Credentials to scrub from the message and the cause. */
  secrets: readonly string[];
}

/**
 * Writing a file to the bucket or container failed (refused credentials, no such container, the network). Nothing
 * reached CloudWorks: no run should be started on the old content.
 *
 * @example
 * ```ts
 * if (isCloudWorksStorageWriteError(error)) console.log(error.storage, error.path, error.status);
 * ```
 */
export class CloudWorksStorageWriteError extends AnaplanAccessError {
  static override readonly kind: string = 'cloudworks-storage-write';
  override readonly name: string = 'CloudWorksStorageWriteError';
  readonly storage: string;
  readonly container: string;
  readonly path: string;
  readonly status: number | undefined;

  constructor(init: CloudWorksStorageWriteErrorInit) {
    const reason = init.cause instanceof Error ? init.cause.message : String(init.cause);
    super(
      `Writing ${init.path} to ${init.storage} ${init.container} failed` +
        (init.status === undefined ? '' : ` (HTTP ${init.status})`) +
        `: ${reason.split('\n')[0]}`,
      { cause: init.cause, secrets: init.secrets },
    );
    this.storage = init.storage;
    this.container = init.container;
    this.path = init.path;
    this.status = init.status;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      storage: this.storage,
      container: this.container,
      path: this.path,
      status: this.status,
    };
  }
}

/**
 * Whether `value` is a {@link CloudWorksStorageWriteError} (by the SDK's brand).
 *
 * @example
 * ```ts
 * if (isCloudWorksStorageWriteError(error)) console.log(error.path);
 * ```
 */
export const isCloudWorksStorageWriteError = (value: unknown): value is CloudWorksStorageWriteError =>
  isAnaplanAccessError(value, 'cloudworks-storage-write');
