// Tests: ./sql-source.test.ts

/**
 * The relational schema {@link sqlSource} reads by default, as DDL that runs unchanged on SQLite (3.23 or later,
 * as built into Node.js) and PostgreSQL; every statement is `IF NOT EXISTS`, so running it twice is harmless.
 * See docs/relational-schema.md for the tables, their constraints and examples.
 *
 * - `access_users`: one row per user (`user_name` is the e-mail login; a unique index on `lower(user_name)` stops
 *   two spellings of one e-mail).
 * - `access_workspace_members`: the workspaces (id or name) each user belongs to.
 * - `access_model_roles`: per user and model (id or name): `role`, `sso`, `workspace_admin`.
 * - `access_selective_access`: per user, model and list: the items the user may `read` or `write`.
 *
 * @example
 * ```ts
 * import { DatabaseSync } from 'node:sqlite';
 * const database = new DatabaseSync('access.db');
 * database.exec(accessSchemaSql);
 * ```
 * @example
 * ```ts
 * await pgClient.query(accessSchemaSql); // PostgreSQL runs the statements in one simple query
 * ```
 */
export const accessSchemaSql = `CREATE TABLE IF NOT EXISTS access_users (
  user_name   VARCHAR(254) NOT NULL PRIMARY KEY,
  given_name  VARCHAR(255) NOT NULL,
  family_name VARCHAR(255) NOT NULL,
  active      BOOLEAN      NOT NULL DEFAULT TRUE,
  external_id VARCHAR(255)
);

CREATE UNIQUE INDEX IF NOT EXISTS access_users_user_name_lower ON access_users (lower(user_name));

CREATE TABLE IF NOT EXISTS access_workspace_members (
  user_name VARCHAR(254) NOT NULL REFERENCES access_users (user_name) ON DELETE CASCADE ON UPDATE CASCADE,
  workspace VARCHAR(255) NOT NULL,
  PRIMARY KEY (user_name, workspace)
);

CREATE TABLE IF NOT EXISTS access_model_roles (
  user_name       VARCHAR(254) NOT NULL REFERENCES access_users (user_name) ON DELETE CASCADE ON UPDATE CASCADE,
  model           VARCHAR(255) NOT NULL,
  role            VARCHAR(255) NOT NULL,
  sso             BOOLEAN      NOT NULL DEFAULT FALSE,
  workspace_admin BOOLEAN      NOT NULL DEFAULT FALSE,
  PRIMARY KEY (user_name, model)
);

CREATE TABLE IF NOT EXISTS access_selective_access (
  user_name VARCHAR(254) NOT NULL,
  model     VARCHAR(255) NOT NULL,
  list_name VARCHAR(255) NOT NULL,
  item      VARCHAR(255) NOT NULL,
  access    VARCHAR(5)   NOT NULL CHECK (access IN ('read', 'write')),
  PRIMARY KEY (user_name, model, list_name, item),
  FOREIGN KEY (user_name, model) REFERENCES access_model_roles (user_name, model) ON DELETE CASCADE ON UPDATE CASCADE
);
`;

/**
 * Queries of the relational schema, one per table; each may be replaced by any query returning the same columns
 * (a view, a join with an HR table, a `WHERE` on a department …).
 *
 * @example
 * ```ts
 * const queries: AccessQueries = {
 *   users: 'SELECT user_name, given_name, family_name, active, external_id FROM access_users WHERE active',
 * };
 * ```
 */
export interface AccessQueries {
  /** Columns `user_name`, `given_name`, `family_name`, optional `active`, `external_id`. */
  users?: string | undefined;
  /** Columns `user_name`, `workspace`. */
  workspaceMembers?: string | undefined;
  /** Columns `user_name`, `model`, `role`, optional `sso`, `workspace_admin`. */
  modelRoles?: string | undefined;
  /** Columns `user_name`, `model`, `list_name`, `item`, `access` (`read` or `write`). */
  selectiveAccess?: string | undefined;
}
