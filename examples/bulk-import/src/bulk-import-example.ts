import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DumpFailure,
  type ImportResult,
  isFormulaLike,
  type UploadSource,
  type UsersImportRow,
  usersImport,
  writeCsv,
} from '@anaplan-access/bulk';
import { isAnaplanAccessError, isNotFoundError } from '@anaplan-access/core';
import { demoTenant } from '@anaplan-access/testkit';
import { connect } from './integration-connection.ts';

/** What the example did: the import's result and where the rejected rows were written (if any were). */
export interface BulkImportOutcome {
  result: ImportResult;
  rejectedRowsPath: string | undefined;
}

/** Rows for the simulated USERS import: one new user, one change, and one row the model will reject. */
export function demoRows(): UsersImportRow[] {
  return [
    {
      email: 'eve.martin@example.com',
      firstName: 'Eve',
      lastName: 'Martin',
      role: 'Planner',
      sso: false,
      selectiveAccess: { Regions: { read: ['EMEA', 'APAC'], write: ['AMER'] } },
    },
    { email: 'ana.silva@example.com', firstName: 'Ana', lastName: 'Silva', role: 'Emperor', sso: false },
  ];
}

/** Writes the rejected and warned rows, with Anaplan's messages, to a CSV a person can fix and re-import. */
async function writeRejectedRows(failures: DumpFailure[], path: string): Promise<void> {
  const dataColumns = [...new Set(failures.flatMap((failure) => Object.keys(failure.row)))];
  const rows = failures.map((failure) => ({
    ...failure.row,
    Line: failure.line,
    Status: failure.status,
    Messages: failure.messages.join(' | '),
  }));
  // A cell that a spreadsheet would run as a formula is written with a leading quote ('prefix', the default).
  await writeFile(path, writeCsv(rows, { columns: [...dataColumns, 'Line', 'Status', 'Messages'] }));
}

/**
 * Runs an import and handles its failure dump: upload → run → wait → read the dump → report counts and write the
 * rejected rows to a CSV.
 *
 * Against the simulator it runs a USERS import built with `usersImport.toCsv`. Against a real tenant it runs any
 * import: set `ANAPLAN_WORKSPACE_ID`, `ANAPLAN_MODEL_ID`, `ANAPLAN_IMPORT` (name or id) and `ANAPLAN_IMPORT_FILE`
 * (the file to upload; omit it for an import that reads no uploaded file) besides the credentials.
 */
export async function runBulkImport(
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = console.log,
): Promise<BulkImportOutcome> {
  // The simulated tenant is the testkit's demo company; its first model, FP&A, has a USERS import.
  const demo = demoTenant();
  const [simulated] = demo.models;
  const connection = await connect(env, demo);
  try {
    print(`Connected to the ${connection.description}.`);
    const real = connection.simulator === undefined;
    if (real && !(env.ANAPLAN_WORKSPACE_ID && env.ANAPLAN_MODEL_ID && env.ANAPLAN_IMPORT))
      throw new Error(
        'Set ANAPLAN_WORKSPACE_ID, ANAPLAN_MODEL_ID and ANAPLAN_IMPORT (and ANAPLAN_IMPORT_FILE).',
      );
    const model = connection.integration.model(
      env.ANAPLAN_WORKSPACE_ID ?? simulated.workspaceId,
      env.ANAPLAN_MODEL_ID ?? simulated.modelId,
    );
    const importName = env.ANAPLAN_IMPORT ?? simulated.usersImport.importId;
    // A file is streamed in chunks cut on record boundaries; the demo CSV is small enough for one PUT.
    const data: UploadSource | undefined = real
      ? env.ANAPLAN_IMPORT_FILE
        ? createReadStream(env.ANAPLAN_IMPORT_FILE)
        : undefined
      : usersImport.toCsv(demoRows(), simulated.usersImport.columns);

    let result: ImportResult;
    try {
      result = await model.runImport(importName, data, {
        upload: { onProgress: ({ chunks, bytes }) => print(`  uploaded ${chunks} chunk(s), ${bytes} bytes`) },
        wait: { ...connection.taskWait, onProgress: (task) => print(`  task ${task.taskState}`) },
      });
    } catch (error) {
      if (isAnaplanAccessError(error, 'task-timeout'))
        print('The import is still running in Anaplan; its result can be read later from the task.');
      if (isNotFoundError(error))
        print('Anaplan no longer has the dump (dumps are removed after 48 hours or by the next clean run).');
      throw error;
    }

    const { counts } = result;
    print(
      `Import ${result.successful ? 'succeeded' : 'failed'}: ${counts.successful ?? 0} rows loaded, ` +
        `${counts.warnings ?? 0} with warnings, ${counts.failed ?? 0} rejected.`,
    );
    for (const failure of result.failures)
      print(`  line ${failure.line ?? '?'} ${failure.status}: ${failure.messages.join('; ')}`);
    if (result.failures.length === 0) return { result, rejectedRowsPath: undefined };

    const rejectedRowsPath = join(
      env.REJECTED_ROWS_DIR ?? (await mkdtemp(join(tmpdir(), 'anaplan-access-import-'))),
      'rejected-rows.csv',
    );
    await writeRejectedRows(result.failures, rejectedRowsPath);
    print(`Rejected and warned rows written to ${rejectedRowsPath}.`);
    if (result.failures.some((failure) => Object.values(failure.row).some(isFormulaLike)))
      print('Some cells start with a formula character; they were written with a leading quote.');
    return { result, rejectedRowsPath };
  } finally {
    await connection.close();
  }
}
