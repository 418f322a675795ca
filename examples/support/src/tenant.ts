import type { AnaplanTargetModel } from '@anaplan-access/reconcile';
import { type ModelSeed, type TenantSeed, type UserSeed, usersImportSeed } from '@anaplan-access/testkit';
import type { SimulatedTenant } from './connection.ts';
import type { TargetConfig } from './target-config.ts';

/**
 * The simulated company of the examples: two workspaces, two models with selective access on Regions, and the
 * state Anaplan was in before today's changes (this file is the same in every reconcile example).
 */
export const workspaces = {
  finance: { id: '8a81b09e5f1d4c2f9a3e7b6c5d4e3f21', name: 'Finance' },
  sales: { id: '8a81b09e5f1d4c2f9a3e7b6c5d4e3f22', name: 'Sales' },
} as const;

export const regions = ['EMEA', 'APAC', 'AMER'];
export const integrationAccount = 'integration@example.com';
export const breakGlassAccount = 'breakglass@example.com';

interface DemoModel {
  id: string;
  name: string;
  workspaceId: string;
  roles: string[];
  importId: string;
  exportId: string;
}

export const models: DemoModel[] = [
  {
    id: 'C1A2B3C4D5E6F708192A3B4C5D6E7F80',
    name: 'FP&A',
    workspaceId: workspaces.finance.id,
    roles: ['Planner', 'Reviewer'],
    importId: '112000000001',
    exportId: '116000000001',
  },
  {
    id: 'C1A2B3C4D5E6F708192A3B4C5D6E7F81',
    name: 'Sales Forecast',
    workspaceId: workspaces.sales.id,
    roles: ['Sales Rep', 'Sales Manager'],
    importId: '112000000002',
    exportId: '116000000002',
  },
];

/** The column names of each model's USERS import and Users export, as saved in the model. */
export const usersImportColumns = {
  email: 'Email',
  firstName: 'First Name',
  lastName: 'Last Name',
  role: 'Role',
  sso: 'Single Sign-On',
  selectiveAccess: { Regions: { read: 'Regions Read', write: 'Regions Write', none: 'Regions None' } },
};

/** What the engine manages in the simulated tenant. */
export function simulatedTarget(): TargetConfig {
  const targetModels: AnaplanTargetModel[] = models.map((model) => ({
    workspaceId: model.workspaceId,
    modelId: model.id,
    name: model.name,
    usersImport: { importId: model.importId, columns: usersImportColumns },
    usersExport: { exportId: model.exportId, columns: usersImportColumns },
    roles: ['Full Access', 'No Access', ...model.roles],
    lists: { Regions: regions },
  }));
  return {
    workspaces: Object.values(workspaces).map((workspace) => workspace.id),
    models: targetModels,
    protectedUsers: [breakGlassAccount],
    // A small tenant: one leaver and one mover are already more than 10% of its access.
    deletionGuard: { maxCount: 10, maxPercent: 50 },
  };
}

const person = (userName: string, givenName: string, familyName: string, ids: string[]): UserSeed => ({
  userName,
  givenName,
  familyName,
  externalId: `E-${userName.split('@')[0]}`,
  workspaces: ids,
});

/**
 * Anaplan before today's changes: Ana reads EMEA in FP&A, Bruno is a Sales Rep about to move to Finance, Chen has
 * left the company, Dana is already in sync; Eve has not joined yet.
 */
function seed(password: string): TenantSeed {
  const users: UserSeed[] = [
    {
      userName: integrationAccount,
      givenName: 'Integration',
      familyName: 'Account',
      password,
      roles: ['USER_ADMIN'],
      workspaces: [workspaces.finance.id, workspaces.sales.id],
    },
    person(breakGlassAccount, 'Break', 'Glass', [workspaces.finance.id]),
    person('ana.silva@example.com', 'Ana', 'Silva', [workspaces.finance.id]),
    person('bruno.costa@example.com', 'Bruno', 'Costa', [workspaces.sales.id]),
    person('chen.wei@example.com', 'Chen', 'Wei', [workspaces.finance.id]),
    person('dana.novak@example.com', 'Dana', 'Novak', [workspaces.sales.id]),
  ];
  const access: Record<string, ModelSeed['users']> = {
    'FP&A': [
      { email: 'ana.silva@example.com', role: 'Planner', selectiveAccess: { Regions: { read: ['EMEA'] } } },
      { email: 'chen.wei@example.com', role: 'Reviewer' },
    ],
    'Sales Forecast': [
      {
        email: 'bruno.costa@example.com',
        role: 'Sales Rep',
        selectiveAccess: { Regions: { write: ['AMER'] } },
      },
      { email: 'dana.novak@example.com', role: 'Sales Manager' },
    ],
  };
  return {
    tenant: { name: 'Example Corp (simulated)' },
    users,
    workspaces: Object.values(workspaces).map((workspace) => ({
      ...workspace,
      admins: [integrationAccount],
    })),
    models: models.map(
      (model): ModelSeed => ({
        id: model.id,
        name: model.name,
        workspaceId: model.workspaceId,
        roles: model.roles,
        lists: [{ name: 'Regions', items: regions, selectiveAccess: true }],
        users: access[model.name] ?? [],
        imports: [
          usersImportSeed(usersImportColumns, { id: model.importId, name: 'Users from anaplan-access' }),
        ],
        exports: [{ id: model.exportId, name: 'Users for anaplan-access', source: 'users' }],
      }),
    ),
  };
}

/** The simulated tenant, for `connect`. */
export const simulatedTenant: SimulatedTenant = { seed, userName: integrationAccount };
