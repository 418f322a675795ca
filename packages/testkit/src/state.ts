// Tests: ./integration/users-import-workspace-admin.test.ts, test/fidelity/fidelity-switches.test.ts

import { lowerHexId, upperHexId } from './internal/ids.js';
import type {
  ActionSeed,
  ApiKeySeed,
  ExportSeed,
  ImportSeed,
  ListSeed,
  OAuthClientSeed,
  ProcessSeed,
  TenantSeed,
} from './seed.js';

/** A tenant user as the simulator stores it. */
export interface SimUser {
  id: string;
  userName: string;
  givenName: string;
  familyName: string;
  active: boolean;
  externalId: string | undefined;
  password: string | undefined;
  roles: string[];
  /** Workspace ids, in the order they were granted. */
  workspaces: string[];
  certificate: string | undefined;
  created: string;
  lastModified: string;
  /** Bumped on every write; used for SCIM `meta.version`. */
  version: number;
  /** Epoch ms (simulator clock) of the last `/token/authenticate`, or of the seed's `lastLoginDate`; absent: never. */
  lastLoginAt?: number | undefined;
  /** Licences, as the Administration API's user export lists them. @default none */
  licenses?: string[] | undefined;
}

/** A workspace of the simulated tenant, as the simulator holds it. */
export interface SimWorkspace {
  id: string;
  name: string;
  active: boolean;
  sizeAllowance: number;
  /** User ids of the workspace administrators. */
  admins: string[];
  /** Whether SSO is enforced in the workspace: only then can users be made SSO exception users. */
  ssoEnabled: boolean;
  /** User ids of the workspace's SSO exception users (who may sign in with a password). */
  exceptionUsers: string[];
}

/** One row of a simulated model's Users list: role, SSO, Workspace Administrator and selective access. */
export interface SimModelUser {
  email: string;
  firstName: string;
  lastName: string;
  role: string;
  sso: boolean;
  workspaceAdmin: boolean;
  /** list name → items. */
  selectiveAccess: Record<string, { read: string[]; write: string[] }>;
}

/** A list of a simulated model, with whether selective access is enabled on it. */
export interface SimList extends Required<Pick<ListSeed, 'name' | 'items'>> {
  id: string;
  selectiveAccess: boolean;
}

/** A model of the simulated tenant: roles, lists, Users list, saved actions and files. */
export interface SimModel {
  id: string;
  name: string;
  workspaceId: string;
  /** `UNLOCKED`, `LOCKED`, `ARCHIVED`, `PRODUCTION` … as the Integration API reports it. */
  state: string;
  roles: string[];
  lists: SimList[];
  /** The model's Users list, keyed by lower-cased e-mail. */
  users: Map<string, SimModelUser>;
  imports: (ImportSeed & { id: string; fileId: string; importType: string })[];
  exports: (ExportSeed & { id: string })[];
  processes: (ProcessSeed & { id: string })[];
  /** "Other" actions (117…). */
  actions: (ActionSeed & { id: string; actionType: string })[];
  /** Seeded private files (name and content); the Integration API module keeps its own runtime file store. */
  seedFiles: { id: string; name: string; content: string }[];
}

/** An issued auth-service or OAuth access token. */
export interface SimSession {
  token: string;
  tokenId: string;
  userId: string;
  expiresAt: number;
  revoked: boolean;
  /** How it was obtained, for assertions in tests. */
  via: 'basic' | 'certificate' | 'oauth';
  /** The auth service's `refreshTokenId`; it stays the same across `/token/refresh`. */
  refreshTokenId?: string;
}

/** A pending or decided OAuth device authorization (RFC 8628), keyed by `deviceCode` in {@link TenantState}. */
export interface SimDeviceAuthorization {
  deviceCode: string;
  /** The short code a person enters at the verification page, e.g. `BDWP-HQPK`. */
  userCode: string;
  clientId: string;
  /** The scope that will be granted. */
  scope: string;
  /** Epoch ms (simulator clock) after which polling answers `expired_token`. */
  expiresAt: number;
  /** Minimum ms between polls; grows by 5 s on every `slow_down`. */
  intervalMs: number;
  /** Epoch ms of the previous poll, if any. */
  lastPolledAt: number | undefined;
  /** `used` once the tokens were handed out. */
  status: 'pending' | 'approved' | 'denied' | 'used';
}

/** Switches for behaviour the documentation leaves open. */
export interface SimulatorSwitches {
  /** HTTP status of a successful `/token/authenticate` (docs say 200; live probes saw 201). @default 201 */
  authenticateStatus: 200 | 201;
  /** Whether `v2` certificate payloads carry seconds (official example) or milliseconds since epoch. @default 'seconds' */
  certificateTimestampUnit: 'seconds' | 'milliseconds';
  /** How far (ms) a v2 certificate timestamp may be from the simulator's clock. @default 300000 */
  certificateClockSkewMs: number;
  /** SCIM: whether PATCH `add` on entitlements adds to (true) or replaces (false) the current set. @default true */
  scimPatchAddMerges: boolean;
  /** SCIM: how a partial entitlement failure is reported: 207 Multi-Status or 200 with the user as saved. @default 207 */
  scimPartialStatus: 207 | 200;
  /**
   * SCIM: the body of a 207 (Anaplan documents the status, not the body). `'user'` is the user as saved plus the
   * entitlement results; `'report'` is the entitlement results alone, with no user attributes, so a client that
   * parses the body as a User fails. @default 'user'
   */
  scimPartialBody: 'user' | 'report';
  /**
   * SCIM: PATCH paths that filter entitlements by anything but their type, such as
   * `entitlements[value eq "<id>"]`. Anaplan documents only `entitlements[type eq "WORKSPACE"]`; whether value
   * filters work is not known. `'reject'` answers them 400 `invalidPath`. @default 'accept'
   */
  scimEntitlementValueFilters: 'accept' | 'reject';
  /**
   * Which APIs take a token (an auth-service or OAuth access token, or a SCIM API key) under `Bearer` as well as
   * `AnaplanAuthToken`. Live probes: the Integration API accepts `Bearer <token>` (GET /users/me, /workspaces,
   * /models), SCIM accepts `Bearer` with a token or an API key. Whether an OAuth access token under `Bearer` works
   * everywhere is not confirmed: turn one off to see a client that depends on it fail. @default both true
   */
  bearerAccepted: { integration: boolean; scim: boolean };
  /** SCIM: workspace ids whose entitlement writes fail (to simulate Anaplan's non-atomic entitlement store). */
  scimFailingWorkspaces: string[];
  /**
   * SCIM: what `GET /Users?count=` above 100 does. `'reject'` answers 400 `invalidValue` (the anaplan-sdk says larger
   * values "will error"); `'clamp'` serves at most 100 (RFC 7644 §3.4.2.4 lets a server cap a page). @default 'reject'
   */
  scimCountAboveMaximum: 'reject' | 'clamp';
  /** SCIM: HTTP status of a successful `POST /Users` (Apiary example shows 200; the error table says 201). @default 201 */
  scimCreateStatus: 200 | 201;
  /**
   * Whether `/token/refresh` extends the same token, as live probes saw (true), or issues a new `tokenValue` and
   * revokes the old one, as the documentation says (false). @default true
   */
  refreshReturnsSameToken: boolean;
  /**
   * Whether `/token/authenticate` accepts v2 certificate payloads (`encodedDataFormat: "v2"`). False refuses them with
   * 401, as a tenant that expects another timestamp unit, or does not take v2 yet, would. @default true
   */
  certificateV2Accepted: boolean;
  /**
   * Integration API: the body of a started task (`POST …/tasks`). `'wrapped'` is the `{ meta, status, task }` envelope
   * real clients read; `'bare'` is the spec's `TaskWithUrl` example, `{ taskId }` alone. @default 'wrapped'
   */
  taskStartShape: 'wrapped' | 'bare';
  /**
   * Integration API: who may finish a chunked upload with `POST …/files/{id}/complete`; the others get 500, as live
   * probes saw for a standard user. `'admins'`: workspace administrators of the model and tenant administrators.
   * @default 'admins'
   */
  uploadCompleteAccess: 'admins' | 'everyone' | 'nobody';
  /** `interval` (seconds) of `/oauth/device/code`: the minimum time between polls of `/oauth/token`. @default 5 */
  deviceCodeIntervalSeconds: number;
  /** `expires_in` (seconds) of `/oauth/device/code`. @default 900 */
  deviceCodeExpiresInSeconds: number;
  /** Integration API: how long an import/export/process/action task runs once started, in ms. @default 20 */
  taskDurationMs: number;
  /** Integration API: while true, a running task stays `IN_PROGRESS` (and a cancelling one `CANCELLING`). @default false */
  holdTasks: boolean;
  /**
   * Integration API: whether `GET /workspaces/{w}/models/{m}` answers with the model (true) or 405 as live probes
   * saw (false). @default false
   */
  workspaceModelGetAllowed: boolean;
  /**
   * Integration API: how many bytes of each uploaded file are kept; the rest is received and thrown away (a chunk
   * is cut after its last line break within the limit), so throughput tests can stream files larger than the
   * simulator should hold in memory. Imports then read only the rows kept. `null` keeps everything.
   * @default null
   */
  uploadRetainBytes: number | null;
  /**
   * Integration API: how the failure dump of a task that has none (it succeeded without failures:
   * `failureDumpAvailable: false`) answers. The spec declares 204 ("no dump content available") and 404 for the dump;
   * the live notes saw 200, 204 and 404 for it, and 404 "when no dump" in the live test. `404`: the dump and its
   * chunk listing answer 404. `204`: the dump answers 204 with no body and its chunk listing 200 without a `chunks`
   * key. A dump that was removed or replaced answers 404 either way. @default 404
   */
  emptyDumpStatus: 404 | 204;
  /**
   * Integration API: which `Content-Type` a file upload may carry. `'strict'`: `PUT …/files/{id}` takes
   * `application/octet-stream` only and `PUT …/files/{id}/chunks/{n}` that or `application/x-gzip` (a gzipped
   * chunk), as the spec and the clients of record send; anything else (or none) is refused with 415. `'any'` takes
   * any type, reading `application/x-gzip` and `application/gzip` chunks as gzip and everything else as raw bytes.
   * @default 'strict'
   */
  uploadContentTypes: 'strict' | 'any';
  /**
   * Integration API: `lastLoginDate` of a user who never logged in, in `/users`, `/users/{id}` and `/users/me`.
   * `'omitted'` leaves the field out (the spec types it as a date-time string, never null); `'null'` sends `null`.
   * @default 'omitted'
   */
  neverLoggedInDate: 'omitted' | 'null';
  /**
   * Integration API: what a USERS import does with a non-blank Workspace Administrator cell. Anaplan's help says an
   * import cannot set the flag (users import as non-admins; an administrator ticks the checkbox in the Users pane),
   * while a community article says it can. `'ignore'` leaves the flag as it is and loads the rest of the row, with
   * no warning (the help does not say whether Anaplan warns); `'refuse'` rejects the row
   * (`usersImportWorkspaceAdminNotImportable`, in the dump); `'apply'` sets the flag for the whole workspace, for
   * tenants where the import does set it. @default 'ignore'
   */
  importWorkspaceAdmin: 'ignore' | 'refuse' | 'apply';
}

export const defaultSwitches: SimulatorSwitches = {
  authenticateStatus: 201,
  certificateTimestampUnit: 'seconds',
  certificateClockSkewMs: 300_000,
  scimPatchAddMerges: true,
  scimPartialStatus: 207,
  scimPartialBody: 'user',
  scimEntitlementValueFilters: 'accept',
  bearerAccepted: { integration: true, scim: true },
  scimFailingWorkspaces: [],
  scimCountAboveMaximum: 'reject',
  scimCreateStatus: 201,
  refreshReturnsSameToken: true,
  certificateV2Accepted: true,
  taskStartShape: 'wrapped',
  uploadCompleteAccess: 'admins',
  deviceCodeIntervalSeconds: 5,
  deviceCodeExpiresInSeconds: 900,
  taskDurationMs: 20,
  holdTasks: false,
  workspaceModelGetAllowed: false,
  uploadRetainBytes: null,
  emptyDumpStatus: 404,
  uploadContentTypes: 'strict',
  neverLoggedInDate: 'omitted',
  importWorkspaceAdmin: 'ignore',
};

const alwaysRoles = ['Full Access', 'No Access'];

/** How many ids {@link TenantState.nextId} handed out per tenant; the state file keeps it (`internal/state-file.ts`). */
const idsIssued = new WeakMap<TenantState, number>();

/** How many ids `state.nextId` handed out so far. */
export function idsIssuedBy(state: TenantState): number {
  return idsIssued.get(state) ?? 0;
}

/** Continues a tenant's ids after `count` (a tenant restored from a state file must not hand out an id again). */
export function continueIdsAfter(state: TenantState, count: number): void {
  idsIssued.set(state, count);
}

/** Epoch ms of a seeded date-time (`null` or absent: none). @throws {Error} when it is not a date-time. */
function seedDate(value: string | null | undefined, what: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new Error(`Seed: ${what} ${JSON.stringify(value)} is not a date-time`);
  return time;
}

/**
 * The in-memory tenant. Tests may read it to assert on the result of a run, and mutate it to set up a case
 * (for example, change a user behind the client's back).
 *
 * @example
 * ```ts
 * expect(sim.state.findUserByName('jane@example.com')?.active).toBe(false);
 * expect(sim.state.models.get(modelId)?.users.get('jane@example.com')?.role).toBe('Planner');
 * ```
 */
export class TenantState {
  readonly name: string;
  allowNewUsersFromImport: boolean;
  /**
   * The tenant setting "Limit exception user assignment to Administration only": when on, a USERS import's
   * Single Sign-On column is refused and only a Tenant Security Admin (Administration, or the Exception Users API)
   * assigns exception users.
   */
  limitExceptionUserAssignment: boolean;
  readonly users = new Map<string, SimUser>();
  readonly workspaces = new Map<string, SimWorkspace>();
  readonly models = new Map<string, SimModel>();
  readonly sessions = new Map<string, SimSession>();
  readonly oauthClients = new Map<string, OAuthClientSeed & { refreshTokens: string[]; rotate: boolean }>();
  readonly apiKeys = new Map<string, ApiKeySeed>();
  /** OAuth device authorizations by `device_code`; decide them with `Simulator.approveDevice`. */
  readonly deviceAuthorizations = new Map<string, SimDeviceAuthorization>();
  readonly switches: SimulatorSwitches;
  readonly #usersByName = new Map<string, SimUser>();

  constructor(seed: TenantSeed = {}, switches: Partial<SimulatorSwitches> = {}) {
    this.switches = { ...defaultSwitches, ...switches };
    this.name = seed.tenant?.name ?? 'Simulated Tenant';
    this.allowNewUsersFromImport = seed.tenant?.allowNewUsersFromImport ?? true;
    this.limitExceptionUserAssignment = seed.tenant?.limitExceptionUserAssignmentToAdministration ?? false;
    for (const workspace of seed.workspaces ?? []) {
      const id = workspace.id ?? lowerHexId();
      this.workspaces.set(id, {
        id,
        name: workspace.name,
        active: workspace.active ?? true,
        sizeAllowance: workspace.sizeAllowance ?? 1_073_741_824,
        admins: [],
        ssoEnabled: workspace.ssoEnabled ?? false,
        exceptionUsers: [],
      });
    }
    for (const user of seed.users ?? []) {
      if (this.findUserByName(user.userName)) throw new Error(`Seed: duplicate userName ${user.userName}`);
      for (const workspaceId of user.workspaces ?? []) {
        if (!this.workspaces.has(workspaceId))
          throw new Error(`Seed: user ${user.userName}: unknown workspace ${workspaceId}`);
      }
      const stored = this.addUser({
        id: user.id ?? lowerHexId(),
        userName: user.userName,
        givenName: user.givenName ?? user.userName.split('@')[0] ?? user.userName,
        familyName: user.familyName ?? 'User',
        active: user.active ?? true,
        externalId: user.externalId,
        password: user.password,
        roles: user.roles ?? [],
        workspaces: [...(user.workspaces ?? [])],
        certificate: user.certificate,
        lastLoginAt: seedDate(user.lastLoginDate, `user ${user.userName}: lastLoginDate`),
        licenses: user.licenses ? [...user.licenses] : undefined,
      });
      const created = seedDate(user.created, `user ${user.userName}: created`);
      if (created !== undefined) stored.created = new Date(created).toISOString();
    }
    for (const workspace of seed.workspaces ?? []) {
      const stored = [...this.workspaces.values()].find((candidate) => candidate.name === workspace.name);
      for (const admin of workspace.admins ?? []) {
        const user = this.findUserByName(admin);
        if (!user) throw new Error(`Seed: workspace ${workspace.name}: unknown admin ${admin}`);
        stored?.admins.push(user.id);
      }
      for (const exception of workspace.exceptionUsers ?? []) {
        const user = this.findUserByName(exception);
        if (!user) throw new Error(`Seed: workspace ${workspace.name}: unknown exception user ${exception}`);
        stored?.exceptionUsers.push(user.id);
      }
    }
    for (const model of seed.models ?? []) {
      if (!this.workspaces.has(model.workspaceId))
        throw new Error(`Seed: model ${model.name}: unknown workspace`);
      const id = model.id ?? upperHexId();
      const lists: SimList[] = (model.lists ?? []).map((list) => ({
        id: list.id ?? this.nextId('101'),
        name: list.name,
        items: [...list.items],
        selectiveAccess: list.selectiveAccess ?? false,
      }));
      const users = new Map<string, SimModelUser>();
      for (const modelUser of model.users ?? []) {
        const tenantUser = this.findUserByName(modelUser.email);
        const selectiveAccess: SimModelUser['selectiveAccess'] = {};
        for (const [list, access] of Object.entries(modelUser.selectiveAccess ?? {})) {
          selectiveAccess[list] = { read: [...(access.read ?? [])], write: [...(access.write ?? [])] };
        }
        users.set(modelUser.email.toLowerCase(), {
          email: tenantUser?.userName ?? modelUser.email,
          firstName: tenantUser?.givenName ?? '',
          lastName: tenantUser?.familyName ?? '',
          role: modelUser.role ?? 'No Access',
          sso: this.#seededSso(model.workspaceId, tenantUser?.id, modelUser.sso),
          workspaceAdmin: modelUser.workspaceAdmin ?? false,
          selectiveAccess,
        });
      }
      this.models.set(id, {
        id,
        name: model.name,
        workspaceId: model.workspaceId,
        state: model.state ?? 'UNLOCKED',
        roles: [...new Set([...alwaysRoles, ...(model.roles ?? [])])],
        lists,
        users,
        imports: (model.imports ?? []).map((definition) => ({
          ...definition,
          id: definition.id ?? this.nextId('112'),
          fileId: definition.fileId ?? this.nextId('113'),
          importType: definition.importType ?? 'USERS',
        })),
        exports: (model.exports ?? []).map((definition) => ({
          ...definition,
          id: definition.id ?? this.nextId('116'),
        })),
        processes: (model.processes ?? []).map((definition) => ({
          ...definition,
          id: definition.id ?? this.nextId('118'),
        })),
        actions: (model.actions ?? []).map((definition) => ({
          ...definition,
          id: definition.id ?? this.nextId('117'),
          actionType: definition.actionType ?? 'DELETE_BY_SELECTION',
        })),
        seedFiles: (model.files ?? []).map((file) => ({
          id: file.id ?? this.nextId('113'),
          name: file.name,
          content: file.content ?? '',
        })),
      });
    }
    for (const client of seed.oauthClients ?? []) {
      this.oauthClients.set(client.clientId, {
        ...client,
        refreshTokens: [...(client.refreshTokens ?? [])],
        rotate: client.rotate ?? true,
      });
    }
    for (const key of seed.apiKeys ?? []) this.apiKeys.set(key.key, key);
  }

  /**
   * A seeded model row's Single Sign-On flag: in an SSO workspace it mirrors the workspace's exception users (an
   * exception user's box is cleared); elsewhere it is the seed's. @default false
   */
  #seededSso(workspaceId: string, userId: string | undefined, seeded: boolean | undefined): boolean {
    const workspace = this.workspaces.get(workspaceId);
    if (!workspace?.ssoEnabled) return seeded ?? false;
    return userId === undefined || !workspace.exceptionUsers.includes(userId);
  }

  /** Adds a tenant user (timestamps and version are set here). */
  addUser(user: Omit<SimUser, 'created' | 'lastModified' | 'version'>): SimUser {
    const now = new Date().toISOString();
    const stored: SimUser = { ...user, created: now, lastModified: now, version: 1 };
    this.users.set(stored.id, stored);
    this.#usersByName.set(stored.userName.toLowerCase(), stored);
    return stored;
  }

  /** A new Anaplan-style numeric id with the given type prefix (`101` list, `112` import, `116` export …). */
  nextId(prefix: string): string {
    const count = idsIssuedBy(this) + 1;
    idsIssued.set(this, count);
    return `${prefix}${String(count).padStart(9, '0')}`;
  }

  /** Changes a user's userName (e-mail): the lookup by name and the user's row in every model follow. */
  renameUser(user: SimUser, userName: string): void {
    const before = user.userName.toLowerCase();
    this.#usersByName.delete(before);
    user.userName = userName;
    this.#usersByName.set(userName.toLowerCase(), user);
    for (const model of this.models.values()) {
      const row = model.users.get(before);
      if (!row) continue;
      model.users.delete(before);
      row.email = userName;
      model.users.set(userName.toLowerCase(), row);
    }
  }

  /** Marks a user as changed: bumps `version` and `lastModified`. */
  touchUser(user: SimUser): void {
    user.version += 1;
    user.lastModified = new Date().toISOString();
  }

  /** Case-insensitive lookup by userName (e-mail). */
  findUserByName(userName: string): SimUser | undefined {
    return this.#usersByName.get(userName.toLowerCase());
  }
}
