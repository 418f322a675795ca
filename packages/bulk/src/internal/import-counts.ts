// Tests: ../model/run-import.test.ts, ../model/run-process.test.ts
import type { ImportCounts } from '../model/run-results.js';
import type { TaskDetail } from '../tasks/task-types.js';

const sources: Record<keyof ImportCounts, readonly string[]> = {
  total: ['totalRowCount'],
  successful: ['successRowCount'],
  warnings: ['warningsRowCount'],
  failed: ['failedCount'],
  ignored: ['ignoredCount'],
  created: ['createdCount', 'successCreateCount'],
  updated: ['updatedCount', 'successUpdateCount'],
};

/**
 * Reads the row counts out of an import task's `result.details`.
 *
 * @example
 * ```ts
 * importCounts([{ type: 'usersRowsProcessed', values: ['successRowCount', '9', 'failedCount', '1'] }]);
 * // { successful: 9, failed: 1 }
 * ```
 */
export function importCounts(details: readonly TaskDetail[]): ImportCounts {
  const counts: ImportCounts = {};
  for (const detail of details) {
    const values = detailValues(detail);
    for (const [count, keys] of Object.entries(sources) as [keyof ImportCounts, readonly string[]][]) {
      const key = keys.find((candidate) => values[candidate] !== undefined && values[candidate] !== '');
      if (key === undefined) continue;
      const value = Number(values[key]);
      if (Number.isFinite(value)) counts[count] = (counts[count] ?? 0) + value;
    }
  }
  return counts;
}

/**
 * Turns a detail's flat `values` array (`["successRowCount", "90", "failedCount", "0"]`) into an object.
 *
 * @example
 * ```ts
 * detailValues({ values: ['successRowCount', '90'] }); // { successRowCount: '90' }
 * ```
 */
function detailValues(detail: Pick<TaskDetail, 'values'>): Record<string, string> {
  const values: Record<string, string> = {};
  for (let index = 0; index + 1 < detail.values.length; index += 2) {
    values[detail.values[index] ?? ''] = detail.values[index + 1] ?? '';
  }
  return values;
}
