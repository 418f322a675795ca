import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  type ApplyResult,
  apply,
  isPlanRefusedError,
  jsonLinesAuditLog,
  type PlanRefusedReason,
  parsePlan,
} from '@anaplan-access/reconcile';
import { type Connection, connect } from './connection.ts';
import { gateEnvironment } from './plan-gate.ts';
import { printApplyResult } from './print-apply-result.ts';

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
  const connection = shared ?? (await connect(gateEnvironment(env)));
  try {
    // Refused (`tampered`) when the file was edited after the gate wrote it: its digest no longer matches.
    const saved = parsePlan(text);
    const audit = jsonLinesAuditLog(join(directory, 'anaplan-access-audit.jsonl'));
    const result = await apply(saved, { target: connection.target, audit });
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
