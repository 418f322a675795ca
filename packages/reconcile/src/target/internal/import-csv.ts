import { type UsersImportColumns, type UsersImportRow, usersImport } from '@anaplan-access/bulk';

/** The CSV of a model-access import, and the rows that could not go into it (lower-cased e-mail → why). */
export interface ImportCsv {
  /** `undefined` when no row is left to import. */
  csv: string | undefined;
  rejected: Map<string, string[]>;
}

/**
 * Writes the import CSV in one pass, leaving out each row the CSV writer refuses (a cell starting with a formula
 * character, a selective-access list the mapping has no column for …), so that one bad row fails only its own
 * operation instead of the whole model's import. The Workspace Administrator column is written only when the import
 * is declared to set it (`setsWorkspaceAdmin`); otherwise neither the column nor any row's flag is.
 */
export function importCsv(
  rows: readonly UsersImportRow[],
  definition: { columns: UsersImportColumns; setsWorkspaceAdmin?: boolean | undefined },
): ImportCsv {
  const declared = definition.setsWorkspaceAdmin === true;
  const { workspaceAdmin: _unset, ...withoutFlag } = definition.columns;
  const columns = declared ? definition.columns : withoutFlag;
  const written = declared ? rows : rows.map(({ workspaceAdmin: _flag, ...row }) => row);
  const rejected = new Map<string, string[]>();
  if (written.length === 0) return { csv: undefined, rejected };
  const batch = usersImport.toCsv(written, columns, { invalidRows: 'reject' });
  for (const { row, field, reason } of batch.rejected)
    rejected.set(row.email.toLowerCase(), [`not imported: ${field} ${reason}`]);
  return { csv: batch.rejected.length === written.length ? undefined : batch.csv, rejected };
}
