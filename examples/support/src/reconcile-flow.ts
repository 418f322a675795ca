import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ApplyResult,
  anaplanTarget,
  apply,
  type DesiredStateSource,
  jsonLinesAuditLog,
  type Plan,
  plan,
  renderPlan,
} from '@anaplan-access/reconcile';
import type { Connection } from './connection.ts';
import { printApplyResult } from './print-apply-result.ts';
import { policyOf, readTargetConfig } from './target-config.ts';
import { simulatedTarget } from './tenant.ts';

/** What an example did: the plan, what applying it did (when it was applied) and the plan made afterwards. */
export interface ReconcileOutcome {
  first: Plan;
  result: ApplyResult | undefined;
  second: Plan | undefined;
}

/**
 * The flow every source example shares: desired state from `source` → plan against the connection's tenant →
 * apply → plan again. Against the simulator the plan is applied; against a real tenant only with
 * `ANAPLAN_APPLY=yes` (the target comes from `ANAPLAN_TARGET_FILE`).
 */
export async function runReconcileFlow(
  connection: Connection,
  source: DesiredStateSource,
  env: NodeJS.ProcessEnv,
  print: (line: string) => void,
): Promise<ReconcileOutcome> {
  const config = connection.simulator ? simulatedTarget() : await readTargetConfig(env.ANAPLAN_TARGET_FILE);
  const target = anaplanTarget({
    scim: connection.scim,
    integration: connection.integration,
    workspaces: config.workspaces,
    models: config.models,
    ...(connection.taskWait ? { taskWait: connection.taskWait } : {}),
  });
  const policy = policyOf(config);

  const desired = await source.load();
  print(`Loaded ${desired.users.length} users from ${desired.source} (${desired.findings.length} findings).`);
  const first = await plan({ desired, target, policy });
  print(renderPlan(first));

  const mayApply = connection.simulator !== undefined || env.ANAPLAN_APPLY === 'yes';
  if (first.blocked || first.operations.length === 0 || !mayApply) {
    if (!mayApply) print('Not applied: set ANAPLAN_APPLY=yes to apply this plan to the tenant.');
    return { first, result: undefined, second: undefined };
  }
  const auditPath = join(await mkdtemp(join(tmpdir(), 'anaplan-access-example-')), 'audit.jsonl');
  const result = await apply(first, { target, audit: jsonLinesAuditLog(auditPath) });
  printApplyResult(result, print);
  print(`Audit log: ${auditPath}`);

  const second = await plan({ desired: await source.load(), target, policy });
  print(renderPlan(second));
  return { first, result, second };
}
