import type { ExportSeed } from './seed.js';
import type { UsersImportLayout } from './users-import-seed.js';

/** What {@link usersExportSeed} takes besides the columns: the export's id, name and layout. */
export type UsersExportDefinition = Omit<ExportSeed, 'columns' | 'source' | 'listName' | 'rows'>;

/**
 * A simulated export of a model's Users list whose headers are exactly the ones a client's column mapping names:
 * the export a client reads back (`anaplanTarget`'s `usersExport`) and the import it writes
 * ({@link usersImportSeed}) cannot drift apart. A `none` column of the mapping has no export column (an export
 * shows the access a user has).
 *
 * Without `columns` (`undefined`) the export has the simulator's default headers, which match the usual mapping
 * (`{ email: 'Email', firstName: 'First Name', lastName: 'Last Name', role: 'Role', sso: 'SSO' }`, and
 * `<List> Read` / `<List> Write` per selective-access list): `Email`, `First Name`, `Last Name`, `Role`, `SSO`,
 * `Workspace Administrator`, then `<List> Read` and `<List> Write` for each list with selective access, in the
 * model's order.
 *
 * @param columns - the client's column mapping (the `UsersImportColumns` shape of `@anaplan-access/bulk`), or
 *   `undefined` for the default headers.
 * @param definition - the export's `name`, and optionally its `id` and `selectiveAccessLayout`.
 * @returns an {@link ExportSeed} with `source: 'users'`, for a model's `exports`.
 * @example
 * ```ts
 * const columns = { email: 'Email', role: 'Role', sso: 'SSO', selectiveAccess: { Regions: { read: 'Regions Read' } } };
 * const sim = await startSimulator({
 *   seed: {
 *     models: [{
 *       name: 'Budget', workspaceId,
 *       imports: [usersImportSeed(columns, { name: 'Users import' })],
 *       exports: [usersExportSeed(columns, { name: 'Users export' })],
 *     }],
 *   },
 * });
 * ```
 */
export function usersExportSeed(
  columns: UsersImportLayout | undefined,
  definition: UsersExportDefinition,
): ExportSeed {
  if (columns === undefined) return { ...definition, source: 'users' };
  const exported: Record<string, string> = {};
  const fields = ['email', 'firstName', 'lastName', 'role', 'sso', 'workspaceAdmin'] as const;
  for (const field of fields) {
    const header = columns[field];
    if (header !== undefined) exported[header] = field;
  }
  for (const [list, headers] of Object.entries(columns.selectiveAccess ?? {})) {
    if (headers.read !== undefined) exported[headers.read] = `read:${list}`;
    if (headers.write !== undefined) exported[headers.write] = `write:${list}`;
  }
  return { ...definition, source: 'users', columns: exported };
}
