import { type UsersImportColumns, type UsersImportRow, usersImport } from '@anaplan-access/bulk';
import { isAnaplanAccessError } from '@anaplan-access/core';

/** The CSV of a model-access import, and the rows that could not go into it (lower-cased e-mail → why). */
export interface ImportCsv {
  /** `undefined` when no row is left to import. */
  csv: string | undefined;
  rejected: Map<string, string[]>;
}

/**
 * Writes the import CSV, leaving out each row the CSV writer refuses (a cell starting with a formula character, a
 * selective-access list the mapping has no column for …), so that one bad row fails only its own operation instead
 * of the whole model's import.
 */
export function importCsv(rows: readonly UsersImportRow[], columns: UsersImportColumns): ImportCsv {
  const kept = [...rows];
  const rejected = new Map<string, string[]>();
  for (;;) {
    if (kept.length === 0) return { csv: undefined, rejected };
    try {
      return { csv: usersImport.toCsv(kept, columns), rejected };
    } catch (error) {
      if (!isAnaplanAccessError(error, 'users-import-row')) throw error;
      const { rowIndex, field, reason } = error as unknown as {
        rowIndex: number;
        field: string;
        reason: string;
      };
      const [row] = kept.splice(rowIndex, 1);
      if (row === undefined) throw error;
      rejected.set(row.email.toLowerCase(), [`not imported: ${field} ${reason}`]);
    }
  }
}
