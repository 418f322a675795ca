// Tests: ./guards.test.ts, test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';

/**
 * A storage writer needs an optional peer dependency that is not installed: `@azure/storage-blob` for
 * {@link azureBlobStorage}, `@aws-sdk/client-s3` for {@link amazonS3Storage}. Install it beside
 * `@anaplan-access/cloudworks`.
 *
 * @example
 * ```ts
 * if (isCloudWorksPeerMissingError(error)) console.log(`npm install ${error.packageName}`);
 * ```
 */
export class CloudWorksPeerMissingError extends AnaplanAccessError {
  static override readonly kind: string = 'cloudworks-peer-missing';
  override readonly name: string = 'CloudWorksPeerMissingError';
  /** The package to install. */
  readonly packageName: string;

  constructor(packageName: string, cause: unknown) {
    super(
      `${packageName} is not installed: it is an optional peer dependency of @anaplan-access/cloudworks, needed to ` +
        `write to that storage. Install it (npm install ${packageName}).`,
      { cause },
    );
    this.packageName = packageName;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), packageName: this.packageName };
  }
}

/**
 * Whether `value` is a {@link CloudWorksPeerMissingError} (by the SDK's brand).
 *
 * @example
 * ```ts
 * if (isCloudWorksPeerMissingError(error)) console.log(error.packageName);
 * ```
 */
export const isCloudWorksPeerMissingError = (value: unknown): value is CloudWorksPeerMissingError =>
  isAnaplanAccessError(value, 'cloudworks-peer-missing');
