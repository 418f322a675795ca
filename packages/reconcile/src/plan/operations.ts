// Tests: ./plan.test.ts, ../apply/internal/phase-runners.test.ts

import type { UserFields } from '../target/access-target.js';
import type { ModelAccess } from '../target/observed-state.js';

/**
 * The fields every operation of a plan has, whatever its `kind`: what a tool that lists, filters or orders a plan's
 * operations without looking at their kind needs.
 *
 * @example
 * ```ts
 * const line = (operation: OperationBase) => `${operation.id} (after ${operation.dependsOn.join(', ') || 'nothing'})`;
 * for (const operation of plan.operations) console.log(line(operation));
 * ```
 */
export interface OperationBase {
  /** Stable id, unique within a plan, e.g. `workspace.grant:jane@example.com:<workspaceId>`. */
  id: string;
  /** The user concerned. */
  userName: string;
  /** The SCIM id, when the user exists. */
  userId?: string | undefined;
  /** Ids of operations that must succeed first. */
  dependsOn: string[];
  /** Why the plan wants this, in words. */
  reason: string;
  /**
   * With `plan({ drift })`: the out-of-band change this operation undoes, in words, e.g. `re-asserts Planner in
   * "FP&A", changed by kim.admin@example.com at 2026-12-05 14:02:31 UTC (USR-23)`. Absent otherwise.
   */
  drift?: string | undefined;
}

/** Creates a user through SCIM, with their first workspaces (`user.create`). */
export interface UserCreateOperation extends OperationBase {
  kind: 'user.create';
  before: null;
  after: UserFields & { workspaces: string[] };
}

/**
 * Changes a user's names or external id through SCIM (`user.update`); `before` and `after` hold only the changed fields.
 */
export interface UserUpdateOperation extends OperationBase {
  kind: 'user.update';
  before: Partial<UserFields>;
  after: Partial<UserFields>;
}

/** Deactivates or reactivates a user through SCIM (`user.deactivate`, `user.reactivate`). */
export interface UserActivationOperation extends OperationBase {
  kind: 'user.deactivate' | 'user.reactivate';
  before: { active: boolean };
  after: { active: boolean };
}

/**
 * Adds a user to a workspace or removes them from it through SCIM (`workspace.grant`, `workspace.revoke`).
 */
export interface WorkspaceOperation extends OperationBase {
  kind: 'workspace.grant' | 'workspace.revoke';
  workspaceId: string;
  workspaceName: string;
  before: { member: boolean };
  after: { member: boolean };
}

/**
 * Sets a user's access in one model (role, selective access, SSO) or revokes it (role `No Access`) through the model's USERS import (`model.access.set`, `model.access.revoke`).
 */
export interface ModelAccessOperation extends OperationBase {
  kind: 'model.access.set' | 'model.access.revoke';
  workspaceId: string;
  modelId: string;
  modelName: string;
  /** The user's names, which a USERS import needs for someone new to the model. */
  givenName: string;
  familyName: string;
  /** `unknown` when the model has no Users export to read. */
  before: ModelAccess | 'unknown' | null;
  after: ModelAccess;
}

/**
 * Makes a user an SSO exception user of a workspace, or no longer one (`sso.exception.assign`,
 * `sso.exception.unassign`): through the Exception Users API (`via: 'api'`), or through the USERS import of a
 * model of the workspace (`via: 'import'`, its Single Sign-On column), as the target is configured.
 */
export interface SsoExceptionOperation extends OperationBase {
  kind: 'sso.exception.assign' | 'sso.exception.unassign';
  workspaceId: string;
  workspaceName: string;
  /** How it is applied; with `import`, the model whose USERS import carries the change. */
  via: { kind: 'api' } | { kind: 'import'; modelId: string; modelName: string };
  before: { exception: boolean };
  after: { exception: boolean };
}

/** Something no API can do; a person has to. */
export interface ManualOperation extends OperationBase {
  kind: 'manual';
  /** What to do, in words. */
  action: string;
  before: unknown;
  after: unknown;
}

/** One change in a plan. */
export type Operation =
  | UserCreateOperation
  | UserUpdateOperation
  | UserActivationOperation
  | WorkspaceOperation
  | ModelAccessOperation
  | SsoExceptionOperation
  | ManualOperation;

/** The `kind` of an {@link Operation}. */
export type OperationKind = Operation['kind'];

/** Kinds that remove access; counted by the deletion guard. */
export const destructiveKinds: readonly OperationKind[] = [
  'user.deactivate',
  'workspace.revoke',
  'model.access.revoke',
  'sso.exception.unassign',
];
