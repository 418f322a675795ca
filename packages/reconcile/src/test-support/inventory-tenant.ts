import { IntegrationClient } from '@anaplan-access/bulk';
import { basicAuth } from '@anaplan-access/core';
import { ScimClient } from '@anaplan-access/scim';
import { type DemoTenant, demoTenant, type Simulator, startSimulator } from '@anaplan-access/testkit';
import type { AccessTarget } from '../target/access-target.js';
import { anaplanTarget } from '../target/anaplan-target.js';

/** A Tenant Administrator of the inventory tenant (reads licences). */
export const tenantAdmin = { username: 'tenant.admin@example.com', password: 'tenant-admin-password-1' };

/** The demo company with last logins, creation dates and licences, started in a simulator. */
export interface InventoryTenant {
  sim: Simulator;
  demo: DemoTenant;
  target: AccessTarget;
  scim: ScimClient;
  integration: IntegrationClient;
  close(): Promise<void>;
}

const day = 86_400_000;

/**
 * Starts the demo company with: Ana logged in 3 days before `now`, Bruno 100 days before, Chen 80 days before,
 * Dana never (created 200 days before), the break-glass account never (created 10 days before); licences for
 * everyone; and a Tenant Administrator (`tenantAdmin`) in no workspace.
 */
export async function startInventoryTenant(now = Date.now()): Promise<InventoryTenant> {
  const demo = demoTenant();
  const ago = (days: number) => new Date(now - days * day).toISOString();
  const facts: Record<string, { lastLoginDate: string | null; created: string; licenses: string[] }> = {
    'ana.silva@example.com': { lastLoginDate: ago(3), created: ago(400), licenses: ['Full Access'] },
    'bruno.costa@example.com': { lastLoginDate: ago(100), created: ago(400), licenses: ['Full Access'] },
    'chen.wei@example.com': {
      lastLoginDate: ago(80),
      created: ago(400),
      licenses: ['Viewer', 'Contributor'],
    },
    'dana.novak@example.com': { lastLoginDate: null, created: ago(200), licenses: ['Full Access'] },
    'breakglass@example.com': { lastLoginDate: null, created: ago(10), licenses: ['Full Access'] },
  };
  for (const user of demo.seed.users ?? []) Object.assign(user, facts[user.userName] ?? {});
  demo.seed.users?.push({
    userName: tenantAdmin.username,
    password: tenantAdmin.password,
    roles: ['TENANT_ADMIN'],
  });
  const sim = await startSimulator({ seed: demo.seed });
  const common = { auth: basicAuth(demo.credentials), authUrl: sim.authUrl };
  const scim = new ScimClient({ ...common, baseUrl: sim.scimUrl });
  const integration = new IntegrationClient({ ...common, baseUrl: sim.apiUrl });
  const target = anaplanTarget({
    scim,
    integration,
    workspaces: demo.workspaces,
    models: demo.models,
    taskWait: { intervalMs: 5 },
  });
  return {
    sim,
    demo,
    target,
    scim,
    integration,
    async close() {
      await Promise.allSettled([scim.close(), integration.close()]);
      await sim.close();
    },
  };
}
