import { fileURLToPath } from 'node:url';
import {
  connect,
  type ReconcileOutcome,
  runReconcileFlow,
  simulatedTenant,
} from '@anaplan-access/example-support';
import { csvSource } from '@anaplan-access/reconcile';

/** The CSV this example reads unless `ACCESS_CSV` names another. */
export const bundledCsv = fileURLToPath(new URL('../data/access.csv', import.meta.url));

/** What the example did: the plan, what applying it did (when it was applied) and the plan made afterwards. */
export type CsvSourceOutcome = ReconcileOutcome;

/**
 * Desired access from a CSV file in the flat access format → plan against Anaplan → apply → plan again.
 *
 * Against the simulator (the default) the plan is applied. Against a real tenant (`ANAPLAN_USERNAME` and
 * `ANAPLAN_PASSWORD`, or a certificate; `ANAPLAN_TARGET_FILE`) it is only printed unless `ANAPLAN_APPLY=yes`.
 */
export async function runCsvSourceExample(
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = console.log,
): Promise<CsvSourceOutcome> {
  const connection = await connect(env, simulatedTenant);
  try {
    print(`Connected to the ${connection.description}.`);
    return await runReconcileFlow(connection, csvSource({ path: env.ACCESS_CSV ?? bundledCsv }), env, print);
  } finally {
    await connection.close();
  }
}
