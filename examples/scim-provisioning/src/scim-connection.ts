import { readFile } from 'node:fs/promises';
import { type AuthProvider, apiKey, basicAuth, certificateAuth, type RegionCode } from '@anaplan-access/core';
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
 * SCIM credentials from the environment: an API key (`ANAPLAN_API_KEY`, sent as a bearer token), a certificate
 * (`ANAPLAN_CERTIFICATE_FILE`, `ANAPLAN_PRIVATE_KEY_FILE`, optional `ANAPLAN_KEY_PASSPHRASE`) or a login
 * (`ANAPLAN_USERNAME`, `ANAPLAN_PASSWORD`). The account needs the User Admin role.
 */
async function authFromEnvironment(env: NodeJS.ProcessEnv): Promise<AuthProvider | undefined> {
  if (env.ANAPLAN_API_KEY) return apiKey(env.ANAPLAN_API_KEY);
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

/** Connects to the configured tenant (`ANAPLAN_REGION`, default `us1`), or starts the simulated tenant `demo`. */
export async function connectScim(env: NodeJS.ProcessEnv, demo: DemoTenant): Promise<ScimConnection> {
  const auth = await authFromEnvironment(env);
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
