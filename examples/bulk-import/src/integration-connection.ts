import { IntegrationClient } from '@anaplan-access/bulk';
import { authFromEnvironment, basicAuth, type RegionCode } from '@anaplan-access/core';
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

/**
 * Connects to the tenant that `ANAPLAN_*` variables describe (`ANAPLAN_REGION`, default `us1`), or, without
 * credentials, starts the simulated tenant `demo`.
 */
export async function connect(env: NodeJS.ProcessEnv, demo: DemoTenant): Promise<Connection> {
  const auth = await authFromEnvironment({ env });
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
