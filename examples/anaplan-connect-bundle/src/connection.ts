import { readFile } from 'node:fs/promises';
import { IntegrationClient } from '@anaplan-access/bulk';
import { authFromEnvironment, basicAuth, type RegionCode } from '@anaplan-access/core';
import {
  type AccessTarget,
  type AnaplanTargetModel,
  anaplanTarget,
  type PlanPolicy,
} from '@anaplan-access/reconcile';
import { ScimClient } from '@anaplan-access/scim';
import { type DemoTenant, demoTenant, type Simulator, startSimulator } from '@anaplan-access/testkit';

/** What is managed in a tenant: the JSON file `ANAPLAN_TARGET_FILE` names (see anaplan-target.example.json). */
interface TargetFile {
  /** Ids of the managed workspaces: only their members are ever changed. */
  workspaces: string[];
  /** The managed models, with their USERS import and Users export. */
  models: AnaplanTargetModel[];
  /** Break-glass and other accounts the plan must leave alone (the integration account always is). */
  protectedUsers?: string[];
  /** The deletion guard's limits. @default { maxCount: 25, maxPercent: 10 } */
  deletionGuard?: PlanPolicy['deletionGuard'];
}

/** A tenant to reconcile: its clients, the access target over them and the plan policy. */
export interface Connection {
  scim: ScimClient;
  integration: IntegrationClient;
  target: AccessTarget;
  policy: PlanPolicy;
  /** The simulator, when no real tenant is configured. */
  simulator: Simulator | undefined;
  /** How imports and exports are polled: briefly against the simulator, as Anaplan advises otherwise. */
  taskWait: { intervalMs: number } | undefined;
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
 * Connects to the tenant that `ANAPLAN_*` variables describe (`ANAPLAN_REGION`, default `us1`, and
 * `ANAPLAN_TARGET_FILE`). Without credentials it starts a simulated tenant instead: `demo`, by default the demo
 * company of `@anaplan-access/testkit`, kept between runs in the file `ANAPLAN_SIM_STATE_FILE` names (if any).
 */
export async function connect(env: NodeJS.ProcessEnv, demo: DemoTenant = demoTenant()): Promise<Connection> {
  const auth = await authFromEnvironment({ env });
  if (auth) {
    const file = await readTargetFile(env.ANAPLAN_TARGET_FILE);
    const region = (env.ANAPLAN_REGION ?? 'us1') as RegionCode;
    const scim = new ScimClient({ auth, region });
    const integration = new IntegrationClient({ auth, region });
    return {
      scim,
      integration,
      target: anaplanTarget({ scim, integration, workspaces: file.workspaces, models: file.models }),
      policy: { protectedUsers: file.protectedUsers ?? [], deletionGuard: file.deletionGuard },
      simulator: undefined,
      taskWait: undefined,
      description: `Anaplan tenant in region ${region}`,
      close: async () => void (await Promise.allSettled([scim.close(), integration.close()])),
    };
  }
  const stateFile = env.ANAPLAN_SIM_STATE_FILE;
  const simulator = await startSimulator({ seed: demo.seed, ...(stateFile ? { stateFile } : {}) });
  const login = { auth: basicAuth(demo.credentials), authUrl: simulator.authUrl };
  const scim = new ScimClient({ ...login, baseUrl: simulator.scimUrl });
  const integration = new IntegrationClient({ ...login, baseUrl: simulator.apiUrl });
  const taskWait = { intervalMs: 50 };
  return {
    scim,
    integration,
    target: anaplanTarget({ scim, integration, workspaces: demo.workspaces, models: demo.models, taskWait }),
    // A small tenant: one leaver and one mover are already more than the default 10% of its access.
    policy: { protectedUsers: [demo.breakGlassAccount], deletionGuard: { maxCount: 10, maxPercent: 50 } },
    simulator,
    taskWait,
    description: `simulated tenant at ${simulator.baseUrl} (set ANAPLAN_USERNAME and ANAPLAN_PASSWORD for a real one)`,
    close: async () => {
      await Promise.allSettled([scim.close(), integration.close()]);
      await simulator.close();
    },
  };
}
