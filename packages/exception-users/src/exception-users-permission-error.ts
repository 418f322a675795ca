// Tests: ./exception-users-client.test.ts

import { isAnaplanAccessError, PermissionDeniedError } from '@anaplan-access/core';

/**
 * Anaplan refused to change an exception user (403): the caller is not a **Tenant Security Admin**, or the user is
 * the caller's own account (nobody can change their own exception status). `ownAccount` tells which, when the
 * client knows it.
 *
 * @example
 * ```ts
 * try { await exceptions.assign(userGuid, workspaceGuid); } catch (error) {
 *   if (isExceptionUsersPermissionError(error)) console.error(error.ownAccount ? 'use another admin' : 'needs Tenant Security Admin');
 * }
 * ```
 */
export class ExceptionUsersPermissionError extends PermissionDeniedError {
  static override readonly kind: string = 'exception-users-permission';
  override readonly name: string = 'ExceptionUsersPermissionError';
  /** Whether the refused change was of the caller's own account (Anaplan's message says so). */
  get ownAccount(): boolean {
    const body = this.body as { statusMessage?: unknown } | undefined;
    return typeof body?.statusMessage === 'string' && /\bown\b/i.test(body.statusMessage);
  }

  /** A plain, credential-free view for logs and `JSON.stringify`, with `ownAccount`. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), ownAccount: this.ownAccount };
  }
}

/**
 * Whether `value` is an {@link ExceptionUsersPermissionError} (by the SDK's brand).
 *
 * @example
 * ```ts
 * if (isExceptionUsersPermissionError(error)) console.error('Needs the Tenant Security Admin role');
 * ```
 */
export const isExceptionUsersPermissionError = (value: unknown): value is ExceptionUsersPermissionError =>
  isAnaplanAccessError(value, 'exception-users-permission');
