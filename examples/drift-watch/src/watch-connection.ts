import { readFile } from 'node:fs/promises';
import { AuditClient } from '@anaplan-access/audit';
import { IntegrationClient } from '@anaplan-access/bulk';
import { authFromEnvironment, basicAuth, type RegionCode } from '@anaplan-access/core';
import { type AccessTarget, type AnaplanTargetModel, anaplanTarget } from '@anaplan-access/reconcile';
import { ScimClient } from '@anaplan-access/scim';
import { demoTenant, type Simulator, startSimulator } from '@anaplan-access/testkit';

/** What is managed in a tenant: the JSON file `ANAPLAN_TARGET_FILE` names (see anaplan-target.example.json). */
interface TargetFile {
  /** Ids of the managed workspaces: changes to their members are watched. */
  workspaces: string[];
  /** The managed models (their Users exports name the managed users' access). */
  models: AnaplanTargetModel[];
}

/** A tenant to watch: the clients, the access target (the managed scope) and the Audit API client. */
export interface Connection {
  scim: ScimClient;
  integration: IntegrationClient;
  target: AccessTarget;
  audit: AuditClient;
  /** The account the managed process runs as: its own changes are not drift. */
  integrationUser: string;
  /** The simulator, when no real tenant is configured. */
  simulator: Simulator | undefined;
  /** Where the connection goes, for printing. */
  description: string;
  close(): Promise<void>;
}

async function readTargetFile(path: string | undefined): Promise<TargetFile> {
  if (!path)
    throw new Error('Set ANAPLAN_TARGET_FILE to the JSON file of the managed workspaces and models.');
  const file = JSON.parse(await readFile(path, 'utf8')) as TargetFile;
  if (!Array.isArray(file.workspaces) || !Array.isArray(file.models))
    throw new Error(`${path}: expected { "workspaces": [...], "models": [...] }`);
  return file;
}

/**
 * Connects to the tenant that `ANAPLAN_*` variables describe (`ANAPLAN_REGION`, default `us1`,
 * `ANAPLAN_TARGET_FILE`, and `ANAPLAN_INTEGRATION_USER`, the managed process's account). The Audit API is read as
 * `AUDIT_USERNAME`/`AUDIT_PASSWORD` (a Tenant Auditor), or with the same credentials when they are not set.
 *
 * Without credentials it starts the simulated demo company instead, its integration account a Tenant Auditor too,
 * and, unless `SIMULATE_HAND_EDIT=false`, makes one hand edit there first: Kim, a Workspace Administrator, sets Chen
 * Wei's role in FP&A in the UI, so that the report has something to show.
 */
export async function connect(env: NodeJS.ProcessEnv): Promise<Connection> {
  const auth = await authFromEnvironment({ env });
  if (auth) {
    const file = await readTargetFile(env.ANAPLAN_TARGET_FILE);
    const region = (env.ANAPLAN_REGION ?? 'us1') as RegionCode;
    const integrationUser = env.ANAPLAN_INTEGRATION_USER || env.ANAPLAN_USERNAME;
    if (!integrationUser) throw new Error("Set ANAPLAN_INTEGRATION_USER to the managed process's account.");
    const auditAuth =
      env.AUDIT_USERNAME && env.AUDIT_PASSWORD
        ? basicAuth({ username: env.AUDIT_USERNAME, password: env.AUDIT_PASSWORD })
        : auth;
    const scim = new ScimClient({ auth, region });
    const integration = new IntegrationClient({ auth, region });
    const audit = new AuditClient({ auth: auditAuth });
    return {
      scim,
      integration,
      target: anaplanTarget({ scim, integration, workspaces: file.workspaces, models: file.models }),
      audit,
      integrationUser,
      simulator: undefined,
      description: `Anaplan tenant in region ${region}`,
      close: async () => void (await Promise.allSettled([scim.close(), integration.close(), audit.close()])),
    };
  }
  const demo = demoTenant();
  const [integrationAccount] = demo.seed.users ?? [];
  integrationAccount?.roles?.push('TENANT_AUDITOR');
  demo.seed.users?.push({
    userName: 'kim.admin@example.com',
    givenName: 'Kim',
    familyName: 'Admin',
    workspaces: [...demo.workspaces],
  });
  const simulator = await startSimulator({ seed: demo.seed });
  const login = { auth: basicAuth(demo.credentials), authUrl: simulator.authUrl };
  const scim = new ScimClient({ ...login, baseUrl: simulator.scimUrl });
  const integration = new IntegrationClient({ ...login, baseUrl: simulator.apiUrl });
  const audit = new AuditClient({ ...login, baseUrl: simulator.auditUrl });
  if (env.SIMULATE_HAND_EDIT?.trim().toLowerCase() !== 'false')
    simulator.ui.setModelRole('kim.admin@example.com', 'chen.wei@example.com', 'FP&A', 'Planner');
  const taskWait = { intervalMs: 50 };
  return {
    scim,
    integration,
    target: anaplanTarget({ scim, integration, workspaces: demo.workspaces, models: demo.models, taskWait }),
    audit,
    integrationUser: demo.credentials.username,
    simulator,
    description: `simulated tenant at ${simulator.baseUrl} (set ANAPLAN_USERNAME and ANAPLAN_PASSWORD for a real one)`,
    close: async () => {
      await Promise.allSettled([scim.close(), integration.close(), audit.close()]);
      await simulator.close();
    },
  };
}
