import type { DesiredModelAccess } from '../desired/desired-state.js';
import type { Finding } from '../findings.js';

/** A user's access in one model: the same shape as the desired access. */
export type ModelAccess = DesiredModelAccess;

/** A tenant user as SCIM reports them. */
export interface ObservedUser {
  /** The SCIM id. */
  id: string;
  userName: string;
  givenName: string;
  familyName: string;
  active: boolean;
  externalId?: string | undefined;
  /** Workspace ids. */
  workspaces: string[];
  /** When the user was created (SCIM `meta.created`), when the target reports it. */
  created?: string | undefined;
  /**
   * When the user last logged in (the Integration API's `lastLoginDate`, ISO), `null` when they never did, absent
   * when last logins were not read (`observe({ lastLogins: true })` reads them).
   */
  lastLogin?: string | null | undefined;
}

/** A managed workspace as observed: id, name and its administrators. */
export interface ObservedWorkspace {
  id: string;
  name: string;
  /**
   * userNames of the Workspace Administrators, or `'unknown'` when they could not be read (the integration account
   * lacks the User Admin role, or the target was told not to read them): never read as "no administrators".
   */
  administrators: string[] | 'unknown';
  /** Why `administrators` is `'unknown'`. */
  administratorsUnknownReason?: string | undefined;
}

/** What the target knows about a model's roles and selective-access lists, used to validate desired access. */
export interface ModelCatalog {
  /** Model roles; when absent, roles are not validated. */
  roles?: string[] | undefined;
  /** SA-enabled list name → items; when absent, lists and items are not validated. */
  lists?: Record<string, string[]> | undefined;
}

export interface ObservedModel extends ModelCatalog {
  workspaceId: string;
  modelId: string;
  name: string;
  /** Whether the model's access was read (through its Users export) or is unknown. */
  access: 'known' | 'unknown';
  /**
   * Why the access is unknown, as the plan's note says it: for example the model has no Users export configured,
   * or its export has no rows although its workspace has members.
   */
  unknownReason?: string | undefined;
  /**
   * userName key (`userNameKey` of `@anaplan-access/core`: NFC, case folded) → access; empty when `access` is
   * `unknown`. A `Map`, not an object: a model can have hundreds of thousands of users, and a `Map` stays fast to
   * look up and to list at that size.
   */
  users: ReadonlyMap<string, ModelAccess>;
  /**
   * Whether the model's USERS import sets the Workspace Administrator flag, as the target declares it
   * (`usersImport.setsWorkspaceAdmin` of `anaplanTarget`; Anaplan's help says an import cannot). When false, the flag
   * is read-only: the plan compares it with the workspace's `administrators` and leaves a difference to a person
   * (a `manual` operation), never to an import.
   */
  importsWorkspaceAdmin: boolean;
}

/**
 * The SSO exception users of one workspace that enforces SSO, as the Exception Users API lists them (`anaplanTarget`
 * with `ssoExceptions`).
 */
export interface ObservedSsoExceptions {
  workspaceId: string;
  workspaceName: string;
  /** The exception users (visitors included), or `'unknown'` when they could not be read: never "none". */
  users: { id: string; userName: string }[] | 'unknown';
  /** Why `users` is `'unknown'`. */
  unknownReason?: string | undefined;
  /**
   * How the target changes them: `api` (the Exception Users API; the only way when the tenant limits exception user
   * assignment to Administration) or `import` (the Single Sign-On column of a model's USERS import).
   */
  assignWith: 'api' | 'import';
}

/** Everything the target reported, in one snapshot. */
export interface ObservedState {
  /** ISO time of the observation. */
  observedAt: string;
  /** The userName of the account the SDK runs as (never changed by a plan). */
  integrationUser?: string | undefined;
  workspaces: ObservedWorkspace[];
  users: ObservedUser[];
  models: ObservedModel[];
  /**
   * Problems the target found while observing (for example a configured import that does not exist). They join the
   * plan's findings; an `error` of kind `target-error` blocks the plan.
   */
  findings?: Finding[] | undefined;
  /** The SSO workspaces' exception users, when the target reads them. @default not observed */
  ssoExceptions?: ObservedSsoExceptions[] | undefined;
  /**
   * Why the users' last logins are unknown, when they were asked for (`observe({ lastLogins: true })`) and could not
   * be read (the Integration API's `GET /users` refused the account).
   */
  lastLoginsUnknownReason?: string | undefined;
}
