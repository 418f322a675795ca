import type {
  AuthenticationError,
  BadRequestError,
  ErrorKinds,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from '@anaplan-access/core';
import type { InvalidPatchError, ScimRequestRefusedError, UnsupportedFilterError } from './refused-errors.js';
import type { ScimApiError, ScimConflictError } from './scim-error.js';
import type { ScimErrorFields } from './scim-error-fields.js';
import type { UnresolvedConflictError } from './unresolved-conflict-error.js';
import type { WorkspaceChangeError } from './workspace-change.js';

declare module '@anaplan-access/core' {
  /** The kinds of `@anaplan-access/scim`'s errors, known to `isAnaplanAccessError` once the package is imported. */
  interface ErrorKinds {
    /** Any error a SCIM server answered with (`isScimError`). */
    scim: ScimApiError;
    /** 400 from a SCIM server. */
    'scim-bad-request': BadRequestError & ScimErrorFields;
    /** 401 from a SCIM server. */
    'scim-authentication': AuthenticationError & ScimErrorFields;
    /** 403 from a SCIM server. */
    'scim-permission-denied': PermissionDeniedError & ScimErrorFields;
    /** 404 from a SCIM server. */
    'scim-not-found': NotFoundError & ScimErrorFields;
    /** 409 from a SCIM server ({@link ScimConflictError}). */
    'scim-conflict': ScimConflictError;
    /** 429 from a SCIM server. */
    'scim-rate-limit': RateLimitError & ScimErrorFields;
    /** 5xx from a SCIM server. */
    'scim-server': ServerError & ScimErrorFields;
    /** A call refused before it was sent ({@link ScimRequestRefusedError}). */
    'scim-refused': ScimRequestRefusedError;
    /** A filter Anaplan cannot run ({@link UnsupportedFilterError}). */
    'scim-unsupported-filter': UnsupportedFilterError;
    /** An operation `applyPatch` could not apply ({@link InvalidPatchError}). */
    'scim-invalid-patch': InvalidPatchError;
    /** Workspaces that could not be granted or revoked ({@link WorkspaceChangeError}). */
    'scim-workspace-change': WorkspaceChangeError;
    /** A 409 on create with nobody to read back ({@link UnresolvedConflictError}). */
    'scim-unresolved-conflict': UnresolvedConflictError;
  }
}

/**
 * The error kinds of this package, for `isAnaplanAccessError(error, kind)` (which narrows to the error's class).
 *
 * @example
 * ```ts
 * if (isAnaplanAccessError(error, 'scim-workspace-change')) console.log(error.result.failed);
 * ```
 */
export type ScimErrorKind = Extract<keyof ErrorKinds, `scim${string}`>;
