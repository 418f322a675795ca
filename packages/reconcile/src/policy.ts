import { z } from 'zod';

/**
 * Rules a plan follows. Every field is optional; the defaults are the safe choice.
 *
 * @example
 * ```ts
 * const policy: PlanPolicy = {
 *   protectedUsers: ['break-glass@example.com'],
 *   deprovision: 'deactivate',
 *   deletionGuard: { maxCount: 25, maxPercent: 10 },
 * };
 * ```
 */
export interface PlanPolicy {
  /**
   * Narrows which users the plan may touch, beyond the target's managed workspaces. Return `false` to leave a user
   * alone. Called with the userName and, when the user exists, the observed externalId.
   * @default every user in the managed workspaces
   */
  scope?: ((user: { userName: string; externalId?: string | undefined }) => boolean) | undefined;
  /** userNames never changed (break-glass accounts). The integration account is always protected. @default [] */
  protectedUsers?: string[] | undefined;
  /** Whether Workspace Administrators may be changed. @default false (they are protected) */
  manageWorkspaceAdministrators?: boolean | undefined;
  /**
   * What happens to a user in scope that the source no longer lists: revoke their model access and managed
   * workspaces, then deactivate them when no workspace is left (`deactivate`), or only revoke (`revoke-only`).
   * @default 'deactivate'
   */
  deprovision?: 'deactivate' | 'revoke-only' | undefined;
  /**
   * The deletion guard: a plan whose destructive operations (deactivations, workspace and model revocations) exceed
   * `maxCount`, or exceed `maxPercent` of the access that exists in scope, is blocked.
   * @default { maxCount: 25, maxPercent: 10 }
   */
  deletionGuard?: { maxCount?: number | undefined; maxPercent?: number | undefined } | undefined;
  /** Lets a plan over the deletion guard's limits through. @default false */
  allowDestructive?: boolean | undefined;
  /** Whether to update first and last names in Anaplan to match the source. @default true */
  updateNames?: boolean | undefined;
}

export const PlanPolicySchema = z.strictObject({
  scope: z
    .custom<PlanPolicy['scope']>((value) => value === undefined || typeof value === 'function')
    .optional(),
  protectedUsers: z.array(z.string()).optional(),
  manageWorkspaceAdministrators: z.boolean().optional(),
  deprovision: z.enum(['deactivate', 'revoke-only']).optional(),
  deletionGuard: z
    .strictObject({
      maxCount: z.number().int().nonnegative().optional(),
      maxPercent: z.number().min(0).max(100).optional(),
    })
    .optional(),
  allowDestructive: z.boolean().optional(),
  updateNames: z.boolean().optional(),
});

/** The policy with its defaults filled in. */
export interface ResolvedPolicy {
  scope: (user: { userName: string; externalId?: string | undefined }) => boolean;
  protectedUsers: Set<string>;
  manageWorkspaceAdministrators: boolean;
  deprovision: 'deactivate' | 'revoke-only';
  maxCount: number;
  maxPercent: number;
  allowDestructive: boolean;
  updateNames: boolean;
}

export function resolvePolicy(policy: PlanPolicy = {}): ResolvedPolicy {
  return {
    scope: policy.scope ?? (() => true),
    protectedUsers: new Set((policy.protectedUsers ?? []).map((userName) => userName.toLowerCase())),
    manageWorkspaceAdministrators: policy.manageWorkspaceAdministrators ?? false,
    deprovision: policy.deprovision ?? 'deactivate',
    maxCount: policy.deletionGuard?.maxCount ?? 25,
    maxPercent: policy.deletionGuard?.maxPercent ?? 10,
    allowDestructive: policy.allowDestructive ?? false,
    updateNames: policy.updateNames ?? true,
  };
}
