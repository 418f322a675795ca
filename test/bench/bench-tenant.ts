// A simulated tenant (in a process of its own) with real clients over HTTP, for measurements 2, 3 and 4.
import { IntegrationClient } from '@anaplan-access/bulk';
import { basicAuth } from '@anaplan-access/core';
import { type AccessTarget, type AnaplanTargetModel, anaplanTarget } from '@anaplan-access/reconcile';
import { ScimClient } from '@anaplan-access/scim';
import type { RequestRecord, SimulatorSwitches, TenantSeed } from '@anaplan-access/testkit';
import { type RemoteSimulator, startRemoteSimulator } from './remote-simulator.ts';

/** Latency the simulator adds to every request, in ms. */
export const latencyMs = 50;
/** Poll interval of imports and exports against the simulator (its tasks take 20 ms). */
export const pollIntervalMs = 25;

export interface BenchTenant {
  sim: RemoteSimulator;
  scim: ScimClient;
  integration: IntegrationClient;
  target: AccessTarget;
  /** The concurrency the clients were built with (the transport's limit on requests in flight). */
  concurrency: number;
  close(): Promise<void>;
}

/** Starts a simulator with `seed`, latency and an optional rate limit, and builds clients and an `anaplanTarget`. */
export async function startBenchTenant(options: {
  seed: TenantSeed;
  admin: { userName: string; password: string };
  workspaces: string[];
  models?: AnaplanTargetModel[];
  rateLimit?: number;
  concurrency?: number;
  switches?: Partial<SimulatorSwitches>;
}): Promise<BenchTenant> {
  const sim = await startRemoteSimulator({
    seed: options.seed,
    latencyMs,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.switches ? { switches: options.switches } : {}),
  });
  const auth = basicAuth({ username: options.admin.userName, password: options.admin.password });
  const concurrency = options.concurrency ?? 4;
  const common = { auth, authUrl: sim.authUrl, concurrency };
  const scim = new ScimClient({ ...common, baseUrl: sim.scimUrl });
  const integration = new IntegrationClient({ ...common, baseUrl: sim.apiUrl });
  const target = anaplanTarget({
    scim,
    integration,
    workspaces: options.workspaces,
    models: options.models ?? [],
    taskWait: { intervalMs: pollIntervalMs },
  });
  return {
    sim,
    scim,
    integration,
    target,
    concurrency,
    async close() {
      await Promise.allSettled([scim.close(), integration.close()]);
      await sim.close();
    },
  };
}

/** Counts requests by `METHOD path-pattern` (ids replaced by `{id}`), most frequent first. */
export function requestBreakdown(
  requests: readonly Pick<RequestRecord, 'method' | 'path' | 'status'>[],
): Record<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) {
    const path = request.path
      .replace(/\/[0-9a-fA-F]{32}(?=\/|$)/g, '/{id}')
      .replace(/\/\d{9,}(?=\/|$)/g, '/{id}')
      .replace(/\/chunks\/\d+$/, '/chunks/{n}');
    const key = `${request.method} ${path}${request.status === 429 ? ' (429)' : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort((left, right) => right[1] - left[1]));
}
