import type { UsersImportColumns } from '@anaplan-access/bulk';
import type { SimulatedTenant } from '@anaplan-access/example-support';
import { type TenantSeed, usersImportSeed } from '@anaplan-access/testkit';

/** The simulated model: FP&A with a USERS import whose mapping matches {@link columns}. */
export const simulatedModel = {
  workspaceId: '8a81b09e5f1d4c2f9a3e7b6c5d4e3f21',
  modelId: 'C1A2B3C4D5E6F708192A3B4C5D6E7F80',
  importName: 'Users from anaplan-access',
};

const integrationAccount = 'integration@example.com';

/** The columns of the saved USERS import (its mapping decides the names). */
export const columns: UsersImportColumns = {
  email: 'Email',
  firstName: 'First Name',
  lastName: 'Last Name',
  role: 'Role',
  sso: 'Single Sign-On',
  selectiveAccess: { Regions: { read: 'Regions Read', write: 'Regions Write', none: 'Regions None' } },
};

function seed(password: string): TenantSeed {
  return {
    users: [
      {
        userName: integrationAccount,
        givenName: 'Integration',
        familyName: 'Account',
        password,
        roles: ['USER_ADMIN'],
        workspaces: [simulatedModel.workspaceId],
      },
      { userName: 'ana.silva@example.com', givenName: 'Ana', familyName: 'Silva' },
    ],
    workspaces: [{ id: simulatedModel.workspaceId, name: 'Finance', admins: [integrationAccount] }],
    models: [
      {
        id: simulatedModel.modelId,
        name: 'FP&A',
        workspaceId: simulatedModel.workspaceId,
        roles: ['Planner', 'Reviewer'],
        lists: [{ name: 'Regions', items: ['EMEA', 'APAC', 'AMER'], selectiveAccess: true }],
        users: [{ email: 'ana.silva@example.com', role: 'Reviewer' }],
        imports: [
          usersImportSeed(columns, {
            id: '112000000001',
            name: simulatedModel.importName,
            fileName: 'anaplan-access-users.csv',
          }),
        ],
      },
    ],
  };
}

/** The simulated tenant, for `connect`. */
export const simulatedTenant: SimulatedTenant = { seed, userName: integrationAccount };
