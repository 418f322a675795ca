// Tests: ./audit-client.test.ts

import { AuthenticationError, isAnaplanAccessError } from '@anaplan-access/core';

/**
 * The Audit API accepted the credential but the user lacks the **Tenant Auditor** role (or the tenant does not have
 * the Audit feature). Anaplan answers 401 `FAILURE_UNAUTHORIZED_USER_ACTION` rather than 403, so this is an
 * {@link AuthenticationError} too; the difference is that signing in again does not help: grant the role.
 *
 * @example
 * ```ts
 * try { await audit.events.list({ from, to }); } catch (error) {
 *   if (isAuditRoleRequiredError(error)) console.error('Give the integration user the Tenant Auditor role');
 * }
 * ```
 */
export class AuditRoleRequiredError extends AuthenticationError {
  static override readonly kind: string = 'audit-role-required';
  override readonly name: string = 'AuditRoleRequiredError';
}

/**
 * Whether `value` is an {@link AuditRoleRequiredError} (by the SDK's brand: also one from another installed copy).
 *
 * @example
 * ```ts
 * if (isAuditRoleRequiredError(error)) console.error('The Tenant Auditor role is missing');
 * ```
 */
export const isAuditRoleRequiredError = (value: unknown): value is AuditRoleRequiredError =>
  isAnaplanAccessError(value, 'audit-role-required');
