import { integrationControls, type Simulator, type SimulatorOptions } from '@anaplan-access/testkit';
import { ids } from '../helpers/access-tenant.js';
import { type ConnectedTarget, type FaultClientOptions, managedWorkspaces } from './fault-tenant.js';
import { atMost, choosy, harnessCall } from './harness.js';
import type { Random } from './random.js';

/** What a scenario works with while it arranges its faults. */
export interface ScenarioContext {
  sim: Simulator;
  connected: ConnectedTarget;
  rng: Random;
  /** Undo steps run once the faulted run is over (restore a role, a switch, a timer). */
  cleanups: (() => void)[];
}

/** One kind of fault, injected into a reconcile run. */
export interface FaultScenario {
  name: string;
  /**
   * Whether the engine must absorb the fault completely (retries, re-authentication, waiting): the faulted run
   * itself then has to succeed. Otherwise it may end `partial` or throw, and the next clean run must converge.
   */
  absorbed: boolean;
  simulator?: Omit<SimulatorOptions, 'seed'> | undefined;
  client?: FaultClientOptions | undefined;
  arrange(context: ScenarioContext): void | Promise<void>;
  /** Evidence that the fault really happened during the run (a scenario whose fault never fired proves nothing). */
  fired(context: ScenarioContext): boolean;
}

const anyCall = /^(GET|POST|PUT|PATCH|DELETE) \/(scim|2\/0)\//;
const reads = /^GET \/(scim|2\/0)\//;
const writes = /^(POST|PUT|PATCH) \/(scim|2\/0)\//;
const scimWrites = /^(POST|PATCH) \/scim\/1\/0\/v2\/Users/;
const importTaskStart = /^POST \/2\/0\/workspaces\/[^/]+\/models\/[^/]+\/imports\/[^/]+\/tasks$/;
const importTaskPoll = /\/2\/0\/workspaces\/[^/]+\/models\/[^/]+\/imports\/[^/]+\/tasks\/[^/?]+$/;
const uploads = /^PUT \/2\/0\/workspaces\/[^/]+\/models\/[^/]+\/files\//;

const statusOf = (sim: Simulator, test: (status: number, method: string, path: string) => boolean) =>
  sim.requests.some((record) => test(record.status, record.method, record.path));

const modelPath = (modelId: string) =>
  `/workspaces/${modelId === ids.budget ? ids.finance : ids.sales}/models/${modelId}`;
const exportId = (modelId: string) => `116${modelId.slice(-9)}`;

/** Simulators whose model lock held back a task of the engine. */
const lockedOut = new WeakSet<Simulator>();
/** Simulators that delayed a request past the client's timeout. */
const delayed = new WeakSet<Simulator>();

/** Every single fault of the suite. */
export const faultScenarios: FaultScenario[] = [
  {
    name: '429 storm (rate limit, Retry-After in seconds)',
    absorbed: true,
    arrange: ({ sim, rng }) => {
      sim.faults.rateLimit({ requestsPerSecond: rng.integer(30, 50), burst: rng.integer(8, 12) });
    },
    fired: ({ sim }) => sim.faults.rateLimited > 0,
  },
  {
    name: '429 with Retry-After as an HTTP-date',
    absorbed: true,
    arrange: ({ sim, rng }) => {
      sim.faults.failNext({
        status: 429,
        count: rng.integer(2, 4),
        retryAfter: new Date(Date.now() + 1000).toUTCString(),
        route: choosy(anyCall, () => rng.chance(0.3)),
      });
    },
    fired: ({ sim }) => statusOf(sim, (status) => status === 429),
  },
  {
    name: '5xx bursts on reads',
    absorbed: true,
    arrange: ({ sim, rng }) => {
      for (let burst = 0; burst < 3; burst += 1)
        sim.faults.failNext({
          status: rng.pick([500, 502, 503, 504]),
          count: rng.integer(1, 3),
          route: choosy(reads, () => rng.chance(0.25)),
        });
    },
    fired: ({ sim }) => statusOf(sim, (status, method) => status >= 500 && method === 'GET'),
  },
  {
    name: '5xx bursts on writes',
    absorbed: false,
    arrange: ({ sim, rng }) => {
      sim.faults.failNext({
        status: rng.pick([500, 502, 503]),
        count: rng.integer(2, 4),
        route: choosy(writes, () => rng.chance(0.4)),
      });
    },
    fired: ({ sim }) => statusOf(sim, (status, method) => status >= 500 && method !== 'GET'),
  },
  {
    name: 'connection reset before the answer',
    absorbed: false,
    arrange: ({ sim, rng }) => {
      sim.faults.resetNext({ count: rng.integer(1, 3), route: choosy(anyCall, () => rng.chance(0.15)) });
    },
    fired: ({ sim }) => statusOf(sim, (status, _method, path) => status === 0 && !path.startsWith('/token')),
  },
  {
    name: 'connection reset after the write was made (answer lost)',
    absorbed: false,
    arrange: ({ sim, rng }) => {
      sim.faults.resetNext({
        count: rng.integer(1, 3),
        afterHandling: true,
        route: choosy(scimWrites, () => rng.chance(0.5)),
      });
    },
    fired: ({ sim }) =>
      statusOf(sim, (status, method, path) => status === 0 && scimWrites.test(`${method} ${path}`)),
  },
  {
    name: 'connection reset mid-upload',
    absorbed: true,
    arrange: ({ sim, rng }) => {
      sim.faults.resetNext({ count: rng.integer(1, 2), route: uploads, afterBodyBytes: rng.integer(1, 40) });
    },
    fired: ({ sim }) =>
      statusOf(sim, (status, method, path) => status === 0 && uploads.test(`${method} ${path}`)),
  },
  {
    name: 'slow responses past the timeout',
    absorbed: false,
    client: { timeoutMs: 600 },
    arrange: ({ sim, rng }) => {
      const delay = atMost(rng, rng.integer(1, 3), 0.2);
      sim.faults.latency({
        ms: 900,
        route: choosy(anyCall, () => {
          const slow = delay();
          if (slow) delayed.add(sim);
          return slow;
        }),
      });
    },
    // The client gave up on a slow request (the server saw the connection close before it answered).
    fired: ({ sim }) => delayed.has(sim) && sim.requests.some((record) => record.status === 0),
  },
  {
    name: 'token expires mid-run',
    absorbed: true,
    arrange: ({ sim, rng, connected }) => {
      const at = rng.integer(3, 40);
      let seen = 0;
      connected.hooks.before.push(() => {
        seen += 1;
        if (seen === at) sim.advanceTime(36 * 60_000);
      });
    },
    fired: ({ sim }) => statusOf(sim, (status) => status === 401),
  },
  {
    name: 'token refresh fails once',
    absorbed: true,
    simulator: { tokenTtlMs: 400, latencyMs: 15 },
    arrange: ({ sim, rng }) => {
      sim.faults.failNext({ status: rng.pick([500, 503, 401]), route: '/token/refresh' });
    },
    fired: ({ sim }) => statusOf(sim, (status, _method, path) => path === '/token/refresh' && status >= 400),
  },
  {
    name: 'model locked by another task',
    absorbed: true,
    arrange: async ({ sim, rng, connected, cleanups }) => {
      const modelId = rng.pick([ids.budget, ids.forecast]);
      sim.state.switches.holdTasks = true;
      await harnessCall(sim, 'POST', `${modelPath(modelId)}/exports/${exportId(modelId)}/tasks`, {
        localeName: 'en_US',
      });
      const release = () => {
        sim.state.switches.holdTasks = false;
      };
      // The other task keeps the model until a while after the engine's first task on it has queued behind it.
      const timers = [setTimeout(release, 5000)];
      connected.hooks.after.push((request) => {
        const path = new URL(request.url).pathname;
        if (request.method !== 'POST' || !path.includes(`/models/${modelId}/`) || !path.endsWith('/tasks'))
          return;
        if (lockedOut.has(sim)) return;
        lockedOut.add(sim);
        timers.push(setTimeout(release, rng.integer(100, 400)));
      });
      cleanups.push(() => {
        for (const timer of timers) clearTimeout(timer);
        release();
      });
    },
    fired: ({ sim }) => lockedOut.has(sim),
  },
  {
    name: 'import task cancelled by someone else',
    absorbed: false,
    simulator: { switches: { taskDurationMs: 250 } },
    arrange: ({ sim, rng, connected }) => {
      let cancels = rng.integer(1, 2);
      connected.hooks.after.push(async (request, response) => {
        const path = new URL(request.url).pathname;
        if (cancels <= 0 || !response.ok || !importTaskStart.test(`${request.method} ${path}`)) return;
        cancels -= 1;
        const { task } = (await response.clone().json()) as { task: { taskId: string } };
        await harnessCall(sim, 'DELETE', `${path.replace(/^\/2\/0/, '')}/${task.taskId}`);
      });
    },
    fired: ({ sim }) =>
      [ids.budget, ids.forecast].some((modelId) =>
        integrationControls(sim.state)
          .tasks(modelId)
          .some((task) => task.taskState === 'CANCELLED'),
      ),
  },
  {
    name: 'failure dump already gone (404)',
    absorbed: false,
    arrange: ({ sim, connected, cleanups }) => {
      // A role the target's catalog allows but the model no longer has: the import writes a failure dump.
      const budget = sim.state.models.get(ids.budget);
      if (!budget) throw new Error('no Budget model');
      const roles = [...budget.roles];
      budget.roles = roles.filter((role) => role !== 'Viewer');
      cleanups.push(() => {
        budget.roles = roles;
      });
      connected.hooks.after.push(async (request, response) => {
        if (request.method !== 'GET' || !importTaskPoll.test(new URL(request.url).pathname)) return;
        const { task } = (await response.clone().json()) as { task?: { taskState?: string } };
        if (task?.taskState === 'COMPLETE') integrationControls(sim.state).removeDumps();
      });
    },
    fired: ({ sim }) => statusOf(sim, (status, _method, path) => status === 404 && /\/dump/.test(path)),
  },
  {
    name: 'SCIM 207 partial entitlement results',
    absorbed: false,
    arrange: ({ sim, rng, cleanups }) => {
      sim.state.switches.scimFailingWorkspaces = [rng.pick(managedWorkspaces)];
      cleanups.push(() => {
        sim.state.switches.scimFailingWorkspaces = [];
      });
    },
    fired: ({ sim }) => statusOf(sim, (status) => status === 207),
  },
];

/** Several faults at once: their simulator and client settings merged, their arrangements all made. */
export function mixedScenario(parts: FaultScenario[]): FaultScenario {
  const simulator: Omit<SimulatorOptions, 'seed'> = {};
  let timeoutMs: number | undefined;
  for (const part of parts) {
    Object.assign(simulator, {
      ...part.simulator,
      switches: { ...simulator.switches, ...part.simulator?.switches },
    });
    if (part.client?.timeoutMs !== undefined)
      timeoutMs = Math.min(timeoutMs ?? Infinity, part.client.timeoutMs);
  }
  return {
    name: `mixed: ${parts.map((part) => part.name).join(' + ')}`,
    absorbed: false,
    simulator,
    client: timeoutMs === undefined ? undefined : { timeoutMs },
    async arrange(context) {
      for (const part of parts) await part.arrange(context);
    },
    fired: () => true,
  };
}
