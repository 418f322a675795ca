import type { AuditWatermark } from '@anaplan-access/audit';

/**
 * Which users and places drift detection looks at: the managed workspaces, their members and models. An
 * `ObservedState` (from `target.observe()`) is one, as is a plan's `scope` joined with the observed users.
 *
 * @example
 * ```ts
 * const scope: DriftScope = await target.observe(); // the managed workspaces, their members and models
 * ```
 */
export interface DriftScope {
  /** The managed workspaces (ids; names are used in the report). */
  readonly workspaces: readonly { readonly id: string; readonly name?: string | undefined }[];
  /** The managed users: an event that names no workspace (a rename, a deactivation) counts only for them. */
  readonly users: readonly {
    readonly id: string;
    readonly userName: string;
    readonly workspaces: readonly string[];
  }[];
  /** The managed models; a model event counts when its model or its workspace is managed. @default none */
  readonly models?:
    | readonly { readonly modelId: string; readonly workspaceId: string; readonly name: string }[]
    | undefined;
}

/**
 * One change made outside the managed process, from one audit event.
 *
 * @example
 * ```ts
 * const line = (change: DriftChange) => `${change.time} ${change.actor}: ${change.description}`;
 * ```
 */
export interface DriftChange {
  /** The audit event's id (as text). */
  readonly eventId: string;
  /** The audit event type, e.g. `USR-23` (a model role assigned). */
  readonly eventTypeId: string;
  /** When it happened (ISO 8601, UTC). */
  readonly time: string;
  /** The actor's user id (`INTERNAL_<n>` for Anaplan's own processes). */
  readonly actorId: string;
  /** The actor's userName when it is known (a managed user, or read through `scim`), else the id. */
  readonly actor: string;
  /** What changed, in words: `model role Planner in "FP&A" (was Viewer)`. */
  readonly description: string;
  readonly workspaceId?: string | undefined;
  readonly workspaceName?: string | undefined;
  readonly modelId?: string | undefined;
  readonly modelName?: string | undefined;
  /** The event's `additionalAttributes`, as the Audit API gave them. */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/**
 * The changes made to one managed user by someone other than the integration account.
 *
 * @example
 * ```ts
 * for (const user of report.users) console.log(user.userName, user.changes.length);
 * ```
 */
export interface DriftUser {
  readonly userId: string;
  /** The userName (as the scope or the event names it; the id when neither does). */
  readonly userName: string;
  /** Oldest first. */
  readonly changes: readonly DriftChange[];
}

/**
 * What `detectDrift` found: the out-of-band changes per user, the range read, and the watermark the next run
 * starts from.
 *
 * @example
 * ```ts
 * const report = await detectDrift({ audit, since, integrationUser, scope });
 * if (report.users.length > 0) console.log(renderDrift(report));
 * await writeFile('watermark.json', JSON.stringify(report.watermark));
 * ```
 */
export interface DriftReport {
  /** First moment read (ISO 8601). */
  readonly from: string;
  /** Last moment read (ISO 8601). */
  readonly until: string;
  /** The account whose changes are the managed process's own (as given). */
  readonly integrationUser: string;
  /** Users with out-of-band changes, by userName. Empty: no drift. */
  readonly users: readonly DriftUser[];
  /** The number of changes over all users. */
  readonly changes: number;
  /** Where the next detection starts (store it as JSON and pass it back as `since`). */
  readonly watermark: AuditWatermark;
}
