import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes an access file for the ci-plan-gate example into a new temporary directory: the four users of the
 * example's simulated tenant as Anaplan already has them, then `extraRows` (lines in the same columns).
 *
 * @example
 * ```ts
 * const { directory, csv } = await planGateAccessFile();
 * await runPlanGate({ PLAN_DIR: directory, ACCESS_CSV: csv }, print);
 * ```
 */
export async function planGateAccessFile(
  extraRows: string[] = [],
): Promise<{ directory: string; csv: string }> {
  const directory = await mkdtemp(join(tmpdir(), 'plan-gate-'));
  const csv = join(directory, 'access.csv');
  await writeFile(
    csv,
    [
      'email,first_name,last_name,external_id,workspace,model,role,list,item,access',
      'ana.silva@example.com,Ana,Silva,E-ana.silva,Finance,FP&A,Planner,Regions,EMEA,read',
      'bruno.costa@example.com,Bruno,Costa,E-bruno.costa,Sales,Sales Forecast,Sales Rep,Regions,AMER,write',
      'chen.wei@example.com,Chen,Wei,E-chen.wei,Finance,FP&A,Reviewer,,,',
      'dana.novak@example.com,Dana,Novak,E-dana.novak,Sales,Sales Forecast,Sales Manager,,,',
      ...extraRows,
    ].join('\n'),
  );
  return { directory, csv };
}
