import type { ImportColumnTarget, ImportSeed } from './seed.js';

/**
 * The columns of a USERS import as a client names them: the same shape as `UsersImportColumns` of
 * `@anaplan-access/bulk` (the simulator does not depend on the SDK, so it is declared here too).
 */
export interface UsersImportLayout {
  email: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  role?: string | undefined;
  sso?: string | undefined;
  workspaceAdmin?: string | undefined;
  /** Per selective-access list, the column for read items, write items and "None" items. */
  selectiveAccess?:
    | Readonly<
        Record<string, { read?: string | undefined; write?: string | undefined; none?: string | undefined }>
      >
    | undefined;
}

/**
 * A simulated USERS import whose columns are exactly the ones a client's column mapping names: the CSV the client
 * writes and the import the simulator runs cannot drift apart.
 *
 * @example
 * ```ts
 * const columns = { email: 'Email', role: 'Role', selectiveAccess: { Regions: { read: 'Regions Read' } } };
 * const sim = await startSimulator({
 *   seed: { models: [{ name: 'Budget', workspaceId, imports: [usersImportSeed(columns, { name: 'Users' })] }] },
 * });
 * await model.runImport('Users', usersImport.toCsv(rows, columns));
 * ```
 */
export function usersImportSeed(
  columns: UsersImportLayout,
  definition: Omit<ImportSeed, 'columns' | 'importType'>,
): ImportSeed {
  const mapped: Record<string, ImportColumnTarget> = {};
  const fields = ['email', 'firstName', 'lastName', 'role', 'sso', 'workspaceAdmin'] as const;
  for (const field of fields) {
    const header = columns[field];
    if (header !== undefined) mapped[header] = field;
  }
  for (const [list, headers] of Object.entries(columns.selectiveAccess ?? {})) {
    if (headers.read !== undefined) mapped[headers.read] = { readAccess: list };
    if (headers.write !== undefined) mapped[headers.write] = { writeAccess: list };
    if (headers.none !== undefined) mapped[headers.none] = { noAccess: list };
  }
  return { ...definition, importType: 'USERS', columns: mapped };
}
