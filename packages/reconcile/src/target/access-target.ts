import type { ModelAccess, ObservedState, ObservedUser } from './observed-state.js';

/** The user fields SCIM manages. */
export interface UserFields {
  givenName: string;
  familyName: string;
  active: boolean;
  externalId?: string | undefined;
}

/** Per-call options every target method takes. */
export interface TargetCallOptions {
  signal?: AbortSignal | undefined;
}

/**
 * Options of {@link AccessTarget.observe}.
 *
 * @example
 * ```ts
 * const observed = await target.observe({ lastLogins: true, signal: AbortSignal.timeout(60_000) });
 * ```
 */
export interface ObserveOptions extends TargetCallOptions {
  /**
   * Also read each user's last login (the Integration API's `GET /users`): the inactivity policy and the inventory
   * need them. @default false
   */
  lastLogins?: boolean | undefined;
}

/** One change of a user's SSO exception status in a workspace, for {@link AccessTarget.setSsoException}. */
export interface SsoExceptionChange {
  userId: string;
  userName: string;
  workspaceId: string;
  /** `true`: the user becomes an exception user (password sign-in); `false`: they sign in through SSO again. */
  exception: boolean;
  /** How: the Exception Users API, or the USERS import of a model of the workspace. */
  via: { kind: 'api' } | { kind: 'import'; modelId: string };
}

/** What a workspace write achieved: the ids that failed, with the server's reason. Empty `failed` = all done. */
export interface WorkspaceWriteResult {
  failed: { workspaceId: string; detail: string }[];
}

/** One user's row in a model-access import. */
export interface ModelAccessEntry {
  userName: string;
  givenName: string;
  familyName: string;
  access: ModelAccess;
  /** What the user had before, when known: selective-access items to take away are derived from it. */
  previous: ModelAccess | 'unknown' | null;
}

/** The outcome of one model-access import, per user (lower-cased userName). */
export interface ModelAccessResult {
  taskId?: string | undefined;
  /** Users whose rows failed, with the messages from the import's dump. */
  failed: Map<string, string[]>;
  /**
   * Users whose rows loaded with warnings that leave their access as planned; their operations succeed with these
   * warnings. A warning that leaves a user other than planned belongs in `failed`: `anaplanTarget` puts every row
   * a USERS import loads with a warning there (an invalid role gives a new user `No Access`), with what to fix.
   */
  warnings: Map<string, string[]>;
}

/**
 * What the engine needs from a tenant: observe it, and make each kind of change. {@link anaplanTarget} implements it
 * over the SCIM and Integration API clients; tests and other back ends may implement it too.
 */
export interface AccessTarget {
  /** Reads users, workspaces and model access in one snapshot. */
  observe(options?: ObserveOptions): Promise<ObservedState>;
  /** Reads one user back (used to settle a create whose answer was lost). */
  findUser(userName: string, options?: TargetCallOptions): Promise<ObservedUser | undefined>;
  /** Creates a user with their first workspaces. Not idempotent: the engine reads back after an unclear failure. */
  createUser(
    user: UserFields & { userName: string; workspaces: string[] },
    options?: TargetCallOptions,
  ): Promise<{ id: string; failedWorkspaces: WorkspaceWriteResult['failed'] }>;
  /** Changes a user's names or external id. */
  updateUser(userId: string, fields: Partial<UserFields>, options?: TargetCallOptions): Promise<void>;
  /** Activates or deactivates a user. */
  setActive(userId: string, active: boolean, options?: TargetCallOptions): Promise<void>;
  /** Adds a user to workspaces; the ids that could not be granted come back in `failed`. */
  grantWorkspaces(
    userId: string,
    workspaceIds: string[],
    options?: TargetCallOptions,
  ): Promise<WorkspaceWriteResult>;
  /** Removes a user from workspaces; the ids that could not be revoked come back in `failed`. */
  revokeWorkspaces(
    userId: string,
    workspaceIds: string[],
    options?: TargetCallOptions,
  ): Promise<WorkspaceWriteResult>;
  /** Sets the access of several users in one model with one import. */
  importModelAccess(
    modelId: string,
    entries: ModelAccessEntry[],
    options?: TargetCallOptions,
  ): Promise<ModelAccessResult>;
  /**
   * Optional: sets a user's SSO exception status in a workspace (`anaplanTarget` with `ssoExceptions`). Resolves
   * with `failed` when the change was refused as data (an import row); throws when the call failed.
   */
  setSsoException?(
    change: SsoExceptionChange,
    options?: TargetCallOptions,
  ): Promise<{ failed?: string | undefined }>;
  /**
   * Optional: sets the access of several models in one go, for a target that orders them itself (`anaplanTarget`
   * with a CloudWorks integration flow runs the models in order and stops at the first failure). When present,
   * `apply` calls it once with every model instead of `importModelAccess` per model; a model it has no result for
   * fails its operations.
   */
  importModelsAccess?(
    batches: ModelAccessBatch[],
    options?: TargetCallOptions,
  ): Promise<Map<string, ModelAccessResult>>;
}

/** The entries of one model, for {@link AccessTarget.importModelsAccess}. */
export interface ModelAccessBatch {
  modelId: string;
  entries: ModelAccessEntry[];
}
