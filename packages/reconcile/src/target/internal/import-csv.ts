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
 * of the whole model's import. The Workspace Administrator column is written only when the import is declared to
 * set it (`setsWorkspaceAdmin`); otherwise neither the column nor any row's flag is.
 */
export function importCsv(
  rows: readonly UsersImportRow[],
  definition: { columns: UsersImportColumns; setsWorkspaceAdmin?: boolean | undefined },
): ImportCsv {
  const declared = definition.setsWorkspaceAdmin === true;
  const { workspaceAdmin: _unset, ...withoutFlag } = definition.columns;
  const columns = declared ? definition.columns : withoutFlag;
  const kept = declared ? [...rows] : rows.map(({ workspaceAdmin: _flag, ...row }) => row);
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
