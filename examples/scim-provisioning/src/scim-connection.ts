import { apiKey, authFromEnvironment, basicAuth, type RegionCode } from '@anaplan-access/core';
import { ScimClient } from '@anaplan-access/scim';
import { type DemoTenant, type Simulator, startSimulator } from '@anaplan-access/testkit';

/** A SCIM client for a real tenant (from `ANAPLAN_*` variables) or for a simulated one. */
export interface ScimConnection {
  scim: ScimClient;
  simulator: Simulator | undefined;
  description: string;
  close(): Promise<void>;
}

/**
 * Connects to the configured tenant (`ANAPLAN_REGION`, default `us1`), or starts the simulated tenant `demo`.
 * Credentials: an API key (`ANAPLAN_API_KEY`, sent as a bearer token, as Anaplan's SCIM API takes it), or any login
 * `authFromEnvironment` reads (a certificate, an OAuth refresh token, a username and password). The account needs the
 * User Admin role.
 */
export async function connectScim(env: NodeJS.ProcessEnv, demo: DemoTenant): Promise<ScimConnection> {
  const auth = env.ANAPLAN_API_KEY ? apiKey(env.ANAPLAN_API_KEY) : await authFromEnvironment({ env });
  if (auth) {
    const region = (env.ANAPLAN_REGION ?? 'us1') as RegionCode;
    const scim = new ScimClient({ auth, region });
    return {
      scim,
      simulator: undefined,
      description: `Anaplan tenant in region ${region}`,
      close: () => scim.close(),
    };
  }
  const simulator = await startSimulator({ seed: demo.seed });
  const scim = new ScimClient({
    auth: basicAuth(demo.credentials),
    baseUrl: simulator.scimUrl,
    authUrl: simulator.authUrl,
  });
  return {
    scim,
    simulator,
    description: `simulated tenant at ${simulator.baseUrl} (set ANAPLAN_API_KEY, or ANAPLAN_USERNAME and ANAPLAN_PASSWORD, for a real one)`,
    close: async () => {
      await scim.close();
      await simulator.close();
    },
  };
}
