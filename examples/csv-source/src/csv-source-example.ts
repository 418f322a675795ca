import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ApplyResult,
  apply,
  csvSource,
  jsonLinesAuditLog,
  type Plan,
  plan,
  renderPlan,
} from '@anaplan-access/reconcile';
import { connect } from './connection.ts';
import { printApplyResult } from './print-apply-result.ts';

/** The CSV this example reads unless `ACCESS_CSV` names another. */
export const bundledCsv = fileURLToPath(new URL('../data/access.csv', import.meta.url));

/** What the example did: the plan, what applying it did (when it was applied) and the plan made afterwards. */
export interface CsvSourceOutcome {
  first: Plan;
  result: ApplyResult | undefined;
  second: Plan | undefined;
}

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
  const connection = await connect(env);
  try {
    print(`Connected to the ${connection.description}.`);
    const source = csvSource({ path: env.ACCESS_CSV ?? bundledCsv });
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
