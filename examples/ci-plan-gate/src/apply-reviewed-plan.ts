import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  type Connection,
  connect,
  printApplyResult,
  readTargetConfig,
  simulatedTarget,
  simulatedTenant,
} from '@anaplan-access/example-support';
import {
  type ApplyResult,
  anaplanTarget,
  apply,
  isPlanRefusedError,
  jsonLinesAuditLog,
  type PlanRefusedReason,
  parsePlan,
} from '@anaplan-access/reconcile';

/** What happened to the reviewed plan. */
export interface ReviewedPlanOutcome {
  /**
   * `applied`, or why the plan was refused (nothing changed): `stale` (Anaplan changed since the plan was made:
   * plan again), `tampered` (the file was edited after the gate wrote it), `format` (not a plan this release
   * reads), `locked` (another apply is running), or a blocked reason (`guard`, `empty-source`, `source-shrank`,
   * `source-error`, `target-error`).
   */
  status: 'applied' | PlanRefusedReason;
  result: ApplyResult | undefined;
}

/**
 * The step after review (for example on merge): applies exactly the JSON plan the gate wrote
 * (`PLAN_DIR/anaplan-access-plan.json`). `apply` observes Anaplan first and refuses a plan that no longer matches
 * it, changing nothing. The audit log goes to `PLAN_DIR/anaplan-access-audit.jsonl`.
 */
export async function applyReviewedPlan(
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = console.log,
  shared?: Connection,
): Promise<ReviewedPlanOutcome> {
  const directory = resolve(env.PLAN_DIR ?? '.');
  const text = await readFile(join(directory, 'anaplan-access-plan.json'), 'utf8');
  const connection = shared ?? (await connect(env, simulatedTenant));
  try {
    // Refused (`tampered`) when the file was edited after the gate wrote it: its digest no longer matches.
    const saved = parsePlan(text);
    const config = connection.simulator ? simulatedTarget() : await readTargetConfig(env.ANAPLAN_TARGET_FILE);
    const target = anaplanTarget({
      scim: connection.scim,
      integration: connection.integration,
      workspaces: config.workspaces,
      models: config.models,
      ...(connection.taskWait ? { taskWait: connection.taskWait } : {}),
    });
    const audit = jsonLinesAuditLog(join(directory, 'anaplan-access-audit.jsonl'));
    const result = await apply(saved, { target, audit });
    print('Applied the reviewed plan.');
    printApplyResult(result, print);
    return { status: 'applied', result };
  } catch (error) {
    if (!isPlanRefusedError(error)) throw error;
    print(`Not applied (${error.reason}): ${error.message}`);
    return { status: error.reason, result: undefined };
  } finally {
    if (!shared) await connection.close();
  }
}
