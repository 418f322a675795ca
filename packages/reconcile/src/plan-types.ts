import type { Finding } from './findings.js';
import type { Operation } from './operations.js';

/** The version of the JSON plan format. Minor bumps only add fields; a major bump breaks readers. */
export const planFormatVersion = '1.0';

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
}

/** The deletion guard's verdict. */
export interface DeletionGuardResult {
  /** Deactivations + workspace revocations + model revocations in the plan. */
  destructive: number;
  /** Units of access that exist in scope: active users, workspace memberships and model accesses. */
  existing: number;
  /** `destructive / existing`, in percent (0 when nothing exists). */
  percent: number;
  maxCount: number;
  maxPercent: number;
  /** Whether the limits were exceeded. */
  exceeded: boolean;
  /** Whether `allowDestructive` let an exceeded plan through. */
  overridden: boolean;
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
  summary: PlanSummary;
  guard: DeletionGuardResult;
  /**
   * True when the plan must not be applied: the deletion guard stopped it, or the source could not be read in full
   * (a `source-error` finding — an unreadable source must never look like "nobody should have access"). `apply`
   * refuses a blocked plan; `allowDestructive` lifts only the deletion guard.
   */
  blocked: boolean;
  /** Why the plan is blocked, in words; empty when it is not. */
  blockedReasons: string[];
  findings: Finding[];
  /** Remarks about the plan as a whole (for example a model whose access is unknown). */
  notes: string[];
  /** The changes, in a deterministic order (by user, then phase). */
  operations: Operation[];
}
