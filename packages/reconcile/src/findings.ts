// Tests: ./plan/render.test.ts, ./plan/plan.test.ts

import type { SourceRef } from './desired/source-ref.js';

/** What kind of problem a {@link Finding} reports. */
export type FindingKind =
  /** A row failed validation (bad e-mail, bad boolean, missing field …). */
  | 'invalid-row'
  /**
   * The same user appears more than once with differently spelled e-mails (compared as `userNameKey` of
   * `@anaplan-access/core` does: ignoring case and Unicode normalization) or as two user records.
   */
  | 'duplicate-user'
  /**
   * A desired e-mail looks like a different user's (confusable characters, such as a Cyrillic `а` for a Latin `a`):
   * an error for the user who would be created; neither that create nor the other user's deprovisioning is planned.
   */
  | 'lookalike-user'
  /** Two rows give different values for the same thing (names, role, a selective-access level …). */
  | 'conflicting-rows'
  /** A user has no first or last name in the source. */
  | 'missing-user-details'
  | 'unknown-workspace'
  | 'unknown-model'
  | 'unknown-role'
  | 'unknown-list'
  | 'unknown-item'
  /**
   * A change was wanted for a protected user; it is not planned. As a warning with field `protectedUsers`: an entry
   * of the policy's `protectedUsers` matches no user in Anaplan (it protects nobody; check its spelling).
   */
  | 'protected-user'
  /**
   * A managed workspace's administrators could not be read (a warning naming the workspace): unless the policy lists
   * them (`workspaceAdministrators`), no access is taken from anyone in that workspace.
   */
  | 'administrators-unknown'
  /**
   * The policy has an inactivity rule, but the users' last logins could not be read (or a user's is missing): nobody
   * is judged dormant on a guess (a warning saying why).
   */
  | 'last-logins-unknown'
  /** Something the plan cannot do through any API (for example an e-mail change). */
  | 'unsupported-change'
  /** The source or target could not be read in part. */
  | 'source-error'
  /**
   * The target's configuration does not match Anaplan (a configured import or export does not exist, or is not a
   * USERS import). Like `source-error`, it blocks the plan: nothing is applied until the configuration is fixed.
   */
  | 'target-error';

/** How bad a finding is: `error` leaves the user out of the plan; `warning` and `info` do not. */
export type FindingSeverity = 'error' | 'warning' | 'info';

/** A problem found in the desired state or while planning. Findings never carry secrets. */
export interface Finding {
  kind: FindingKind;
  severity: FindingSeverity;
  /** A sentence a person can act on. */
  message: string;
  /** The user concerned, when there is one. */
  userName?: string | undefined;
  /** The field concerned, e.g. `email`, `role`, `models.Sales.selectiveAccess.Region`. */
  field?: string | undefined;
  /** The source rows concerned. */
  refs?: SourceRef[] | undefined;
}

/** Formats `source:row` references for messages. */
export function describeRefs(refs: readonly SourceRef[]): string {
  return refs.map((ref) => `${ref.source} row ${ref.row}`).join(', ');
}
