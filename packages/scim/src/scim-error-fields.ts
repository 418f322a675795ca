import type { ApiError } from '@anaplan-access/core';

/** The SCIM fields every SCIM error carries, on top of core's {@link ApiError} fields (`status`, `body`, …). */
export interface ScimErrorFields {
  /** The SCIM error keyword (`uniqueness`, `invalidFilter`, `invalidValue`, `noTarget`, `mutability`, …). */
  readonly scimType: string | undefined;
  /** The server's human-readable explanation. */
  readonly detail: string | undefined;
}
