import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AuditWatermark } from '@anaplan-access/audit';
import { type DriftReport, detectDrift, renderDrift } from '@anaplan-access/reconcile';
import { type Connection, connect } from './watch-connection.ts';

/** Exit codes for a scheduler: 0 no drift, 1 error, 2 drift. */
export const exitCodes = { noDrift: 0, error: 1, drift: 2 } as const;

/** What the watch found, and where it wrote the report. */
export interface DriftWatchOutcome {
  exitCode: 0 | 1 | 2;
  /** The Markdown report (for a ticket, a chat message or the job's artefacts). */
  reportPath: string | undefined;
  report: DriftReport | undefined;
}

/** The watermark file's content: where the previous run stopped, or nothing on the first run. */
async function readWatermark(path: string): Promise<AuditWatermark | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as AuditWatermark;
}

/**
 * A drift watch for a schedule (hourly, nightly): lists the changes made to managed users by anyone other than the
 * integration account since the previous run, writes them as Markdown to `REPORT_DIR/anaplan-drift.md`, and keeps
 * where it got to in `REPORT_DIR/anaplan-drift-watermark.json` (or `WATERMARK_FILE`), so that the next run reports
 * each change once. The first run looks back `LOOKBACK_HOURS` (default 24; the Audit API keeps 30 days).
 *
 * Exit code 0 when nobody else changed a managed user, 2 when someone did (the report says who, what and when), 1
 * on any error (the watermark is then left as it was, so the next run reads the same range again). `shared` reuses
 * a connection (the caller closes it).
 */
export async function runDriftWatch(
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = console.log,
  shared?: Connection,
): Promise<DriftWatchOutcome> {
  let connection: Connection | undefined = shared;
  try {
    const directory = resolve(env.REPORT_DIR ?? '.');
    await mkdir(directory, { recursive: true });
    const watermarkPath = resolve(env.WATERMARK_FILE || join(directory, 'anaplan-drift-watermark.json'));
    const lookbackHours = Number(env.LOOKBACK_HOURS || 24);
    if (!(lookbackHours > 0 && lookbackHours <= 30 * 24))
      throw new Error(
        `LOOKBACK_HOURS must be a number of hours up to 720 (30 days), not "${env.LOOKBACK_HOURS}"`,
      );
    const since = (await readWatermark(watermarkPath)) ?? Date.now() - lookbackHours * 3_600_000;
    connection ??= await connect(env);
    print(`Watching ${connection.description}.`);
    const report = await detectDrift({
      audit: connection.audit,
      since,
      integrationUser: connection.integrationUser,
      scope: await connection.target.observe(),
      scim: connection.scim,
    });
    const reportPath = join(directory, 'anaplan-drift.md');
    const markdown = renderDrift(report);
    await writeFile(reportPath, markdown);
    // Written last, and replaced in one step: a run that fails before here reads the same range again next time.
    await writeFile(`${watermarkPath}.tmp`, `${JSON.stringify(report.watermark)}\n`);
    await rename(`${watermarkPath}.tmp`, watermarkPath);
    print(markdown);
    print(`Report written to ${reportPath}; the next run starts from ${watermarkPath}.`);
    return { exitCode: report.users.length > 0 ? exitCodes.drift : exitCodes.noDrift, reportPath, report };
  } catch (error) {
    print(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return { exitCode: exitCodes.error, reportPath: undefined, report: undefined };
  } finally {
    if (!shared) await connection?.close();
  }
}
