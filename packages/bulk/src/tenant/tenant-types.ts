/**
 * A tenant user record of the Integration API, from `GET /users`, `/users/{id}` or `/users/me` (no model roles or
 * access here; SCIM's view of a user is `ScimUser` in `@anaplan-access/scim`).
 *
 * @example
 * ```ts
 * const me: IntegrationUser = await client.users.me();
 * ```
 */
export interface IntegrationUser {
  /** 32 lower-case hex characters. */
  id: string;
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  active?: boolean | undefined;
  emailOptIn?: boolean | undefined;
  customerId?: string | undefined;
  /**
   * Date-time of the last login as Anaplan writes it (`2017-09-07T08:05:37.000+0000`); `null` or absent when the
   * user never logged in (tenants are not known to agree on which). `GET /users?sort=-lastLoginDate` sorts by it.
   */
  lastLoginDate?: string | null | undefined;
  /** Fields the server sends that this type does not name. */
  [field: string]: unknown;
}

/** A workspace from `GET /workspaces`. */
export interface Workspace {
  /** 32 lower-case hex characters. */
  id: string;
  name: string;
  active?: boolean | undefined;
  /** Bytes allowed. */
  sizeAllowance?: number | undefined;
  /** Bytes used (only with `tenantDetails=true`). */
  currentSize?: number | undefined;
  [field: string]: unknown;
}

/** A workspace administrator from `GET /workspaces/{id}/admins`. */
export interface WorkspaceAdmin {
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  active?: boolean | undefined;
  /** Names of other workspaces this person administers. */
  otherWorkspaces?: string[] | undefined;
  [field: string]: unknown;
}

/** Known `activeState` values of a model; others the server adds later are passed through. */
export type ModelActiveState =
  | 'ARCHIVED'
  | 'UNLOCKED'
  | 'ACTIVE'
  | 'PRODUCTION'
  | 'MAINTENANCE'
  | 'PRODUCTION_MAINTENANCE'
  | 'LOCKED'
  | (string & {});

/** A model from `GET /models` or `GET /models/{id}`. */
export interface Model {
  /** 32 upper-case hex characters. */
  id: string;
  name: string;
  activeState?: ModelActiveState | undefined;
  currentWorkspaceId?: string | undefined;
  currentWorkspaceName?: string | undefined;
  modelUrl?: string | undefined;
  memoryUsage?: number | undefined;
  isoCreationDate?: string | undefined;
  lastModified?: string | undefined;
  [field: string]: unknown;
}
