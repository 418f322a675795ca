import type { AuditRoleRequiredError } from './audit-role-required-error.js';

/** The kinds of `@anaplan-access/audit`'s errors, with the class each stands for. */
export interface AuditErrorKinds {
  /** The credential is valid but lacks the Tenant Auditor role ({@link AuditRoleRequiredError}). */
  'audit-role-required': AuditRoleRequiredError;
}

declare module '@anaplan-access/core' {
  /** The kinds of `@anaplan-access/audit`'s errors, known to `isAnaplanAccessError` once the package is imported. */
  interface ErrorKinds extends AuditErrorKinds {}
}

/**
 * The error kinds of this package, for `isAnaplanAccessError(error, kind)` (which narrows to the error's class).
 *
 * @example
 * ```ts
 * if (isAnaplanAccessError(error, 'audit-role-required')) console.error('Grant the Tenant Auditor role');
 * ```
 */
export type AuditErrorKind = keyof AuditErrorKinds;
