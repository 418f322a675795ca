import { detailValues, type TaskDetail } from './task-types.js';

/** Row counts of an import, summed over the result details that report them. A count no detail gives is absent. */
export interface ImportCounts {
  /** Rows read (`totalRowCount`). */
  total?: number;
  /** Rows loaded without problems (`successRowCount`). */
  successful?: number;
  /** Rows loaded with warnings (`warningsRowCount`). */
  warnings?: number;
  /** Rows rejected (`failedCount`). */
  failed?: number;
  /** Rows skipped (`ignoredCount`). */
  ignored?: number;
  /** Items created (`createdCount`, else `successCreateCount`). */
  created?: number;
  /** Items updated (`updatedCount`, else `successUpdateCount`). */
  updated?: number;
}

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
