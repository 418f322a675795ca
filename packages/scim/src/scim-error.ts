// Tests: ./scim-client.test.ts, ./users.test.ts

import { ApiError, type ApiErrorInit, ConflictError, isAnaplanAccessError } from '@anaplan-access/core';
import { hasScimErrorBrand, withScimFields } from './internal/with-scim-fields.js';
import type { ScimErrorFields } from './scim-error-fields.js';

/**
 * A SCIM server answered with an error status for which core has no more specific class (412, 413, 501, …).
 * Every SCIM error, this one included, satisfies {@link isScimError}; errors for 400, 401, 403, 404, 409, 429 and
 * 5xx extend core's matching class instead (so `isNotFoundError`, `isConflictError`, … keep working) and carry
 * the same `scimType` and `detail`. `status` is always the HTTP status as a number, even though SCIM bodies send
 * it as a string.
 *
 * @example
 * ```ts
 * try { await client.users.patch(id, operations); } catch (error) {
 *   if (isScimError(error) && error.scimType === 'noTarget') { … }
 * }
 * ```
 */
export class ScimError extends withScimFields(ApiError, 'scim', 'ScimError') {
  constructor(init: ApiErrorInit) {
    super(init);
  }
}

/**
 * 409 from a SCIM server: on create, a user with this `userName` already exists (`scimType: 'uniqueness'`).
 * `userName` is the one the request tried to create, when known. Satisfies core's `isConflictError` and
 * {@link isScimError}.
 *
 * @example
 * ```ts
 * try { await client.users.create(input); } catch (error) {
 *   if (isScimError(error) && isConflictError(error)) return client.users.findByUserName(input.userName);
 *   throw error;
 * }
 * ```
 */
export class ScimConflictError extends withScimFields(ConflictError, 'scim-conflict', 'ScimConflictError') {
  /** The `userName` the failed request tried to create, when the request was a create. */
  readonly userName: string | undefined;
  constructor(init: ApiErrorInit<409> & { userName?: string | undefined }) {
    super(init);
    this.userName = init.userName;
  }
  /** A plain object for logs and `JSON.stringify`, with `scimType`, `detail` and `userName`. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), userName: this.userName };
  }
}

/**
 * Whether `value` is a {@link ScimConflictError}: a 409 from a SCIM server, with the `userName` a create tried.
 *
 * @example
 * ```ts
 * if (isScimConflictError(error)) return client.users.findByUserName(error.userName ?? input.userName);
 * ```
 */
export const isScimConflictError = (value: unknown): value is ScimConflictError =>
  isAnaplanAccessError(value, 'scim-conflict');

/** Any error a SCIM server answered with: an {@link ApiError} with `scimType` and `detail`. */
export type ScimApiError = ApiError & ScimErrorFields;

/**
 * Whether `value` is an error answered by a SCIM server through this package (any status, any installed copy).
 * Combine with core's guards for the status: `isScimError(e) && isNotFoundError(e)`.
 *
 * @example
 * ```ts
 * if (isScimError(error)) console.log(error.status, error.scimType, error.detail);
 * ```
 */
export function isScimError(value: unknown): value is ScimApiError {
  return hasScimErrorBrand(value);
}
