// Tests: ./errors.test.ts, ../transport/transport-options.test.ts

import { AnaplanAccessError } from './anaplan-access-error.js';

/**
 * An option is missing, unknown or invalid (a typo in an options object, `http://` to a non-loopback host, an
 * unreadable private key). Thrown synchronously by constructors and factories; never retried.
 *
 * @example
 * ```ts
 * new Transport({ auth, timeout: 5000 });
 * // ConfigurationError: Unknown option "timeout". Valid options: auth, region, baseUrls, …
 * ```
 */
export class ConfigurationError extends AnaplanAccessError {
  static override readonly kind: string = 'configuration';
  override readonly name: string = 'ConfigurationError';
  /** The option at fault, dotted for nested options (`retry.limit`, `baseUrls.api`). */
  readonly key: string;

  constructor(key: string, message: string) {
    super(message);
    this.key = key;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), key: this.key };
  }
}
