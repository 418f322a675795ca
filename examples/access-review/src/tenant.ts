import { readFile } from 'node:fs/promises';
import { IntegrationClient } from '@anaplan-access/bulk';
import { type AuthProvider, basicAuth, type ClientOptions, type RegionCode } from '@anaplan-access/core';
import { type AccessTarget, type AnaplanTargetModel, anaplanTarget } from '@anaplan-access/reconcile';
import { ScimClient } from '@anaplan-access/scim';
import { demoTenant, type Simulator, startSimulator } from '@anaplan-access/testkit';

/** What is reviewed in a tenant: the JSON file `ANAPLAN_TARGET_FILE` names (see anaplan-target.example.json). */
interface TargetFile {
  workspaces: string[];
  models: AnaplanTargetModel[];
}

/** A tenant to review: the access target and, when licences can be read, the Administration API's options. */
export interface ReviewedTenant {
  target: AccessTarget;
  /** Client options for the Administration API (licences), when a Tenant Administrator login is given. */
  administration: ClientOptions | undefined;
  simulator: Simulator | undefined;
  /** Where the review reads from, for printing. */
  description: string;
  close(): Promise<void>;
}

const day = 86_400_000;

/**
 * The tenant that `ANAPLAN_USERNAME`/`ANAPLAN_PASSWORD`, `ANAPLAN_REGION` (default `us1`) and `ANAPLAN_TARGET_FILE`
 * describe; licences are read as `ADMIN_USERNAME`/`ADMIN_PASSWORD` (a Tenant Administrator) when set.
 *
 * Without credentials: the simulated demo company, with last logins (Ana 2 days ago, Chen 75, Bruno 120; Dana
 * never, created 200 days ago), licences, and a Tenant Administrator who reads them.
 */
export async function openTenant(env: NodeJS.ProcessEnv): Promise<ReviewedTenant> {
  if (env.ANAPLAN_USERNAME && env.ANAPLAN_PASSWORD) {
    if (!env.ANAPLAN_TARGET_FILE)
      throw new Error('Set ANAPLAN_TARGET_FILE to the JSON file of the workspaces and models to review.');
    const file = JSON.parse(await readFile(env.ANAPLAN_TARGET_FILE, 'utf8')) as TargetFile;
    const region = (env.ANAPLAN_REGION ?? 'us1') as RegionCode;
    const auth: AuthProvider = basicAuth({ username: env.ANAPLAN_USERNAME, password: env.ANAPLAN_PASSWORD });
    const scim = new ScimClient({ auth, region });
    const integration = new IntegrationClient({ auth, region });
    return {
      target: anaplanTarget({ scim, integration, workspaces: file.workspaces, models: file.models }),
      administration:
        env.ADMIN_USERNAME && env.ADMIN_PASSWORD
          ? { auth: basicAuth({ username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD }), region }
          : undefined,
      simulator: undefined,
      description: `Anaplan tenant in region ${region}`,
      close: async () => void (await Promise.allSettled([scim.close(), integration.close()])),
    };
  }
  const demo = demoTenant();
  const now = Date.now();
  const facts: Record<string, { lastLoginDate: string | null; created: string; licenses: string[] }> = {
    'ana.silva@example.com': {
      lastLoginDate: iso(now - 2 * day),
      created: iso(now - 400 * day),
      licenses: ['Full Access'],
    },
    'bruno.costa@example.com': {
      lastLoginDate: iso(now - 120 * day),
      created: iso(now - 400 * day),
      licenses: ['Full Access'],
    },
    'chen.wei@example.com': {
      lastLoginDate: iso(now - 75 * day),
      created: iso(now - 300 * day),
      licenses: ['Viewer'],
    },
    'dana.novak@example.com': {
      lastLoginDate: null,
      created: iso(now - 200 * day),
      licenses: ['Full Access'],
    },
    'breakglass@example.com': {
      lastLoginDate: null,
      created: iso(now - 30 * day),
      licenses: ['Full Access'],
    },
  };
  for (const user of demo.seed.users ?? []) Object.assign(user, facts[user.userName] ?? {});
  const admin = { username: 'tenant.admin@example.com', password: demo.credentials.password };
  demo.seed.users?.push({ userName: admin.username, password: admin.password, roles: ['TENANT_ADMIN'] });
  const simulator = await startSimulator({ seed: demo.seed });
  const login = { auth: basicAuth(demo.credentials), authUrl: simulator.authUrl };
  const scim = new ScimClient({ ...login, baseUrl: simulator.scimUrl });
  const integration = new IntegrationClient({ ...login, baseUrl: simulator.apiUrl });
  const taskWait = { intervalMs: 50 };
  return {
    target: anaplanTarget({ scim, integration, workspaces: demo.workspaces, models: demo.models, taskWait }),
    administration: { auth: basicAuth(admin), authUrl: simulator.authUrl, baseUrl: simulator.adminUrl },
    simulator,
    description: `simulated tenant at ${simulator.baseUrl} (set ANAPLAN_USERNAME and ANAPLAN_PASSWORD for a real one)`,
    close: async () => {
      await Promise.allSettled([scim.close(), integration.close()]);
      await simulator.close();
    },
  };
}

function iso(time: number): string {
  return new Date(time).toISOString();
}
