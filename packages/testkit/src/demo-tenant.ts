import { randomBytes } from 'node:crypto';
import type { ModelSeed, ModelUserSeed, TenantSeed, UserSeed } from './seed.js';
import { usersExportSeed } from './users-export-seed.js';
import { type UsersImportLayout, usersImportSeed } from './users-import-seed.js';

/** Options of {@link demoTenant}. */
export interface DemoTenantOptions {
  /** The integration account's password. @default a random one, new for every call */
  password?: string | undefined;
}

/**
 * A model of the demo company as an access-management client is configured for it: the same shape as the models
 * of `anaplanTarget` in `@anaplan-access/reconcile` (the testkit does not depend on the SDK, so it is declared here).
 */
export interface DemoTenantModel {
  workspaceId: string;
  modelId: string;
  name: string;
  /** The model's USERS import and the columns its saved mapping reads. */
  usersImport: { importId: string; columns: UsersImportLayout };
  /** The model's export of its Users list, in the import's columns (one selective-access item per row). */
  usersExport: { exportId: string; columns: UsersImportLayout };
  /** The roles desired access may name: the built-in `Full Access` and `No Access`, then the model's own. */
  roles: string[];
  /** Each selective-access list and its items. */
  lists: Record<string, string[]>;
}

/** The demo company: the seed to start a simulator with, and how a client reaches and manages it. */
export interface DemoTenant {
  /** The tenant, for `startSimulator({ seed })` or, as JSON, for `anaplan-sim --seed`. */
  seed: TenantSeed;
  /** The integration account's login: a User Admin and administrator of every workspace. */
  credentials: { username: string; password: string };
  /** An account a plan must leave alone (list it in the plan policy's `protectedUsers`). */
  breakGlassAccount: string;
  /** Ids of the managed workspaces, Finance and Sales. */
  workspaces: string[];
  /** The managed models, FP&A and Sales Forecast. */
  models: DemoTenantModel[];
}

const integrationAccount = 'integration@example.com';
const breakGlassAccount = 'breakglass@example.com';
const finance = { id: '8a81b09e5f1d4c2f9a3e7b6c5d4e3f21', name: 'Finance' };
const sales = { id: '8a81b09e5f1d4c2f9a3e7b6c5d4e3f22', name: 'Sales' };
const regions = ['EMEA', 'APAC', 'AMER'];

/** The columns of every model's USERS import and Users export. */
const columns: UsersImportLayout = {
  email: 'Email',
  firstName: 'First Name',
  lastName: 'Last Name',
  role: 'Role',
  sso: 'Single Sign-On',
  selectiveAccess: { Regions: { read: 'Regions Read', write: 'Regions Write', none: 'Regions None' } },
};

interface DemoModelFacts {
  id: string;
  name: string;
  workspaceId: string;
  roles: string[];
  importId: string;
  exportId: string;
  users: ModelUserSeed[];
}

const models: DemoModelFacts[] = [
  {
    id: 'C1A2B3C4D5E6F708192A3B4C5D6E7F80',
    name: 'FP&A',
    workspaceId: finance.id,
    roles: ['Planner', 'Reviewer'],
    importId: '112000000001',
    exportId: '116000000001',
    users: [
      { email: 'ana.silva@example.com', role: 'Planner', selectiveAccess: { Regions: { read: ['EMEA'] } } },
      { email: 'chen.wei@example.com', role: 'Reviewer' },
    ],
  },
  {
    id: 'C1A2B3C4D5E6F708192A3B4C5D6E7F81',
    name: 'Sales Forecast',
    workspaceId: sales.id,
    roles: ['Sales Rep', 'Sales Manager'],
    importId: '112000000002',
    exportId: '116000000002',
    users: [
      {
        email: 'bruno.costa@example.com',
        role: 'Sales Rep',
        selectiveAccess: { Regions: { write: ['AMER'] } },
      },
      { email: 'dana.novak@example.com', role: 'Sales Manager' },
    ],
  },
];

const person = (userName: string, givenName: string, familyName: string, workspace: string): UserSeed => ({
  userName,
  givenName,
  familyName,
  externalId: `E-${userName.split('@')[0]}`,
  workspaces: [workspace],
});

/**
 * A small simulated company to try the SDK on, or to start your own tests from: two workspaces (Finance and
 * Sales), two models (FP&A with the roles Planner and Reviewer, Sales Forecast with Sales Rep and Sales Manager),
 * each with selective access on a Regions list (EMEA, APAC, AMER), a saved USERS import and a Users export in the
 * same columns (`Email`, `First Name`, `Last Name`, `Role`, `Single Sign-On`, `Regions Read`, `Regions Write`, and
 * `Regions None` in the import).
 *
 * The people, as Anaplan has them: Ana Silva (FP&A Planner, reads EMEA), Bruno Costa (Sales Rep, writes AMER),
 * Chen Wei (FP&A Reviewer) and Dana Novak (Sales Manager), each in their department's workspace with the external
 * id `E-<name>`; a break-glass account in Finance; and the integration account (`credentials`), a User Admin that
 * administers both workspaces. Everything but the password is the same on every call; each call returns new
 * objects, so a test may add to its seed.
 *
 * @example
 * ```ts
 * const demo = demoTenant();
 * const simulator = await startSimulator({ seed: demo.seed });
 * const auth = basicAuth(demo.credentials);
 * const scim = new ScimClient({ auth, baseUrl: simulator.scimUrl, authUrl: simulator.authUrl });
 * const integration = new IntegrationClient({ auth, baseUrl: simulator.apiUrl, authUrl: simulator.authUrl });
 * const target = anaplanTarget({ scim, integration, workspaces: demo.workspaces, models: demo.models });
 * const made = await plan({ desired, target, policy: { protectedUsers: [demo.breakGlassAccount] } });
 * ```
 * @throws {TypeError} when `options` has an unknown key or a password that is not a non-empty string.
 * @group Simulator
 */
export function demoTenant(options: DemoTenantOptions = {}): DemoTenant {
  for (const key of Object.keys(options))
    if (key !== 'password') throw new TypeError(`demoTenant: unknown option "${key}"`);
  const password = options.password ?? randomBytes(18).toString('base64url');
  if (typeof password !== 'string' || password === '')
    throw new TypeError('demoTenant: password must be a non-empty string');

  const seed: TenantSeed = {
    tenant: { name: 'Example Corp (simulated)' },
    users: [
      {
        userName: integrationAccount,
        givenName: 'Integration',
        familyName: 'Account',
        password,
        roles: ['USER_ADMIN'],
        workspaces: [finance.id, sales.id],
      },
      person(breakGlassAccount, 'Break', 'Glass', finance.id),
      person('ana.silva@example.com', 'Ana', 'Silva', finance.id),
      person('bruno.costa@example.com', 'Bruno', 'Costa', sales.id),
      person('chen.wei@example.com', 'Chen', 'Wei', finance.id),
      person('dana.novak@example.com', 'Dana', 'Novak', sales.id),
    ],
    workspaces: [finance, sales].map((workspace) => ({ ...workspace, admins: [integrationAccount] })),
    models: models.map(
      (model): ModelSeed => ({
        id: model.id,
        name: model.name,
        workspaceId: model.workspaceId,
        roles: [...model.roles],
        lists: [{ name: 'Regions', items: [...regions], selectiveAccess: true }],
        users: structuredClone(model.users),
        imports: [usersImportSeed(columns, { id: model.importId, name: 'Users from anaplan-access' })],
        exports: [usersExportSeed(columns, { id: model.exportId, name: 'Users for anaplan-access' })],
      }),
    ),
  };
  return {
    seed,
    credentials: { username: integrationAccount, password },
    breakGlassAccount,
    workspaces: [finance.id, sales.id],
    models: models.map((model) => ({
      workspaceId: model.workspaceId,
      modelId: model.id,
      name: model.name,
      usersImport: { importId: model.importId, columns: structuredClone(columns) },
      usersExport: { exportId: model.exportId, columns: structuredClone(columns) },
      roles: ['Full Access', 'No Access', ...model.roles],
      lists: { Regions: [...regions] },
    })),
  };
}
