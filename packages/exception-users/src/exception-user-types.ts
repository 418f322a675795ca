/**
 * An SSO exception user as the Exception Users API lists it: a user who may sign in with a password although the
 * workspace enforces SSO.
 *
 * @example
 * ```ts
 * const user: ExceptionUser = { userGuid: '7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d', email: 'break.glass@example.com' };
 * ```
 */
export interface ExceptionUser {
  /** The user's id (32 lower-case hex characters). */
  readonly userGuid: string;
  readonly email: string;
}

/**
 * One workspace of a search, with its exception users.
 *
 * @example
 * ```ts
 * const [finance] = await exceptions.search({ workspaceGuid });
 * console.log(finance?.workspaceName, finance?.users.map((user) => user.email));
 * ```
 */
export interface ExceptionUserWorkspace {
  /** The workspace's id (32 lower-case hex characters). */
  readonly workspaceGuid: string;
  readonly workspaceName: string;
  /** Its exception users (by workspace: visitors included; by user: only that user). */
  readonly users: readonly ExceptionUser[];
}

/**
 * What `search()` looks for: the exception users of one workspace, or the workspaces where one user is an
 * exception user (workspaces the user only visits are left out by Anaplan).
 *
 * @example
 * ```ts
 * await exceptions.search({ workspaceGuid: '8a8b8c8d8e8f1a2b3c4d5e6f78901234' });
 * await exceptions.search({ userGuid: '7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d' });
 * ```
 */
export type ExceptionUserSearch = { readonly workspaceGuid: string } | { readonly userGuid: string };
