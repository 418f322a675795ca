// Tests: ./workspaces.test.ts

import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';
import type { ScimUser } from './schemas/user.js';

/** One workspace a grant or revoke did not apply. */
export interface WorkspaceFailure {
  /** The workspace id. */
  readonly workspaceId: string;
  /**
   * Whether it was being granted or revoked, or `keep` for a workspace the user held, was not asked to lose, and
   * no longer has afterwards (a server whose PATCH `add` replaced the list).
   */
  readonly operation: 'grant' | 'revoke' | 'keep';
  /**
   * The HTTP status of the request that carried it: the error status, `207` for a partial success, `200`/`204`
   * when the server accepted the request but the user does not show the change; `undefined` when no response
   * came (connection lost, timeout) or the request was not sent because an earlier one failed.
   */
  readonly status: number | undefined;
  /** What went wrong, from the server's `detail` when it gave one. */
  readonly detail: string;
}

/**
 * What {@link ScimUsersResource.grantWorkspaces}, {@link ScimUsersResource.revokeWorkspaces} and
 * {@link ScimUsersResource.setWorkspaces} did, per workspace. Each requested workspace id is in exactly one of `granted`,
 * `revoked`, `unchanged` or `failed`.
 */
export interface WorkspaceChangeResult {
  /** Workspaces added, confirmed on the user afterwards. */
  readonly granted: readonly string[];
  /** Workspaces removed, confirmed absent afterwards. */
  readonly revoked: readonly string[];
  /** Workspaces that needed no change (already held for a grant, not held for a revoke). */
  readonly unchanged: readonly string[];
  /** Workspaces not changed, with the reason. */
  readonly failed: readonly WorkspaceFailure[];
  /** The user as last read from the server. */
  readonly user: ScimUser;
}

/**
 * Some workspaces could not be granted or revoked (a 207 partial success, an error on one of the chunks of 50, or
 * a change the server accepted but did not make). Anaplan does not apply entitlement changes atomically, so the
 * others may have been applied: `result` tells which. Thrown unless `throwOnFailure: false` was passed.
 *
 * @example
 * ```ts
 * try { await client.users.grantWorkspaces(id, ids); } catch (error) {
 *   if (isWorkspaceChangeError(error)) for (const failure of error.result.failed) console.log(failure);
 * }
 * ```
 */
export class WorkspaceChangeError extends AnaplanAccessError {
  static override readonly kind: string = 'scim-workspace-change';
  override readonly name: string = 'WorkspaceChangeError';
  /** What happened to every workspace. */
  readonly result: WorkspaceChangeResult;

  constructor(userId: string, result: WorkspaceChangeResult) {
    const sample = result.failed
      .slice(0, 3)
      .map(
        (failure) =>
          `${failure.operation} ${failure.workspaceId}: ${failure.status ?? 'no response'} ${failure.detail}`,
      )
      .join('; ');
    super(
      `${result.failed.length} workspace change(s) failed for user ${userId} ` +
        `(${result.granted.length} granted, ${result.revoked.length} revoked): ${sample}` +
        (result.failed.length > 3 ? '; …' : ''),
    );
    this.result = result;
  }

  override toJSON(): Record<string, unknown> {
    const { granted, revoked, unchanged, failed } = this.result;
    return { ...super.toJSON(), granted, revoked, unchanged, failed };
  }
}

/**
 * Whether `value` is a {@link WorkspaceChangeError}: some workspaces of a grant or revoke failed.
 *
 * @example
 * ```ts
 * if (isWorkspaceChangeError(error)) console.log(error.result.failed);
 * ```
 */
export const isWorkspaceChangeError = (value: unknown): value is WorkspaceChangeError =>
  isAnaplanAccessError(value, 'scim-workspace-change');
