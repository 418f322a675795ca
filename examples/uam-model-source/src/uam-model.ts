import type { ColumnMapping } from '@anaplan-access/reconcile';
import { type DemoTenant, demoTenant } from '@anaplan-access/testkit';

/** The simulated "User Access Management" model: its own workspace, outside the managed ones. */
export const uamModel = {
  workspaceId: '8a81b09e5f1d4c2f9a3e7b6c5d4e3f29',
  workspaceName: 'Access Administration',
  modelId: 'C1A2B3C4D5E6F708192A3B4C5D6E7F89',
  modelName: 'User Access Management',
  exportName: 'Access Rows',
} as const;

/**
 * The UAM model's export column names, mapped to the flat access format. A real UAM model names its line items as
 * its builders chose; name yours here.
 */
export const uamColumns: ColumnMapping = {
  email: 'User',
  first_name: 'First Name',
  last_name: 'Last Name',
  workspace: 'Workspace',
  model: 'Model',
  role: 'Model Role',
  list: 'Selective Access List',
  item: 'Selective Access Item',
  access: 'Access Level',
};

/** The rows the UAM model's export writes today: what the access owners approved in Anaplan. */
const approvedRows: Record<string, string>[] = [
  ['ana.silva@example.com', 'Ana', 'Silva', 'Finance', 'FP&A', 'Planner', 'Regions', 'EMEA', 'read'],
  ['ana.silva@example.com', 'Ana', 'Silva', 'Finance', 'FP&A', 'Planner', 'Regions', 'APAC', 'write'],
  ['bruno.costa@example.com', 'Bruno', 'Costa', 'Finance', 'FP&A', 'Planner', 'Regions', 'AMER', 'write'],
  ['dana.novak@example.com', 'Dana', 'Novak', 'Sales', 'Sales Forecast', 'Sales Manager', '', '', ''],
  [
    'eve.martin@example.com',
    'Eve',
    'Martin',
    'Sales',
    'Sales Forecast',
    'Sales Rep',
    'Regions',
    'EMEA',
    'write',
  ],
].map((cells) => {
  const names = Object.values(uamColumns) as string[];
  return Object.fromEntries(names.map((name, index) => [name, cells[index] ?? '']));
});

/** The demo company of `@anaplan-access/testkit` plus the UAM model, which the integration account may export from. */
export function uamDemoTenant(): DemoTenant {
  const demo = demoTenant();
  const { seed, credentials } = demo;
  seed.users?.find((user) => user.userName === credentials.username)?.workspaces?.push(uamModel.workspaceId);
  seed.workspaces?.push({
    id: uamModel.workspaceId,
    name: uamModel.workspaceName,
    admins: [credentials.username],
  });
  seed.models?.push({
    id: uamModel.modelId,
    name: uamModel.modelName,
    workspaceId: uamModel.workspaceId,
    exports: [{ id: '116000000099', name: uamModel.exportName, source: 'rows', rows: approvedRows }],
  });
  return demo;
}
