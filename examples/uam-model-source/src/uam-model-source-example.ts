import { connect, type ReconcileOutcome, runReconcileFlow } from '@anaplan-access/example-support';
import { anaplanModelSource } from '@anaplan-access/reconcile';
import { uamColumns, uamModel, uamTenant } from './uam-model.ts';

/** What the example did: the plan, what applying it did (when it was applied) and the plan made afterwards. */
export type UamModelSourceOutcome = ReconcileOutcome;

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
  const connection = await connect(env, uamTenant);
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
    return await runReconcileFlow(connection, source, env, print);
  } finally {
    await connection.close();
  }
}
