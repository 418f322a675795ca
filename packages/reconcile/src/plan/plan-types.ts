// Tests: ./parse-plan.test.ts, ./internal/plan-digest.test.ts

import type { Finding } from '../findings.js';
import type { Operation } from './operations.js';

/**
 * The version of the JSON plan format. Minor bumps only add fields; a major bump breaks readers. 2.0: structured
 * `blockedReasons`, the recorded `policy`, the `digest`, the guard's breakdown and source check, `summary.leftOut`.
 */
export const planFormatVersion = '2.0';

/** Counts shown on the summary line and used by CI gates. */
export interface PlanSummary {
  /** Users created, workspaces granted, model access given to someone who had none. */
  create: number;
  /** Users renamed or reactivated, model access changed. */
  update: number;
  /** Workspaces and model access revoked, users deactivated. */
  revoke: number;
  /** Changes a person must make. */
  manual: number;
  /** Findings by severity. */
  findings: { error: number; warning: number; info: number };
  /** Users left out of the plan by error findings: Anaplan may not match the desired state for them. */
  leftOut: number;
}

/** What the deletion guard counted as removals of access, by kind. */
export interface DeletionGuardCounts {
  /** `user.deactivate` operations. */
  deactivations: number;
  /** `workspace.revoke` operations. */
  workspaceRevocations: number;
  /** `model.access.revoke` operations. */
  modelRevocations: number;
  /** Selective-access items a `model.access.set` takes away (each item one). */
  selectiveAccessItems: number;
  /**
   * Role changes and write → read demotions made by `model.access.set`, counted only with
   * `deletionGuard.countDowngrades` (0 otherwise).
   */
  downgrades: number;
  /**
   * `sso.exception.unassign` operations: users who lose their SSO exception (password sign-in) in a workspace.
   * Present only when the plan has some.
   */
  ssoExceptionRemovals?: number | undefined;
}

/** The deletion guard's verdict. */
export interface DeletionGuardResult {
  /** Every removal of access the plan makes: the sum of {@link DeletionGuardResult.counted}. */
  destructive: number;
  /** What `destructive` is made of. */
  counted: DeletionGuardCounts;
  /**
   * Units of access that exist in scope: active users, workspace memberships, model accesses and selective-access
   * items (protected users left out).
   */
  existing: number;
  /** `destructive / existing`, in percent (100 when something is removed and nothing exists, 0 when nothing is). */
  percent: number;
  maxCount: number;
  maxPercent: number;
  /**
   * With `deletionGuard.window`: the removals of access already applied in the window (read from the audit log),
   * which count against `maxCount` together with this plan's.
   */
  window?: { hours: number; since: string; applied: number } | undefined;
  /**
   * The source check: users Anaplan has in scope (protected users left out), how many of them the source does not
   * list (they would be deprovisioned), that share in percent, and how many users the source lists in all.
   */
  users: { inScope: number; unlisted: number; percent: number; listed: number };
  /** Whether the limits were exceeded. */
  exceeded: boolean;
  /** Whether `allowDestructive` let an exceeded plan through. */
  overridden: boolean;
}

/**
 * Why a plan is blocked, as a code a program can branch on:
 * - `source-error`: the source could not be read in full; only fixing the source lifts it;
 * - `empty-source`: the source lists no user while Anaplan has users in scope; `allowEmptySource` lifts it;
 * - `source-shrank`: the source no longer lists more than `maxPercent` of the users in scope; `allowEmptySource`
 *   lifts it;
 * - `guard`: the removals of access pass `maxCount` or `maxPercent`; `allowDestructive` lifts it;
 * - `target-error`: the target's configuration does not match Anaplan (a configured import or export that does
 *   not exist); only correcting it lifts it.
 */
export type BlockedReasonCode = 'source-error' | 'empty-source' | 'source-shrank' | 'guard' | 'target-error';

/** One reason a plan is blocked. */
export interface BlockedReason {
  code: BlockedReasonCode;
  /** What happened and what lifts it, in words. */
  message: string;
}

/**
 * The serializable part of the policy a plan was made with, recorded so that `apply` can recompute the guard.
 * (`scope` is a function: only whether one was given is recorded; protected users are in `Plan.scope`.)
 */
export interface RecordedPolicy {
  scope: 'all' | 'custom';
  manageWorkspaceAdministrators: boolean;
  deprovision: 'deactivate' | 'revoke-only';
  deletionGuard: {
    maxCount: number;
    maxPercent: number;
    countDowngrades: boolean;
    window?: { hours: number } | undefined;
  };
  allowDestructive: boolean;
  allowEmptySource: boolean;
  updateNames: boolean;
  /** The inactivity rule, when the policy has one (`excluded`: how many userNames it excludes). */
  inactivity?:
    | { afterDays: number; action: 'deactivate' | 'revoke-models'; noticeDays: number; excluded: number }
    | undefined;
}

/** A plan: what would change, why, and whether it may be applied. Plain JSON, safe to save and review. */
export interface Plan {
  formatVersion: typeof planFormatVersion;
  createdAt: string;
  /** The desired-state source, e.g. `csv:access.csv`. */
  source: string;
  /** Fingerprints of what the plan was computed from; `apply` refuses a plan whose observed fingerprint is stale. */
  fingerprints: { observed: string; desired: string };
  /** What the plan manages. */
  scope: {
    workspaces: { id: string; name: string }[];
    models: { workspaceId: string; modelId: string; name: string; access: 'known' | 'unknown' }[];
    protectedUsers: string[];
    /** The account the SDK ran as when it observed Anaplan (recorded as the actor in the audit log). */
    integrationUser?: string | undefined;
  };
  /** The policy the plan was made with (what `apply` recomputes the guard from). */
  policy: RecordedPolicy;
  summary: PlanSummary;
  guard: DeletionGuardResult;
  /**
   * True when the plan must not be applied: the source could not be read in full (a `source-error` finding — an
   * unreadable source must never look like "nobody should have access"), is empty or shrank, or the deletion guard
   * stopped it. `apply` recomputes this from the operations and the recorded policy and refuses a blocked plan.
   */
  blocked: boolean;
  /** Why the plan is blocked, each with a code; empty when it is not. */
  blockedReasons: BlockedReason[];
  findings: Finding[];
  /** Remarks about the plan as a whole (for example a model whose access is unknown). */
  notes: string[];
  /** The changes, in a deterministic order (by user, then phase). */
  operations: Operation[];
  /**
   * `sha256:<hex>` over the canonical JSON of every other field: `parsePlan` and `apply` refuse a plan whose content
   * no longer matches it (an edited `blocked` flag, count or operation). A checksum, not a signature: keep saved
   * plans where only reviewers can write.
   */
  digest: string;
}
