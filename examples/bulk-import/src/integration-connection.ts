import { readFile } from 'node:fs/promises';
import { IntegrationClient } from '@anaplan-access/bulk';
import { type AuthProvider, basicAuth, certificateAuth, type RegionCode } from '@anaplan-access/core';
import { type DemoTenant, type Simulator, startSimulator } from '@anaplan-access/testkit';

/** An Integration API client for a tenant. */
export interface Connection {
  integration: IntegrationClient;
  /** The simulator, when no real tenant is configured. */
  simulator: Simulator | undefined;
  /** How tasks are polled: briefly against the simulator, as Anaplan advises otherwise. */
  taskWait: { intervalMs: number } | undefined;
  /** Where the connection goes, for printing. */
  description: string;
  close(): Promise<void>;
}

/** A certificate (`ANAPLAN_CERTIFICATE_FILE`, `ANAPLAN_PRIVATE_KEY_FILE`) or a login (`ANAPLAN_USERNAME`, `ANAPLAN_PASSWORD`). */
async function authFromEnvironment(env: NodeJS.ProcessEnv): Promise<AuthProvider | undefined> {
  if (env.ANAPLAN_CERTIFICATE_FILE && env.ANAPLAN_PRIVATE_KEY_FILE)
    return certificateAuth({
      certificate: await readFile(env.ANAPLAN_CERTIFICATE_FILE, 'utf8'),
      privateKey: await readFile(env.ANAPLAN_PRIVATE_KEY_FILE, 'utf8'),
      ...(env.ANAPLAN_KEY_PASSPHRASE ? { passphrase: env.ANAPLAN_KEY_PASSPHRASE } : {}),
    });
  if (env.ANAPLAN_USERNAME && env.ANAPLAN_PASSWORD)
    return basicAuth({ username: env.ANAPLAN_USERNAME, password: env.ANAPLAN_PASSWORD });
  return undefined;
}

/**
 * Connects to the tenant that `ANAPLAN_*` variables describe (`ANAPLAN_REGION`, default `us1`), or, without
 * credentials, starts the simulated tenant `demo`.
 */
export async function connect(env: NodeJS.ProcessEnv, demo: DemoTenant): Promise<Connection> {
  const auth = await authFromEnvironment(env);
  if (auth) {
    const region = (env.ANAPLAN_REGION ?? 'us1') as RegionCode;
    const integration = new IntegrationClient({ auth, region });
    return {
      integration,
      simulator: undefined,
      taskWait: undefined,
      description: `Anaplan tenant in region ${region}`,
      close: () => integration.close(),
    };
  }
  const simulator = await startSimulator({ seed: demo.seed });
  const integration = new IntegrationClient({
    auth: basicAuth(demo.credentials),
    authUrl: simulator.authUrl,
    baseUrl: simulator.apiUrl,
  });
  return {
    integration,
    simulator,
    taskWait: { intervalMs: 50 },
    description: `simulated tenant at ${simulator.baseUrl} (set ANAPLAN_USERNAME and ANAPLAN_PASSWORD for a real one)`,
    close: async () => {
      await integration.close();
      await simulator.close();
    },
  };
}
