import { writeCsv } from '@anaplan-access/bulk';
import { ConfigurationError, userNameKey } from '@anaplan-access/core';
import type { AccessRow } from '../desired/access-row.js';
import { accessRowColumns } from '../desired/access-row.js';
import type { Inventory } from './inventory-types.js';

/**
 * Options of {@link adoptCurrentAccess}.
 *
 * @example
 * ```ts
 * const options: AdoptOptions = { reference: 'name' };
 * ```
 */
export interface AdoptOptions {
  /**
   * How workspaces and models are named in the rows: by id (unambiguous, survives renames) or by name (easier to
   * read and edit). @default 'id'
   */
  reference?: 'id' | 'name' | undefined;
}

/**
 * Today's access in the formats a source reads: see {@link adoptCurrentAccess}.
 *
 * @example
 * ```ts
 * const { csv, sql, users } = adoptCurrentAccess(taken);
 * ```
 */
export interface AdoptedAccess {
  /** The flat access rows (the columns of `csvSource`), one user, membership, role or item per row. */
  rows: AccessRow[];
  /** The rows as CSV, for `csvSource` (formula-like cells are neutralised). */
  csv: string;
  /** `INSERT` statements for the relational schema (`accessSchemaSql`), for `sqlSource`. */
  sql: string;
  /** How many users were adopted. */
  users: number;
}

type Row = Partial<Record<keyof AccessRow, string | boolean>> & { email: string };

/**
 * Writes the access an {@link Inventory} found as a starting desired state, the way `terraform import` does: every
 * member of a managed workspace with their names, active flag and external id, their managed workspaces, their role,
 * SSO and Workspace Administrator flag in each model whose access is known, and each selective-access item. Planned
 * against the same tenant, it gives no changes. Users in no managed workspace are left out (no plan manages them).
 *
 * @example
 * ```ts
 * const adopted = adoptCurrentAccess(await inventory(target), { reference: 'name' });
 * await writeFile('access.csv', adopted.csv);
 * const p = await plan({ desired: await csvSource({ path: 'access.csv' }).load(), target }); // No changes
 * ```
 * @throws {ConfigurationError} for unknown or invalid options, or an inventory of another format version.
 * @group Inventory
 */
export function adoptCurrentAccess(inventory: Inventory, options: AdoptOptions = {}): AdoptedAccess {
  for (const key of Object.keys(options))
    if (key !== 'reference') throw new ConfigurationError(key, `adoptCurrentAccess: unknown option "${key}"`);
  const reference = options.reference ?? 'id';
  if (reference !== 'id' && reference !== 'name')
    throw new ConfigurationError('reference', 'adoptCurrentAccess: reference must be "id" or "name"');
  if (inventory?.formatVersion?.split('.')[0] !== '1')
    throw new ConfigurationError(
      'inventory',
      `adoptCurrentAccess: an inventory of format version ${String(inventory?.formatVersion)} cannot be read (1.x is)`,
    );
  const workspaces = new Map(inventory.workspaces.map((workspace) => [workspace.id, workspace]));
  const models = new Map(inventory.models.map((model) => [model.modelId, model]));
  const workspaceRef = (id: string) => (reference === 'id' ? id : (workspaces.get(id)?.name ?? id));
  const modelRef = (id: string) => (reference === 'id' ? id : (models.get(id)?.name ?? id));
  const accessByUser = new Map<string, Inventory['access']>();
  for (const access of inventory.access) {
    const key = userNameKey(access.userName);
    accessByUser.set(key, [...(accessByUser.get(key) ?? []), access]);
  }
  const rows: Row[] = [];
  let users = 0;
  for (const user of inventory.users) {
    const managed = user.workspaces.filter((id) => workspaces.has(id));
    if (managed.length === 0) continue;
    users += 1;
    rows.push({
      email: user.userName,
      first_name: user.givenName,
      last_name: user.familyName,
      active: user.active,
      ...(user.externalId !== undefined ? { external_id: user.externalId } : {}),
    });
    for (const id of managed) rows.push({ email: user.userName, workspace: workspaceRef(id) });
    for (const access of accessByUser.get(userNameKey(user.userName)) ?? []) {
      if (!managed.includes(access.workspaceId)) continue;
      const model = modelRef(access.modelId);
      rows.push({
        email: user.userName,
        model,
        role: access.role,
        sso: access.sso,
        workspace_admin: access.workspaceAdministrator,
      });
      for (const [list, items] of Object.entries(access.selectiveAccess)) {
        for (const item of items.read) rows.push({ email: user.userName, model, list, item, access: 'read' });
        for (const item of items.write)
          rows.push({ email: user.userName, model, list, item, access: 'write' });
      }
    }
  }
  return {
    rows: rows as AccessRow[],
    csv: writeCsv(rows, { columns: accessRowColumns }),
    sql: sqlInserts(rows),
    users,
  };
}

/** A SQL string literal (standard quoting: a quote is doubled). */
function literal(value: string | boolean | undefined): string {
  if (value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return `'${value.replaceAll("'", "''")}'`;
}

/** The rows as `INSERT`s into the four tables of `accessSchemaSql`, in the order their references need. */
function sqlInserts(rows: readonly Row[]): string {
  const statements: string[] = [];
  const insert = (table: string, columns: string[], values: (string | boolean | undefined)[]) =>
    statements.push(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.map(literal).join(', ')});`,
    );
  for (const row of rows) {
    if (row.first_name !== undefined)
      insert(
        'access_users',
        ['user_name', 'given_name', 'family_name', 'active', 'external_id'],
        [row.email, row.first_name, row.last_name, row.active, row.external_id],
      );
    else if (row.workspace !== undefined)
      insert('access_workspace_members', ['user_name', 'workspace'], [row.email, row.workspace]);
    else if (row.role !== undefined)
      insert(
        'access_model_roles',
        ['user_name', 'model', 'role', 'sso', 'workspace_admin'],
        [row.email, row.model, row.role, row.sso, row.workspace_admin],
      );
    else
      insert(
        'access_selective_access',
        ['user_name', 'model', 'list_name', 'item', 'access'],
        [row.email, row.model, row.list, row.item, row.access],
      );
  }
  return statements.length === 0 ? '' : `${statements.join('\n')}\n`;
}
