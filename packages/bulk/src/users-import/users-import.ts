import { ConfigurationError } from '@anaplan-access/core';
import { z } from 'zod';
import { readCsv } from '../csv/csv-reader.js';
import { type CsvCell, isFormulaLike, writeCsv } from '../csv/csv-writer.js';
import { UsersImportRowError } from '../errors/users-import-row-error.js';
import type {
  SelectiveAccessItems,
  UsersImportColumns,
  UsersImportCsvOptions,
  UsersImportRow,
} from './users-import-types.js';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const itemsSchema = z.array(nonEmpty);
const rowSchema = z.strictObject({
  email: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'is not an e-mail address'),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  role: nonEmpty,
  sso: z.boolean(),
  workspaceAdmin: z.boolean().optional(),
  selectiveAccess: z
    .record(
      z.string(),
      z.strictObject({
        read: itemsSchema.optional(),
        write: itemsSchema.optional(),
        none: itemsSchema.optional(),
      }),
    )
    .optional(),
});

type ScalarField = 'email' | 'firstName' | 'lastName' | 'role' | 'sso' | 'workspaceAdmin';
const scalarFields: readonly ScalarField[] = [
  'email',
  'firstName',
  'lastName',
  'role',
  'sso',
  'workspaceAdmin',
];

/**
 * The header names the mapping produces, in the order they are written.
 * @throws {ConfigurationError} naming the mapping field that repeats a column.
 */
function columnNames(columns: UsersImportColumns): string[] {
  const named: { field: string; name: string }[] = [];
  for (const field of scalarFields) {
    const name = columns[field];
    if (name !== undefined) named.push({ field, name });
  }
  for (const [list, access] of Object.entries(columns.selectiveAccess ?? {})) {
    for (const level of ['read', 'write', 'none'] as const) {
      const name = access[level];
      if (name !== undefined) named.push({ field: `selectiveAccess.${list}.${level}`, name });
    }
  }
  const names = named.map((entry) => entry.name);
  const repeated = named.find((entry, index) => names.indexOf(entry.name) !== index);
  if (repeated !== undefined)
    throw new ConfigurationError(
      `columns.${repeated.field}`,
      `Users import mapping names column "${repeated.name}" twice (again at columns.${repeated.field})`,
    );
  return names;
}

/**
 * Writes the CSV a USERS import reads. One line per selective-access item, as Anaplan's User Access Management
 * guide describes: a user's first line carries every mapped field and the first item; each further item goes on a
 * line of its own with only the e-mail and that item. A user without selective access gets one line.
 *
 * @example
 * ```ts
 * const csv = usersImport.toCsv(
 *   [{ email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe', role: 'Planner', sso: true,
 *      selectiveAccess: { Regions: { read: ['EMEA', 'APAC'], write: ['EMEA'] } } }],
 *   { email: 'Email', firstName: 'First Name', lastName: 'Last Name', role: 'Role', sso: 'SSO',
 *     selectiveAccess: { Regions: { read: 'Regions Read', write: 'Regions Write' } } },
 * );
 * // Email,First Name,Last Name,Role,SSO,Regions Read,Regions Write
 * // jane@example.com,Jane,Doe,Planner,TRUE,EMEA,
 * // jane@example.com,,,,,APAC,
 * // jane@example.com,,,,,,EMEA
 * ```
 * @throws {UsersImportRowError} naming the row and field: an invalid e-mail, an empty role, an unknown key, a
 *   duplicate user, a list or access level the mapping has no column for, or (by default) a formula character.
 * @throws {ConfigurationError} when the mapping names one column twice.
 */
function toCsv(
  rows: Iterable<UsersImportRow>,
  columns: UsersImportColumns,
  options: UsersImportCsvOptions = {},
): string {
  const header = columnNames(columns);
  const booleans = options.booleanValues ?? { true: 'TRUE', false: 'FALSE' };
  const policy = options.formulaPolicy ?? 'refuse';
  const seen = new Set<string>();
  const lines: Record<string, CsvCell>[] = [];
  let rowIndex = 0;
  for (const input of rows) {
    const row = validate(input, rowIndex);
    const key = row.email.toLowerCase();
    if (seen.has(key)) throw new UsersImportRowError({ rowIndex, field: 'email', reason: 'duplicate user' });
    seen.add(key);
    const first: Record<string, CsvCell> = {};
    for (const field of scalarFields) {
      const name = columns[field];
      const value = row[field];
      if (name === undefined || value === undefined) continue;
      first[name] = typeof value === 'boolean' ? (value ? booleans.true : booleans.false) : value;
      if (policy === 'refuse' && typeof value === 'string' && isFormulaLike(value)) {
        throw new UsersImportRowError({ rowIndex, field, reason: 'starts with a formula character' });
      }
    }
    const items = accessItems(row, columns, rowIndex, policy === 'refuse');
    if (items.length === 0) lines.push(first);
    items.forEach((item, index) => {
      const line = index === 0 ? first : { [columns.email]: row.email };
      line[item.column] = item.value;
      lines.push(line);
    });
    rowIndex += 1;
  }
  return writeCsv(lines, {
    columns: header,
    formulaPolicy: 'prefix',
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
  });
}

/**
 * Reads a users-import CSV written by {@link usersImport.toCsv} (or by hand in the same layout) back into rows,
 * gathering the selective-access lines of each user. Columns the mapping names but the file lacks read as empty.
 *
 * @example
 * ```ts
 * const rows = usersImport.fromCsv(csv, columns);
 * ```
 */
function fromCsv(csv: string | Uint8Array, columns: UsersImportColumns): UsersImportRow[] {
  const { rows } = readCsv(csv);
  const users = new Map<string, UsersImportRow>();
  const truthy = new Set(['true', 'yes', '1', 'y']);
  for (const cells of rows) {
    const email = (cells[columns.email] ?? '').trim();
    if (email === '') continue;
    let user = users.get(email.toLowerCase());
    if (!user) {
      const cell = (field: ScalarField) => {
        const name = columns[field];
        return name === undefined ? '' : (cells[name] ?? '');
      };
      user = {
        email,
        firstName: cell('firstName'),
        lastName: cell('lastName'),
        role: cell('role'),
        sso: truthy.has(cell('sso').trim().toLowerCase()),
        ...(columns.workspaceAdmin === undefined
          ? {}
          : { workspaceAdmin: truthy.has(cell('workspaceAdmin').trim().toLowerCase()) }),
        selectiveAccess: {},
      };
      users.set(email.toLowerCase(), user);
    }
    const access = user.selectiveAccess as Record<string, { read: string[]; write: string[] }>;
    for (const [list, names] of Object.entries(columns.selectiveAccess ?? {})) {
      for (const level of ['read', 'write'] as const) {
        const name = names[level];
        const value = name === undefined ? '' : (cells[name] ?? '').trim();
        if (value === '') continue;
        access[list] ??= { read: [], write: [] };
        access[list][level].push(value);
      }
    }
  }
  return [...users.values()];
}

function validate(input: UsersImportRow, rowIndex: number): UsersImportRow {
  const parsed = rowSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue ? formatPath(issue.path) : '(row)';
  throw new UsersImportRowError({
    rowIndex,
    field: field || '(row)',
    reason: issue?.message ?? 'invalid row',
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function accessItems(
  row: UsersImportRow,
  columns: UsersImportColumns,
  rowIndex: number,
  refuseFormulas: boolean,
): { column: string; value: string }[] {
  const items: { column: string; value: string }[] = [];
  for (const [list, access] of Object.entries(row.selectiveAccess ?? {}) as [
    string,
    SelectiveAccessItems,
  ][]) {
    for (const level of ['read', 'write', 'none'] as const) {
      const values = access[level] ?? [];
      if (values.length === 0) continue;
      const column = columns.selectiveAccess?.[list]?.[level];
      if (column === undefined) {
        throw new UsersImportRowError({
          rowIndex,
          field: `selectiveAccess.${list}.${level}`,
          reason: `the column mapping has no ${level} column for list "${list}"`,
        });
      }
      values.forEach((value, index) => {
        if (refuseFormulas && isFormulaLike(value)) {
          throw new UsersImportRowError({
            rowIndex,
            field: `selectiveAccess.${list}.${level}[${index}]`,
            reason: 'starts with a formula character',
          });
        }
        items.push({ column, value });
      });
    }
  }
  return items;
}

/**
 * Builds and reads the CSV of an Anaplan USERS import (model role, selective access, SSO, and the Workspace
 * Administrator flag where the import maps it) under a column mapping that matches the saved import.
 *
 * @example
 * ```ts
 * const columns: UsersImportColumns = { email: 'Email', firstName: 'First Name', lastName: 'Last Name', role: 'Role',
 *   sso: 'SSO', selectiveAccess: { Regions: { read: 'Regions Read', write: 'Regions Write', none: 'Regions None' } } };
 * const csv = usersImport.toCsv(rows, columns);
 * const result = await model.runImport('Users from anaplan-access', csv);
 * ```
 */
export const usersImport = {
  /**
   * Writes the CSV a USERS import reads: one line per selective-access item; a user's first line carries every
   * mapped field, further lines only the e-mail and one item.
   *
   * @example
   * ```ts
   * const csv = usersImport.toCsv(
   *   [{ email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe', role: 'Planner', sso: true,
   *      selectiveAccess: { Regions: { read: ['EMEA', 'APAC'], write: ['EMEA'] } } }],
   *   { email: 'Email', firstName: 'First Name', lastName: 'Last Name', role: 'Role', sso: 'SSO',
   *     selectiveAccess: { Regions: { read: 'Regions Read', write: 'Regions Write' } } },
   * );
   * // Email,First Name,Last Name,Role,SSO,Regions Read,Regions Write
   * // jane@example.com,Jane,Doe,Planner,TRUE,EMEA,
   * // jane@example.com,,,,,APAC,
   * // jane@example.com,,,,,,EMEA
   * ```
   * @throws {UsersImportRowError} naming the row and field: an invalid e-mail, an empty role, an unknown key, a
   *   duplicate user, a list or access level the mapping has no column for, or (by default) a formula character.
   * @throws {ConfigurationError} when the mapping names one column twice.
   */
  toCsv,
  /**
   * Reads a users-import CSV (as written by `toCsv`, or by hand in the same layout) back into rows, gathering the
   * selective-access lines of each user.
   *
   * @example
   * ```ts
   * const rows = usersImport.fromCsv(csv, columns);
   * ```
   */
  fromCsv,
  /** The header names a mapping produces, in the order they are written. */
  columnNames,
} as const;
