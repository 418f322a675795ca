import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvSource, type Plan, plan, renderPlan, summaryLine } from '@anaplan-access/reconcile';
import { type Connection, connect } from './connection.ts';

/** The desired-state CSV read unless `ACCESS_CSV` names another (in a repository: the reviewed access file). */
export const bundledCsv = fileURLToPath(new URL('../data/access.csv', import.meta.url));

/** Exit codes, as Terraform's `plan -detailed-exitcode`: 0 no changes, 1 error, 2 changes. */
export const exitCodes = { noChanges: 0, error: 1, changes: 2 } as const;

/** What the gate decided, and where it wrote the plan. */
export interface PlanGateOutcome {
  exitCode: 0 | 1 | 2;
  /** The Markdown plan, for a pull-request comment or the job summary. */
  markdownPath: string | undefined;
  /** The JSON plan: apply exactly this after review with `apply(parsePlan(text), …)`. */
  jsonPath: string | undefined;
  plan: Plan | undefined;
}

/**
 * The variables the gate runs with: against the simulator, the simulated tenant is kept in
 * `PLAN_DIR/simulated-tenant.json` (unless `ANAPLAN_SIM_STATE_FILE` names another file; an empty one names none),
 * so that `apply` in a later process finds the tenant the plan was made against, and what it changed.
 */
export function gateEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const stateFile = env.ANAPLAN_SIM_STATE_FILE || join(resolve(env.PLAN_DIR ?? '.'), 'simulated-tenant.json');
  return { ...env, ANAPLAN_SIM_STATE_FILE: stateFile };
}

/**
 * Whether error findings (rows left out of the plan: an invalid e-mail, an unknown role …) fail the gate. On by
 * default: a plan that leaves someone out does not show the whole change. `FAIL_ON_ERROR_FINDINGS=false` turns it
 * off (the findings are still in the Markdown, and the exit code is then 0 or 2 as for any plan).
 */
export function failsOnErrorFindings(env: NodeJS.ProcessEnv): boolean {
  return env.FAIL_ON_ERROR_FINDINGS?.trim().toLowerCase() !== 'false';
}

/**
 * A CI gate: plans the access file of a pull request against Anaplan and writes the plan as Markdown (for the
 * pull request) and JSON (to apply after review). It never applies anything.
 *
 * Exit code 0 when Anaplan already matches, 2 when the plan has changes (a deletion-guard block included: the
 * Markdown says so), 1 on any error — a source that could not be read in full (never planned as "remove
 * everyone"), a target configuration that does not match Anaplan, and, unless `FAIL_ON_ERROR_FINDINGS=false`,
 * error findings that left users out of the plan. Files go to `PLAN_DIR` (default: the working directory); with
 * `GITHUB_STEP_SUMMARY` set, the Markdown is also appended to the job summary. `shared` reuses a connection (the
 * caller closes it).
 */
export async function runPlanGate(
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = console.log,
  shared?: Connection,
): Promise<PlanGateOutcome> {
  let connection: Connection | undefined = shared;
  try {
    const directory = resolve(env.PLAN_DIR ?? '.');
    await mkdir(directory, { recursive: true });
    connection ??= await connect(gateEnvironment(env));
    const desired = await csvSource({ path: env.ACCESS_CSV ?? bundledCsv }).load();
    const made = await plan({ desired, target: connection.target, policy: connection.policy });

    const markdownPath = join(directory, 'anaplan-access-plan.md');
    const jsonPath = join(directory, 'anaplan-access-plan.json');
    const markdown = renderPlan(made, { format: 'markdown' });
    await writeFile(markdownPath, markdown);
    await writeFile(jsonPath, renderPlan(made, { format: 'json' }));
    if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, markdown);
    print(renderPlan(made));
    print(`Plan written to ${markdownPath} and ${jsonPath}.`);

    const unreadable = made.findings.some(
      (finding) => finding.kind === 'source-error' || finding.kind === 'target-error',
    );
    const leftOut = failsOnErrorFindings(env) && made.summary.findings.error > 0;
    const exitCode =
      unreadable || leftOut
        ? exitCodes.error
        : made.operations.length === 0 && !made.blocked
          ? exitCodes.noChanges
          : exitCodes.changes;
    if (unreadable)
      print(
        'The desired state or the target could not be read in full; see the source-error and target-error findings.',
      );
    else if (leftOut)
      print(
        `${summaryLine(made)} Failing: ${made.summary.findings.error} error finding(s); fix the access file (or set FAIL_ON_ERROR_FINDINGS=false).`,
      );
    else print(summaryLine(made));
    return { exitCode, markdownPath, jsonPath, plan: made };
  } catch (error) {
    print(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return { exitCode: exitCodes.error, markdownPath: undefined, jsonPath: undefined, plan: undefined };
  } finally {
    if (!shared) await connection?.close();
  }
}
