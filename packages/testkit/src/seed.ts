/**
 * The JSON shape of a simulated tenant. Everything is optional except what identifies a thing; the simulator fills
 * in ids and defaults. A seed is plain data so it can live in a `tenant.json` file for the `anaplan-sim` CLI.
 */
export interface TenantSeed {
  /** Tenant-wide switches. */
  tenant?: TenantSettingsSeed;
  users?: UserSeed[];
  workspaces?: WorkspaceSeed[];
  models?: ModelSeed[];
  /** OAuth clients known to the simulator's `/oauth/token` and `/oauth/device/code` endpoints. */
  oauthClients?: OAuthClientSeed[];
  /** API keys (sent as `Bearer <key>` to SCIM, or `AnaplanAuthToken`-exchanged by a client). */
  apiKeys?: ApiKeySeed[];
}

/** Tenant-wide settings of a simulated tenant: its name and whether USERS imports may add new users. */
export interface TenantSettingsSeed {
  name?: string;
  /** Whether a USERS import may add a user the model does not have yet. @default true */
  allowNewUsersFromImport?: boolean;
  /**
   * The setting "Limit exception user assignment to Administration only": when on, a USERS import's Single Sign-On
   * column is refused (`usersImportSsoNotImportable`); exception users are assigned in Administration or through
   * the Exception Users API. @default false
   */
  limitExceptionUserAssignmentToAdministration?: boolean;
}

/** A tenant user: SCIM sees it, and it can log in with a password (Basic) or a certificate. */
export interface UserSeed {
  /** 32 lower-case hex characters; generated when absent. */
  id?: string;
  /** The e-mail login. Unique, compared case-insensitively. */
  userName: string;
  givenName?: string;
  familyName?: string;
  active?: boolean;
  externalId?: string;
  /** For Basic authentication. A user without a password cannot log in with Basic. */
  password?: string;
  /** Tenant roles, e.g. `USER_ADMIN` (needed for SCIM `/Users`) or `TENANT_ADMIN`. */
  roles?: string[];
  /** Workspace ids the user belongs to. */
  workspaces?: string[];
  /** PEM certificate this user authenticates with (CACertificate). */
  certificate?: string;
  /**
   * When the user last logged in (an ISO date-time, e.g. `2025-06-30T08:05:37.000Z`), as `GET /2/0/users` reports it;
   * `null` or absent: never. A `/token/authenticate` of the user sets it to the simulator's clock.
   * @default null
   */
  lastLoginDate?: string | null;
  /**
   * When the user was created (an ISO date-time), as SCIM's `meta.created` reports it. @default the time the
   * simulator started
   */
  created?: string;
  /** Licences, as the Administration API's user export lists them (e.g. `Full Access`, `Viewer`). @default none */
  licenses?: string[];
}

/** A workspace and its administrators (who may run USERS imports in its models). */
export interface WorkspaceSeed {
  /** 32 lower-case hex characters; generated when absent. */
  id?: string;
  name: string;
  active?: boolean;
  sizeAllowance?: number;
  /** userNames of the workspace administrators. */
  admins?: string[];
  /** Whether SSO is enforced in the workspace (exception users exist only there). @default false */
  ssoEnabled?: boolean;
  /** userNames of the workspace's SSO exception users; needs `ssoEnabled`. */
  exceptionUsers?: string[];
}

/** A model: its roles, lists, Users list, and the import, export, process and other actions saved in it. */
export interface ModelSeed {
  /** 32 upper-case hex characters; generated when absent. */
  id?: string;
  name: string;
  workspaceId: string;
  /**
   * The model's `activeState` (`UNLOCKED`, `ARCHIVED`, `LOCKED`, `MAINTENANCE`, `PRODUCTION`, …). An archived,
   * locked or in-maintenance model refuses task starts with 422, 423 or 424. @default 'UNLOCKED'
   */
  state?: string;
  /** Model roles; `Full Access` and `No Access` always exist. */
  roles?: string[];
  /** Lists; those with `selectiveAccess: true` can carry read/write access per item. */
  lists?: ListSeed[];
  /** The model's Users list. */
  users?: ModelUserSeed[];
  imports?: ImportSeed[];
  exports?: ExportSeed[];
  processes?: ProcessSeed[];
  /** "Other" actions (117…), such as Delete from List using Selection. */
  actions?: ActionSeed[];
  /** Private data source files already on the server. */
  files?: FileSeed[];
}

/** A list of a model; with `selectiveAccess: true` users can be given read or write access to its items. */
export interface ListSeed {
  /** 101… id; generated when absent. */
  id?: string;
  name: string;
  items: string[];
  selectiveAccess?: boolean;
}

/** A user's entry in a model's Users list: role, SSO, Workspace Administrator and selective access. */
export interface ModelUserSeed {
  email: string;
  role?: string;
  sso?: boolean;
  workspaceAdmin?: boolean;
  /** Per SA-enabled list: the items the user may read and write. */
  selectiveAccess?: Record<string, { read?: string[]; write?: string[] }>;
}

/** Maps a column of the uploaded CSV to a target of the import. */
export type ImportColumnTarget =
  | 'email'
  | 'firstName'
  | 'lastName'
  | 'role'
  | 'sso'
  | 'workspaceAdmin'
  | { readAccess: string }
  | { writeAccess: string }
  /** Selective access "None": the cell names an item of this list whose read and write access is removed. */
  | { noAccess: string }
  | { listItem: string }
  | { property: string };

/**
 * A saved import action: its data source file and how each CSV column maps to a target (USERS imports map user fields and selective access).
 */
export interface ImportSeed {
  /** 112… id; generated when absent. */
  id?: string;
  name: string;
  /** e.g. `USERS`, `HIERARCHY_DATA`, `MODULE_DATA`. */
  importType?: string;
  /** The data source file (113… id) the import reads; generated when absent. */
  fileId?: string;
  fileName?: string;
  /** Column name → target. For USERS imports the targets are the user fields above. */
  columns: Record<string, ImportColumnTarget>;
  /** For list imports: the list it writes into. */
  listName?: string;
  /** Header row number (1-based). @default 1 */
  headerRow?: number;
  separator?: string;
}

/**
 * A saved export action; `source: 'users'` exports the model's Users list (what `anaplanTarget` reads as observed model access).
 */
export interface ExportSeed {
  /** 116… id; generated when absent. */
  id?: string;
  name: string;
  /** `users` exports the model's Users list; `list` a list; `rows` fixed rows. @default 'users' */
  source?: 'users' | 'list' | 'rows';
  listName?: string;
  /**
   * Output column name → the source field (`email`, `firstName`, `lastName`, `role`, `sso`, `workspaceAdmin`,
   * `read:<list>`, `write:<list>`); `usersExportSeed` builds it from a client's column mapping. For `source: 'list'`
   * the default is `{ Name: 'name' }`; for `source: 'rows'` every key of the rows.
   * @default for `source: 'users'`: `Email`, `First Name`, `Last Name`, `Role`, `SSO`, `Workspace Administrator`,
   * then `<List> Read` and `<List> Write` for each list with selective access
   */
  columns?: Record<string, string>;
  /** For `source: 'rows'`: the rows to export. */
  rows?: Record<string, string>[];
  exportFormat?: string;
  /**
   * How a `users` export lays out selective access: `rows` writes one row per user per item (the layout a USERS
   * import reads back), `joined` one row per user with the items of each column comma-separated. @default 'rows'
   */
  selectiveAccessLayout?: 'rows' | 'joined';
}

/** A saved process: import and export actions run in order. */
export interface ProcessSeed {
  /** 118… id; generated when absent. */
  id?: string;
  name: string;
  /** Ids or names of the import/export actions it runs, in order. */
  actions: string[];
}

/** An "other" action (117…), such as Delete from List using Selection. */
export interface ActionSeed {
  /** 117… id; generated when absent. */
  id?: string;
  name: string;
  /** @default 'DELETE_BY_SELECTION' */
  actionType?: string;
  /** For `DELETE_BY_SELECTION`: the list whose items are deleted. */
  listName?: string;
  /** For `DELETE_BY_SELECTION`: the items the saved selection picks. */
  items?: string[];
}

/** A data source file already on the server, with optional default content. */
export interface FileSeed {
  id?: string;
  name: string;
  content?: string;
}

/** An OAuth client registered in the tenant, with the refresh tokens it currently holds. */
export interface OAuthClientSeed {
  clientId: string;
  clientSecret?: string;
  /** The userName whose access the tokens grant. */
  userName: string;
  /** Refresh tokens currently valid for this client. */
  refreshTokens?: string[];
  /** Rotatable refresh tokens are single-use: each refresh returns a new one. @default true */
  rotate?: boolean;
}

/** An API key and the user it acts as. */
export interface ApiKeySeed {
  key: string;
  userName: string;
}
