import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTarget, faultSeed } from './fault-tenant.js';
import { snapshotTenant } from './invariants.js';
import { baseSeed, seededRandom } from './random.js';
import { auditFile, checkAfterRun, checkConverged, reconcileOnce } from './run-scenario.js';
import { full, kills, scenarioTimeoutMs, Tally } from './suite-settings.js';

const tally = new Tally();
const seed = baseSeed(20_250_703, full);
const child = fileURLToPath(new URL('./reconcile-child.ts', import.meta.url));
const hooks = fileURLToPath(new URL('./source-hooks.mjs', import.meta.url));
afterAll(() => {
  console.log(tally.line('Fault suite (process killed with SIGKILL)', seed));
});

/** How many requests a whole run makes, so that kill points fall inside a run. */
let requestsPerRun = 0;
beforeAll(async () => {
  const sim = await startSimulator({ seed: faultSeed() });
  const connected = connectTarget(sim);
  try {
    await reconcileOnce(connected, auditFile('calibrate'));
    requestsPerRun = sim.requests.length;
  } finally {
    await connected.close();
    await sim.close();
  }
});

/** Waits for a child to end; resolves with its exit code or the signal that ended it, and what it printed. */
function ended(
  process: ChildProcess,
): Promise<{ code: number | null; signal: string | null; output: string }> {
  let output = '';
  process.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  process.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  return new Promise((resolve) => {
    process.on('exit', (code, signal) => resolve({ code, signal, output }));
  });
}

describe('reconcile in a child process killed with SIGKILL at a random point, then run again', () => {
  const cases = Array.from({ length: kills }, (_, index) => ({ seed: (seed + index * 32_452_843) >>> 0 }));
  it.each(cases)('kill with seed $seed', { timeout: scenarioTimeoutMs }, async ({ seed }) => {
    const rng = seededRandom(seed);
    // The simulator lives here, so the tenant survives the kill; a little latency spreads the run out in time.
    const sim = await startSimulator({ seed: faultSeed(), latencyMs: rng.integer(2, 8) });
    const auditPath = auditFile('kill');
    const before = snapshotTenant(sim.state);
    const problems: string[] = [];
    let killedAfter: number | undefined;
    try {
      const urls = JSON.stringify({ authUrl: sim.authUrl, apiUrl: sim.apiUrl, scimUrl: sim.scimUrl });
      const running = spawn(
        process.execPath,
        ['--disable-warning=ExperimentalWarning', '--import', hooks, child, urls, auditPath],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const exit = ended(running);
      // Kill once the engine has made a random number of requests: during observation, planning or any phase.
      const killAt = rng.integer(1, requestsPerRun - 1);
      const watch = setInterval(() => {
        if (sim.requests.length >= killAt && running.exitCode === null) {
          killedAfter = sim.requests.length;
          running.kill('SIGKILL');
        }
      }, 1);
      const { signal, code, output } = await exit;
      clearInterval(watch);
      if (signal !== 'SIGKILL' && code !== 0)
        problems.push(`the child failed on its own (${code}): ${output}`);
      problems.push(
        ...checkAfterRun(sim, before, auditPath, { complete: false }).map((text) => `killed: ${text}`),
      );

      const connected = connectTarget(sim);
      try {
        const again = await reconcileOnce(connected, auditPath);
        if (again !== 'succeeded' && again !== 'nothing to do')
          problems.push(`the run after the kill ended: ${again}`);
        problems.push(
          ...checkAfterRun(sim, before, auditPath, { complete: false }).map((text) => `rerun: ${text}`),
        );
        problems.push(...(await checkConverged(sim, connected, before)));
      } finally {
        await connected.close();
      }
      if (signal !== 'SIGKILL')
        problems.push(`the child finished before the kill point (${killAt} requests)`);
    } finally {
      await sim.close();
    }
    tally.record(`kill after ${killedAfter ?? '?'} requests (seed ${seed})`, problems.length === 0);
    expect(problems, `seed ${seed}, killed after ${killedAfter ?? '?'} requests`).toEqual([]);
  });
});
