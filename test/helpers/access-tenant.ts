import { IntegrationClient } from '@anaplan-access/bulk';
import { basicAuth } from '@anaplan-access/core';
import {
  type AccessTarget,
  type AnaplanTargetModel,
  anaplanTarget,
  type DesiredModelAccess,
  type DesiredState,
  type DesiredUser,
} from '@anaplan-access/reconcile';
import { ScimClient } from '@anaplan-access/scim';
import {
  type ModelSeed,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
  type TenantSeed,
  type UserSeed,
} from '@anaplan-access/testkit';

import { usersImportColumns, usersImportSeed } from './users-import-fixture.js';

/** A small tenant for end-to-end tests: two managed workspaces, one unmanaged, two models with SA lists. */
export const ids = {
  finance: 'f1000000000000000000000000000001',
  sales: 'f1000000000000000000000000000002',
  other: 'f1000000000000000000000000000003',
  budget: 'B0000000000000000000000000000001',
  forecast: 'B0000000000000000000000000000002',
} as const;

export const admin = { userName: 'integration@corp.example', password: 'fixture-password-1' };
export const regions = ['EMEA', 'APAC', 'AMER'];

function model(
  id: string,
  name: string,
  workspaceId: string,
  roles: string[],
  users: ModelSeed['users'],
): ModelSeed {
  return {
    id,
    name,
    workspaceId,
    roles,
    lists: [{ name: 'Regions', items: regions, selectiveAccess: true }],
    users,
    imports: [usersImportSeed(['Regions'], `112${id.slice(-9)}`)],
    exports: [
      {
        id: `116${id.slice(-9)}`,
        name: 'Users export',
        source: 'users',
        // The same header names as the import (and as `importColumns` maps them), selective access one item a row.
        columns: {
          Email: 'email',
          'First Name': 'firstName',
          'Last Name': 'lastName',
          Role: 'role',
          SSO: 'sso',
          'Regions Read': 'read:Regions',
          'Regions Write': 'write:Regions',
        },
      },
    ],
  };
}

export const importColumns = usersImportColumns(['Regions']);

/** Target configuration for the two models (with Users exports unless `unknownAccess`). */
export function targetModels(options: { unknownAccess?: boolean } = {}): AnaplanTargetModel[] {
  return [
    { id: ids.budget, workspaceId: ids.finance, roles: ['Full Access', 'No Access', 'Planner', 'Viewer'] },
    { id: ids.forecast, workspaceId: ids.sales, roles: ['Full Access', 'No Access', 'Sales Rep', 'Viewer'] },
  ].map((entry) => ({
    workspaceId: entry.workspaceId,
    modelId: entry.id,
    usersImport: { importId: 'Users import', columns: importColumns },
    ...(options.unknownAccess ? {} : { usersExport: { exportId: 'Users export', columns: importColumns } }),
    roles: entry.roles,
    lists: { Regions: regions },
  }));
}

/** A seed: the admin, plus the given users and model access. */
export function tenantSeed(
  users: UserSeed[],
  access: { budget?: ModelSeed['users']; forecast?: ModelSeed['users'] } = {},
): TenantSeed {
  return {
    users: [
      {
        userName: admin.userName,
        givenName: 'Integration',
        familyName: 'Account',
        password: admin.password,
        roles: ['USER_ADMIN'],
        workspaces: [ids.finance, ids.sales],
      },
      ...users,
    ],
    workspaces: [
      { id: ids.finance, name: 'Finance', admins: [admin.userName] },
      { id: ids.sales, name: 'Sales', admins: [admin.userName] },
      { id: ids.other, name: 'Other' },
    ],
    models: [
      model(ids.budget, 'Budget', ids.finance, ['Planner', 'Viewer'], access.budget ?? []),
      model(ids.forecast, 'Forecast', ids.sales, ['Sales Rep', 'Viewer'], access.forecast ?? []),
    ],
  };
}

export interface AccessTenant {
  sim: Simulator;
  scim: ScimClient;
  integration: IntegrationClient;
  target: AccessTarget;
  close(): Promise<void>;
}

/**
 * Starts the simulator with `seed` and builds real clients and an `anaplanTarget` over HTTP; the clients send
 * through `fetch` when given.
 */
export async function startAccessTenant(
  seed: TenantSeed,
  options: {
    unknownAccess?: boolean;
    simulator?: Omit<SimulatorOptions, 'seed'>;
    retry?: number;
    fetch?: typeof globalThis.fetch;
  } = {},
): Promise<AccessTenant> {
  const sim = await startSimulator({ ...options.simulator, seed });
  const auth = basicAuth({ username: admin.userName, password: admin.password });
  const common = {
    auth,
    authUrl: sim.authUrl,
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const scim = new ScimClient({ ...common, baseUrl: sim.scimUrl });
  const integration = new IntegrationClient({ ...common, baseUrl: sim.apiUrl });
  const target = anaplanTarget({
    scim,
    integration,
    workspaces: [ids.finance, ids.sales],
    models: targetModels(options),
    taskWait: { intervalMs: 25 },
  });
  return {
    sim,
    scim,
    integration,
    target,
    async close() {
      await Promise.allSettled([scim.close(), integration.close()]);
      await sim.close();
    },
  };
}

/** A desired state built in code (as a source would produce it). */
export function desiredState(
  users: DesiredState['users'],
  findings: DesiredState['findings'] = [],
): DesiredState {
  return { source: 'test', users, findings };
}

/**
 * A desired user of this tenant: active, in Finance, without model access, from row 2 of the source "test", named
 * after their login (`ann@corp.example` is "ann Person").
 */
export function desiredUser(userName: string, overrides: Partial<DesiredUser> = {}): DesiredUser {
  return {
    userName,
    givenName: userName.split('@')[0] ?? 'x',
    familyName: 'Person',
    active: true,
    workspaces: [ids.finance],
    models: {},
    refs: [{ source: 'test', row: 2 }],
    ...overrides,
  };
}

/** Access to one of this tenant's models: `role`, no SSO, no Workspace Administrator, Regions items to read and write. */
export function modelAccess(role: string, read: string[] = [], write: string[] = []): DesiredModelAccess {
  return {
    role,
    sso: false,
    workspaceAdmin: false,
    selectiveAccess: read.length || write.length ? { Regions: { read, write } } : {},
  };
}
