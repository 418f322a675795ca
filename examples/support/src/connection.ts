import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { IntegrationClient } from '@anaplan-access/bulk';
import { type AuthProvider, basicAuth, certificateAuth, type RegionCode } from '@anaplan-access/core';
import { ScimClient } from '@anaplan-access/scim';
import { type Simulator, startSimulator, type TenantSeed } from '@anaplan-access/testkit';

/**
 * The clients an example works with: a real tenant when `ANAPLAN_*` variables describe one, otherwise a simulated
 * tenant on a loopback port (this file is the same in every example).
 */
export interface Connection {
  scim: ScimClient;
  integration: IntegrationClient;
  /** The simulator, when the example runs against one. */
  simulator: Simulator | undefined;
  /** How often imports and exports are polled: short against the simulator, Anaplan's advice (5 s) otherwise. */
  taskWait: { intervalMs: number } | undefined;
  /** Where the connection goes, for printing. */
  description: string;
  close(): Promise<void>;
}

/** The simulated tenant to start when no real one is configured. */
export interface SimulatedTenant {
  /** The tenant, given the integration account's (random) password. */
  seed(password: string): TenantSeed;
  /** The integration account: a User Admin and administrator of the managed workspaces. */
  userName: string;
}

/**
 * Authentication from the environment: a certificate (`ANAPLAN_CERTIFICATE_FILE` and `ANAPLAN_PRIVATE_KEY_FILE`,
 * optionally `ANAPLAN_KEY_PASSPHRASE`) or a login (`ANAPLAN_USERNAME` and `ANAPLAN_PASSWORD`); `undefined` when
 * neither is set.
 */
export async function authFromEnvironment(env: NodeJS.ProcessEnv): Promise<AuthProvider | undefined> {
  if (env.ANAPLAN_CERTIFICATE_FILE && env.ANAPLAN_PRIVATE_KEY_FILE) {
    return certificateAuth({
      certificate: await readFile(env.ANAPLAN_CERTIFICATE_FILE, 'utf8'),
      privateKey: await readFile(env.ANAPLAN_PRIVATE_KEY_FILE, 'utf8'),
      ...(env.ANAPLAN_KEY_PASSPHRASE ? { passphrase: env.ANAPLAN_KEY_PASSPHRASE } : {}),
    });
  }
  if (env.ANAPLAN_USERNAME && env.ANAPLAN_PASSWORD) {
    return basicAuth({ username: env.ANAPLAN_USERNAME, password: env.ANAPLAN_PASSWORD });
  }
  return undefined;
}

/**
 * Connects to the tenant the environment describes (`ANAPLAN_REGION`, default `us1`, picks the hosts), or starts
 * the simulator with `simulated` when no credentials are set.
 */
export async function connect(env: NodeJS.ProcessEnv, simulated: SimulatedTenant): Promise<Connection> {
  const tenantAuth = await authFromEnvironment(env);
  if (tenantAuth) {
    const region = (env.ANAPLAN_REGION ?? 'us1') as RegionCode;
    const scim = new ScimClient({ auth: tenantAuth, region });
    const integration = new IntegrationClient({ auth: tenantAuth, region });
    return {
      scim,
      integration,
      simulator: undefined,
      taskWait: undefined,
      description: `Anaplan tenant in region ${region}`,
      close: async () => {
        await Promise.allSettled([scim.close(), integration.close()]);
      },
    };
  }
  const password = randomBytes(18).toString('base64url');
  const simulator = await startSimulator({ seed: simulated.seed(password) });
  const auth = basicAuth({ username: simulated.userName, password });
  const scim = new ScimClient({ auth, baseUrl: simulator.scimUrl, authUrl: simulator.authUrl });
  const integration = new IntegrationClient({ auth, baseUrl: simulator.apiUrl, authUrl: simulator.authUrl });
  return {
    scim,
    integration,
    simulator,
    taskWait: { intervalMs: 50 },
    description: `simulated tenant at ${simulator.baseUrl} (set ANAPLAN_USERNAME and ANAPLAN_PASSWORD for a real one)`,
    close: async () => {
      await Promise.allSettled([scim.close(), integration.close()]);
      await simulator.close();
    },
  };
}
