import { basicAuth } from '@anaplan-access/core';
import {
  type IntegrationControls,
  integrationControls,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
  type TenantSeed,
  usersImportSeed,
} from '@anaplan-access/testkit';
import { IntegrationClient } from '../integration-client.js';
import type { IntegrationClientOptions } from '../integration-client-options.js';
import type { ModelClient } from '../model/model-client.js';
import type { UsersImportColumns } from '../users-import/users-import-types.js';

/** Ids of the seeded tenant. */
export const ids = {
  workspace: '8a8b8c8d8e8f40414243444546474849',
  otherWorkspace: '8a8b8c8d8e8f40414243444546474850',
  model: '75A40874E6B64FA3AE0743278996850F',
  usersImport: '112000000101',
  usersFile: '113000000101',
  usersExport: '116000000101',
  regionsExport: '116000000102',
  process: '118000000101',
  deleteAction: '117000000101',
} as const;

export const admin = { username: 'admin@example.com', password: 'correct horse battery staple' };

/** The USERS import's columns, as the caller states them to `usersImport.toCsv`. */
export const usersColumns: UsersImportColumns = {
  email: 'Email',
  firstName: 'First Name',
  lastName: 'Last Name',
  role: 'Role',
  sso: 'SSO',
  selectiveAccess: { Regions: { read: 'Regions Read', write: 'Regions Write' } },
};

/** A tenant with one busy model and enough workspaces, models and users to page through. */
export function seed(): TenantSeed {
  return {
    users: [
      {
        userName: admin.username,
        password: admin.password,
        givenName: 'Ada',
        familyName: 'Admin',
        roles: ['TENANT_ADMIN', 'USER_ADMIN'],
        workspaces: [ids.workspace],
      },
      ...['bob', 'carol', 'dave', 'erin'].map((name) => ({
        userName: `${name}@example.com`,
        givenName: name,
        familyName: 'Example',
        workspaces: [ids.workspace],
      })),
    ],
    workspaces: [
      { id: ids.workspace, name: 'Planning', admins: [admin.username] },
      { id: ids.otherWorkspace, name: 'Sandbox', admins: [admin.username] },
      { name: 'Finance' },
      { name: 'Sales' },
    ],
    models: [
      {
        id: ids.model,
        name: 'Access Model',
        workspaceId: ids.workspace,
        roles: ['Planner', 'Reviewer'],
        lists: [{ name: 'Regions', items: ['EMEA', 'APAC', 'AMER'], selectiveAccess: true }],
        users: [
          { email: admin.username, role: 'Full Access', workspaceAdmin: true },
          { email: 'bob@example.com', role: 'Planner', selectiveAccess: { Regions: { read: ['EMEA'] } } },
        ],
        imports: [
          usersImportSeed(usersColumns, {
            id: ids.usersImport,
            name: 'Users from users.csv',
            fileId: ids.usersFile,
            fileName: 'users.csv',
          }),
        ],
        exports: [
          {
            id: ids.usersExport,
            name: 'Users export',
            source: 'users',
            columns: { Email: 'email', Role: 'role', 'Regions Read': 'read:Regions' },
          },
          {
            id: ids.regionsExport,
            name: 'Regions export',
            source: 'rows',
            rows: [
              { Region: 'EMEA', Note: 'Europe, Middle East\nand Africa' },
              { Region: 'APAC', Note: 'Asia "Pacific"' },
            ],
          },
        ],
        processes: [
          { id: ids.process, name: 'Import users then export', actions: [ids.usersImport, ids.usersExport] },
        ],
        actions: [{ id: ids.deleteAction, name: 'Delete old regions', listName: 'Regions', items: ['AMER'] }],
      },
      { name: 'Budget 2025', workspaceId: ids.workspace },
      { name: 'Budget 2026', workspaceId: ids.workspace },
      { name: 'Scratch', workspaceId: ids.otherWorkspace },
    ],
  };
}

/** Fast polling for tests against the simulator (the default honours Anaplan's 5-second advice). */
export const fastWait = { intervalMs: 5, timeoutMs: 10_000 } as const;

export interface Fixture {
  sim: Simulator;
  client: IntegrationClient;
  model: ModelClient;
  controls: IntegrationControls;
  close(): Promise<void>;
}

/** Starts the simulator with {@link seed} and a client signed in as the admin through basic authentication. */
export async function startFixture(
  options: { simulator?: SimulatorOptions; client?: Partial<IntegrationClientOptions> } = {},
): Promise<Fixture> {
  const sim = await startSimulator({ seed: seed(), switches: { taskDurationMs: 5 }, ...options.simulator });
  const client = new IntegrationClient({
    auth: basicAuth(admin),
    baseUrl: sim.apiUrl,
    authUrl: sim.authUrl,
    retry: { limit: 2, backoffLimitMs: 20 },
    ...options.client,
  });
  return {
    sim,
    client,
    model: client.model(ids.workspace, ids.model),
    controls: integrationControls(sim.state),
    async close() {
      await client.close();
      await sim.close();
    },
  };
}
