import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ApplyResult,
  anaplanModelSource,
  apply,
  jsonLinesAuditLog,
  type Plan,
  plan,
  renderPlan,
} from '@anaplan-access/reconcile';
import { connect } from './connection.ts';
import { printApplyResult } from './print-apply-result.ts';
import { uamColumns, uamDemoTenant, uamModel } from './uam-model.ts';

/** What the example did: the plan, what applying it did (when it was applied) and the plan made afterwards. */
export interface UamModelSourceOutcome {
  first: Plan;
  result: ApplyResult | undefined;
  second: Plan | undefined;
}

/**
 * Desired access kept in Anaplan itself: a "User Access Management" model's export (run through the Integration
 * API) → plan against the managed models → apply → plan again.
 *
 * Against a real tenant set `ANAPLAN_UAM_WORKSPACE_ID`, `ANAPLAN_UAM_MODEL_ID` and `ANAPLAN_UAM_EXPORT` (the
 * export's name or id) besides the credentials and `ANAPLAN_TARGET_FILE`; it applies only with `ANAPLAN_APPLY=yes`.
 */
export async function runUamModelSourceExample(
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = console.log,
): Promise<UamModelSourceOutcome> {
  const connection = await connect(env, uamDemoTenant());
  try {
    print(`Connected to the ${connection.description}.`);
    const source = anaplanModelSource({
      integration: connection.integration,
      workspaceId: env.ANAPLAN_UAM_WORKSPACE_ID ?? uamModel.workspaceId,
      modelId: env.ANAPLAN_UAM_MODEL_ID ?? uamModel.modelId,
      exportId: env.ANAPLAN_UAM_EXPORT ?? uamModel.exportName,
      columns: uamColumns,
      ...(connection.taskWait ? { wait: connection.taskWait } : {}),
    });
    const { target, policy } = connection;
    const first = await plan({ desired: await source.load(), target, policy });
    print(renderPlan(first));
    if (first.blocked || first.operations.length === 0)
      return { first, result: undefined, second: undefined };
    if (connection.simulator === undefined && env.ANAPLAN_APPLY !== 'yes') {
      print('Not applied: set ANAPLAN_APPLY=yes to apply this plan to the tenant.');
      return { first, result: undefined, second: undefined };
    }

    const auditPath = join(await mkdtemp(join(tmpdir(), 'anaplan-access-')), 'audit.jsonl');
    const result = await apply(first, { target, audit: jsonLinesAuditLog(auditPath) });
    printApplyResult(result, print);
    print(`Audit log: ${auditPath}`);

    const second = await plan({ desired: await source.load(), target, policy });
    print(renderPlan(second));
    return { first, result, second };
  } finally {
    await connection.close();
  }
}
