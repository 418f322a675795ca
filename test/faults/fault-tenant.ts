import { IntegrationClient } from '@anaplan-access/bulk';
import { type AuthProvider, basicAuth, type Logger, type RetryOptions } from '@anaplan-access/core';
import {
  type AccessTarget,
  anaplanTarget,
  type DesiredModelAccess,
  type DesiredState,
  type DesiredUser,
  type PlanPolicy,
} from '@anaplan-access/reconcile';
import { ScimClient } from '@anaplan-access/scim';
import type { ModelUserSeed, TenantSeed, UserSeed } from '@anaplan-access/testkit';
import {
  admin,
  ids,
  modelAccess,
  targetModels,
  tenantSeed,
  desiredUser as tenantUser,
} from '../helpers/access-tenant.js';

// The fault suite's tenant: every operation kind, a protected user, a user outside the policy's scope and one in an
// unmanaged workspace only. Plain data and plain functions: the child process of the kill test imports it too.

export const managedWorkspaces: readonly string[] = [ids.finance, ids.sales];
export const models = { budget: ids.budget, forecast: ids.forecast } as const;
/** Which workspace each model lives in. */
export const modelWorkspace: Record<string, string> = {
  [ids.budget]: ids.finance,
  [ids.forecast]: ids.sales,
};
export const protectedUser = 'glass@corp.example';
export const outOfScopeUser = 'contractor@corp.example';
export const outsideUser = 'outside@corp.example';

/** The policy every run uses: a break-glass account, a scope that leaves contractors alone, a roomy guard. */
export const faultPolicy: PlanPolicy = {
  protectedUsers: [protectedUser],
  scope: ({ userName }) => !userName.toLowerCase().startsWith('contractor'),
  deletionGuard: { maxCount: 100, maxPercent: 100 },
};

const user = (
  name: string,
  workspaces: string[],
  extra: Partial<UserSeed> = {},
): UserSeed & { givenName: string; familyName: string } => ({
  userName: `${name}@corp.example`,
  givenName: name,
  familyName: 'Person',
  workspaces,
  ...extra,
});

const access = (
  name: string,
  role: string,
  read: string[] = [],
  write: string[] = [],
  sso = false,
): ModelUserSeed => ({
  email: `${name}@corp.example`,
  role,
  sso,
  ...(read.length || write.length ? { selectiveAccess: { Regions: { read, write } } } : {}),
});

/** The tenant before any run. */
export function faultSeed(): TenantSeed {
  const { finance, sales, other } = ids;
  return tenantSeed(
    [
      user('stay1', [finance]),
      user('stay2', [finance, sales]),
      user('rename', [finance], { familyName: 'Old' }),
      user('back', [finance], { active: false }),
      user('mover', [sales]),
      user('leaver1', [finance, sales]),
      user('leaver2', [finance]),
      user('leaver3', [sales, other]),
      user('extra', [finance, other]),
      user('resting', [finance]),
      user('glass', [finance]),
      user('contractor', [finance]),
      user('outside', [other]),
    ],
    {
      budget: [
        access('stay1', 'Planner', ['EMEA', 'APAC']),
        access('stay2', 'Viewer'),
        access('leaver1', 'Viewer'),
        access('leaver2', 'Planner', ['EMEA']),
        access('glass', 'Viewer'),
        access('contractor', 'Planner', [], ['AMER']),
      ],
      forecast: [
        access('stay2', 'Sales Rep', [], ['AMER']),
        access('mover', 'Sales Rep', [], ['AMER']),
        access('leaver3', 'Viewer'),
      ],
    },
  );
}

const planner = (
  read: string[] = [],
  write: string[] = [],
  role = 'Planner',
  sso = false,
): DesiredModelAccess => ({
  ...modelAccess(role, read, write),
  sso,
});

const desiredUser = (name: string, overrides: Partial<DesiredUser> = {}): DesiredUser =>
  tenantUser(`${name}@corp.example`, { refs: [{ source: 'faults', row: 1 }], ...overrides });

/** What the source wants: creates, updates, reactivations, grants, model changes, revocations, deactivations. */
export function faultDesired(): DesiredState {
  const { finance, sales } = ids;
  const users: DesiredUser[] = [
    desiredUser('stay1', { models: { Budget: planner(['EMEA'], ['AMER']) } }),
    desiredUser('stay2', {
      workspaces: [finance, sales],
      models: { Budget: planner([], [], 'Viewer'), Forecast: planner([], ['AMER', 'EMEA'], 'Sales Rep') },
    }),
    desiredUser('rename', { familyName: 'New' }),
    desiredUser('back'),
    desiredUser('mover', { models: { Budget: planner(['APAC']) } }),
    desiredUser('extra', { workspaces: [finance, sales] }),
    desiredUser('resting', { active: false }),
    desiredUser('glass', { familyName: 'Changed', models: { Budget: planner() } }),
    desiredUser('joiner1', { models: { Budget: planner(['EMEA']) } }),
    desiredUser('joiner2', { workspaces: [finance, sales], models: { Forecast: planner([], [], 'Viewer') } }),
    desiredUser('joiner3', {
      workspaces: [sales],
      models: { Forecast: planner(['APAC'], [], 'Sales Rep', true) },
    }),
    desiredUser('joiner4', { models: { Budget: planner([], [], 'Viewer') } }),
    desiredUser('joiner5'),
  ];
  return { source: 'faults', users, findings: [] };
}

/** Where a tenant's services listen (the simulator's URLs, passed to a child process as they are). */
export interface TenantUrls {
  authUrl: string;
  apiUrl: string;
  scimUrl: string;
}

/** A request as the injected `fetch` sees it. */
export interface SeenRequest {
  method: string;
  url: string;
  /** The `Authorization` header the client sent (for a test server that echoes it back). */
  authorization: string | undefined;
  /** The body of a login (`/token/…`, `/oauth/…`) as text; undefined for other calls. */
  loginBody: string | undefined;
}

/**
 * Hooks run by the clients' injected `fetch`, before each attempt is sent and after its answer arrives. A `before`
 * hook may answer in the server's place by returning a `Response` (a hostile server, without a second server).
 */
export interface RequestHooks {
  before: ((request: SeenRequest) => Response | undefined | Promise<Response | undefined>)[];
  after: ((request: SeenRequest, response: Response) => void | Promise<void>)[];
}

/** Real clients and an `anaplanTarget` over HTTP. */
export interface ConnectedTarget {
  scim: ScimClient;
  integration: IntegrationClient;
  target: AccessTarget;
  hooks: RequestHooks;
  close(): Promise<void>;
}

/** Client settings for faults: short timeouts and back-off so that a run under faults stays quick. */
export interface FaultClientOptions {
  timeoutMs?: number;
  retry?: RetryOptions;
  /** How both clients authenticate. @default basicAuth as the fixture's integration account */
  auth?: AuthProvider;
  /** How the SCIM client authenticates, when not as `auth` (API keys and bearer tokens are SCIM-only). */
  scimAuth?: AuthProvider;
  /** Where both clients log. @default silent */
  logger?: Logger;
  /** The `fetch` the hooks wrap (a custom CA or a proxy through an undici dispatcher). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
}

/** Builds the clients and the target against `urls`, with a `fetch` that runs `hooks` around every attempt. */
export function connectTarget(urls: TenantUrls, options: FaultClientOptions = {}): ConnectedTarget {
  const hooks: RequestHooks = { before: [], after: [] };
  const hookedFetch: typeof globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const login = /\/(token|oauth)\//.test(new URL(url).pathname);
    const loginBody = !login
      ? undefined
      : input instanceof Request
        ? await input.clone().text()
        : init?.body === undefined || init.body === null
          ? undefined
          : String(init.body);
    const seen = { method, url, authorization: headers.get('authorization') ?? undefined, loginBody };
    for (const hook of hooks.before) {
      const answer = await hook(seen);
      if (answer) return answer;
    }
    const response = await (options.fetch ?? globalThis.fetch)(input, init);
    for (const hook of hooks.after) await hook(seen, response);
    return response;
  };
  const auth = options.auth ?? basicAuth({ username: admin.userName, password: admin.password });
  const common = {
    auth,
    authUrl: urls.authUrl,
    oauthUrl: urls.authUrl,
    ...(options.logger ? { logger: options.logger } : {}),
    fetch: hookedFetch,
    timeoutMs: options.timeoutMs ?? 1500,
    retry: options.retry ?? { limit: 5, backoffLimitMs: 100, maxRetryAfterMs: 3000 },
  };
  const scim = new ScimClient({ ...common, auth: options.scimAuth ?? auth, baseUrl: urls.scimUrl });
  const integration = new IntegrationClient({ ...common, baseUrl: urls.apiUrl });
  const target = anaplanTarget({
    scim,
    integration,
    workspaces: [...managedWorkspaces],
    models: targetModels(),
    taskWait: { intervalMs: 20, timeoutMs: 20_000 },
  });
  return {
    scim,
    integration,
    target,
    hooks,
    async close() {
      await Promise.allSettled([scim.close(), integration.close()]);
    },
  };
}
