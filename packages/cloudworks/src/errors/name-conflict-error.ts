// Tests: ./guards.test.ts, test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';

/** What a {@link CloudWorksNameConflictError} is built from. */
export interface CloudWorksNameConflictErrorInit {
  /** `connection`, `integration` or `integration flow`. */
  what: string;
  name: string;
  /** The ids of every object with that name. */
  ids: string[];
}

/**
 * An ensure-by-name or find-by-name call found several objects with the same name, so it cannot tell which one is
 * meant (CloudWorks does not keep integration names unique). Delete or rename all but one.
 *
 * @example
 * ```ts
 * if (isCloudWorksNameConflictError(error)) console.log(error.objectName, error.ids);
 * ```
 */
export class CloudWorksNameConflictError extends AnaplanAccessError {
  static override readonly kind: string = 'cloudworks-name-conflict';
  override readonly name: string = 'CloudWorksNameConflictError';
  /** `connection`, `integration` or `integration flow`. */
  readonly what: string;
  /** The name several objects share. */
  readonly objectName: string;
  readonly ids: readonly string[];

  constructor(init: CloudWorksNameConflictErrorInit) {
    super(
      `${init.ids.length} CloudWorks ${init.what}s are named "${init.name}" (${init.ids.join(', ')}): keep one`,
    );
    this.what = init.what;
    this.objectName = init.name;
    this.ids = [...init.ids];
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), what: this.what, objectName: this.objectName, ids: this.ids };
  }
}

/**
 * Whether `value` is a {@link CloudWorksNameConflictError} (by the SDK's brand).
 *
 * @example
 * ```ts
 * if (isCloudWorksNameConflictError(error)) console.log(error.ids);
 * ```
 */
export const isCloudWorksNameConflictError = (value: unknown): value is CloudWorksNameConflictError =>
  isAnaplanAccessError(value, 'cloudworks-name-conflict');
