// Tests: ./users-import.test.ts

import type { CsvRecord } from './csv.js';
import { formatCsv } from './csv.js';
import type { TaskDetail } from './store.js';

/** What running an import produced. */
export interface ImportOutcome {
  successful: boolean;
  details: TaskDetail[];
  /** The failure dump (rows with errors or warnings), when there is one. */
  dump: string | undefined;
}

/** A whole-import failure (nothing was imported). */
export function failedOutcome(type: string, message: string, values: string[] = []): ImportOutcome {
  return {
    successful: false,
    details: [{ type, occurrences: 1, localMessageText: message, values }],
    dump: undefined,
  };
}

/** One rejected (`E`) or warned (`W`) row of an import. */
export interface RowProblem {
  severity: 'E' | 'W';
  /** The detail type, e.g. `usersImportInvalidRole`. */
  code: string;
  message: string;
}

/** A row for the dump. */
export interface DumpRow {
  record: CsvRecord;
  problems: RowProblem[];
}

/**
 * The failure dump in the documented shape: `_Status_` (`E` error, `W` warning), the original columns, `_Line_`,
 * then `_Error_1_` … `_Error_n_`, every field quoted.
 */
export function formatDump(header: readonly string[], rows: readonly DumpRow[]): string | undefined {
  if (rows.length === 0) return undefined;
  const errorColumns = Math.max(1, ...rows.map((row) => row.problems.length));
  const head = [
    '_Status_',
    ...header,
    '_Line_',
    ...Array.from({ length: errorColumns }, (_unused, index) => `_Error_${index + 1}_`),
  ];
  const body = rows.map((row) => {
    const fields = header.map((_name, index) => row.record.fields[index] ?? '');
    const messages = Array.from(
      { length: errorColumns },
      (_unused, index) => row.problems[index]?.message ?? '',
    );
    const status = row.problems.some((problem) => problem.severity === 'E') ? 'E' : 'W';
    return [status, ...fields, String(row.record.line), ...messages];
  });
  return formatCsv([head, ...body], { quoteAll: true });
}

/** One detail per problem code, counting its rows, after the summary detail. */
export function problemDetails(rows: readonly DumpRow[]): TaskDetail[] {
  const byCode = new Map<string, TaskDetail>();
  for (const row of rows) {
    for (const problem of row.problems) {
      const detail = byCode.get(problem.code);
      if (detail) detail.occurrences += 1;
      else
        byCode.set(problem.code, {
          type: problem.code,
          occurrences: 1,
          localMessageText: problem.message,
          values: ['severity', problem.severity === 'E' ? 'error' : 'warning'],
        });
    }
  }
  return [...byCode.values()];
}
