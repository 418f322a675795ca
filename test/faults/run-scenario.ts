import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLinesAuditLog, plan, reconcile } from '@anaplan-access/reconcile';
import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll } from 'vitest';
import { checkAuditAccountsForWrites, readAudit } from './audit-check.js';
import { type ConnectedTarget, connectTarget, faultDesired, faultPolicy, faultSeed } from './fault-tenant.js';
import {
  checkMatchesDesired,
  checkNeverOverGranted,
  checkNoDuplicateUsers,
  checkUntouched,
  snapshotTenant,
  type TenantSnapshot,
} from './invariants.js';
import { seededRandom } from './random.js';
import type { FaultScenario, ScenarioContext } from './scenarios.js';

/** What running one scenario showed. */
export interface ScenarioReport {
  /** Every broken guarantee, in words; empty when the scenario passed. */
  problems: string[];
  /** How each run ended: `succeeded`, `partial`, `aborted`, `nothing to do`, or `threw <error>`. */
  outcomes: string[];
}

/** The checks every run must pass, whether or not it was cut short. */
export function checkAfterRun(
  sim: Simulator,
  before: TenantSnapshot,
  auditPath: string,
  options: { complete: boolean },
): string[] {
  const desired = faultDesired();
  const after = snapshotTenant(sim.state);
  return [
    ...checkUntouched(before, after),
    ...checkNeverOverGranted(before, after, desired),
    ...checkNoDuplicateUsers(sim.state, before, desired),
    ...checkAuditAccountsForWrites(sim.requests, readAudit(auditPath), sim.state, options),
  ];
}

/** One reconcile run; never throws (a run that throws is an outcome too). */
export async function reconcileOnce(connected: ConnectedTarget, auditPath: string): Promise<string> {
  try {
    const { result } = await reconcile({
      desired: faultDesired(),
      target: connected.target,
      policy: faultPolicy,
      audit: jsonLinesAuditLog(auditPath),
    });
    return result?.outcome ?? 'nothing to do';
  } catch (error) {
    return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
}

/** After the last run: the tenant matches the desired state and the next plan is empty. */
export async function checkConverged(
  sim: Simulator,
  connected: ConnectedTarget,
  before: TenantSnapshot,
): Promise<string[]> {
  const problems = checkMatchesDesired(before, snapshotTenant(sim.state), faultDesired());
  const next = await plan({ desired: faultDesired(), target: connected.target, policy: faultPolicy });
  const left = next.operations
    .filter((operation) => operation.kind !== 'manual')
    .map((operation) => operation.id);
  if (left.length > 0) problems.push(`the next plan is not empty: ${left.join(', ')}`);
  return problems;
}

let auditRoot: string | undefined;
// Every test file that uses audit logs removes them when it is done.
afterAll(() => {
  if (auditRoot !== undefined) rmSync(auditRoot, { recursive: true, force: true });
  auditRoot = undefined;
});

/** A fresh directory for one scenario's audit log (removed after the test file). */
export function auditFile(prefix: string): string {
  auditRoot ??= mkdtempSync(join(tmpdir(), 'anaplan-access-faults-'));
  return join(mkdtempSync(join(auditRoot, `${prefix}-`)), 'audit.jsonl');
}

/**
 * Runs `scenario` end to end: a fresh tenant, `faultedRuns` reconcile runs with the faults arranged anew each time,
 * the invariants after each, then one clean run that must converge.
 */
export async function runScenario(
  scenario: FaultScenario,
  seed: number,
  faultedRuns = 1,
): Promise<ScenarioReport> {
  const rng = seededRandom(seed);
  const sim = await startSimulator({ ...scenario.simulator, seed: faultSeed() });
  const connected = connectTarget(sim, scenario.client);
  const auditPath = auditFile('faults');
  const before = snapshotTenant(sim.state);
  const problems: string[] = [];
  const outcomes: string[] = [];
  try {
    for (let run = 1; run <= faultedRuns; run += 1) {
      const context: ScenarioContext = { sim, connected, rng, cleanups: [] };
      let outcome: string;
      try {
        await scenario.arrange(context);
        outcome = await reconcileOnce(connected, auditPath);
      } finally {
        for (const cleanup of context.cleanups) cleanup();
        sim.faults.clear();
        connected.hooks.before.length = 0;
        connected.hooks.after.length = 0;
      }
      outcomes.push(outcome);
      if (run === 1 && scenario.absorbed && outcome !== 'succeeded')
        problems.push(`the fault should have been absorbed, but the run ended: ${outcome}`);
      if (run === 1 && !scenario.fired(context)) problems.push('the fault never fired');
      problems.push(
        ...checkAfterRun(sim, before, auditPath, { complete: true }).map((text) => `run ${run}: ${text}`),
      );
    }
    const clean = await reconcileOnce(connected, auditPath);
    outcomes.push(clean);
    if (clean !== 'succeeded' && clean !== 'nothing to do') problems.push(`the clean run ended: ${clean}`);
    problems.push(
      ...checkAfterRun(sim, before, auditPath, { complete: true }).map((text) => `clean run: ${text}`),
    );
    problems.push(...(await checkConverged(sim, connected, before)));
  } finally {
    await connected.close();
    await sim.close();
  }
  return { problems, outcomes };
}
