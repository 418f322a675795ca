import { ConfigurationError, userNameKey } from '@anaplan-access/core';
import { z } from 'zod';
import { readCsv } from '../csv/csv-reader.js';
import { type CsvCell, isFormulaLike, writeCsv } from '../csv/csv-writer.js';
import { UsersImportRowError } from '../errors/users-import-row-error.js';
import type {
  SelectiveAccessItems,
  UsersImportColumns,
  UsersImportCsvBatch,
  UsersImportCsvOptions,
  UsersImportRejectedRow,
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
/** Why a formula-like value is refused. */
const formulaReason = 'starts with a formula character';
const scalarFields: readonly ScalarField[] = [
  'email',
  'firstName',
  'lastName',
  'role',
  'sso',
  'workspaceAdmin',
];

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

function toCsv(
  rows: Iterable<UsersImportRow>,
  columns: UsersImportColumns,
  options?: UsersImportCsvOptions & { invalidRows?: 'throw' | undefined },
): string;
function toCsv(
  rows: Iterable<UsersImportRow>,
  columns: UsersImportColumns,
  options: UsersImportCsvOptions & { invalidRows: 'reject' },
): UsersImportCsvBatch;
function toCsv(
  rows: Iterable<UsersImportRow>,
  columns: UsersImportColumns,
  options?: UsersImportCsvOptions,
): string | UsersImportCsvBatch;
function toCsv(
  rows: Iterable<UsersImportRow>,
  columns: UsersImportColumns,
  options: UsersImportCsvOptions = {},
): string | UsersImportCsvBatch {
  const invalidRows = options.invalidRows ?? 'throw';
  if (invalidRows !== 'throw' && invalidRows !== 'reject')
    throw new ConfigurationError('invalidRows', `Invalid option "invalidRows": expected 'throw' or 'reject'`);
  const header = columnNames(columns);
  const writer: RowWriter = {
    columns,
    booleans: options.booleanValues ?? { true: 'TRUE', false: 'FALSE' },
    refuseFormulas: (options.formulaPolicy ?? 'refuse') === 'refuse',
    seen: new Set<string>(),
  };
  const lines: Record<string, CsvCell>[] = [];
  const rejected: UsersImportRejectedRow[] = [];
  let rowIndex = 0;
  for (const input of rows) {
    const written = userLines(writer, input, rowIndex);
    if (Array.isArray(written)) lines.push(...written);
    else if (invalidRows === 'reject') rejected.push({ ...written, row: input });
    else throw new UsersImportRowError(written);
    rowIndex += 1;
  }
  const csv = writeCsv(lines, {
    columns: header,
    formulaPolicy: 'prefix',
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
  });
  return invalidRows === 'reject' ? { csv, rejected } : csv;
}

/** What {@link userLines} needs besides the row. */
interface RowWriter {
  columns: UsersImportColumns;
  booleans: { true: string; false: string };
  refuseFormulas: boolean;
  /** Lower-cased e-mails of the rows written so far (a rejected row's is not, so a later row may take its place). */
  seen: Set<string>;
}

/** Why a row cannot be written. */
type Refusal = Omit<UsersImportRejectedRow, 'row'>;

/** The CSV lines of one user, or why the row cannot be written (the first problem, in field order). */
function userLines(
  writer: RowWriter,
  input: UsersImportRow,
  rowIndex: number,
): Record<string, CsvCell>[] | Refusal {
  const { columns, booleans } = writer;
  const row = validate(input, rowIndex);
  if ('reason' in row) return row;
  const key = userNameKey(row.email);
  if (writer.seen.has(key)) return { rowIndex, field: 'email', reason: 'duplicate user' };
  const first: Record<string, CsvCell> = {};
  for (const field of scalarFields) {
    const name = columns[field];
    const value = row[field];
    if (name === undefined || value === undefined) continue;
    first[name] = typeof value === 'boolean' ? (value ? booleans.true : booleans.false) : value;
    if (writer.refuseFormulas && typeof value === 'string' && isFormulaLike(value))
      return { rowIndex, field, reason: formulaReason };
  }
  const items = accessItems(row, columns, rowIndex, writer.refuseFormulas);
  if (!Array.isArray(items)) return items;
  writer.seen.add(key);
  if (items.length === 0) return [first];
  return items.map((item, index) => {
    const line = index === 0 ? first : { [columns.email]: row.email };
    line[item.column] = item.value;
    return line;
  });
}

const truthy = new Set(['true', 'yes', '1', 'y']);

/** Folds the records of a users-import layout, one at a time, into one row per user: see `usersImport.reader`. */
export interface UsersImportReader {
  /** Adds one record (cells by header name). A record without an e-mail is counted and skipped. */
  add(cells: Readonly<Record<string, string>>): void;
  /** Records added so far, those without an e-mail included. */
  readonly records: number;
  /** One row per user so far, in the order users first appeared. */
  rows(): UsersImportRow[];
}

function reader(columns: UsersImportColumns): UsersImportReader {
  const users = new Map<string, UsersImportRow>();
  let records = 0;
  const add = (cells: Readonly<Record<string, string>>): void => {
    records += 1;
    const email = (cells[columns.email] ?? '').trim();
    if (email === '') return;
    const key = userNameKey(email);
    let user = users.get(key);
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
      users.set(key, user);
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
  };
  return {
    add,
    get records() {
      return records;
    },
    rows: () => [...users.values()],
  };
}

function fromCsv(csv: string | Uint8Array, columns: UsersImportColumns): UsersImportRow[] {
  const folded = reader(columns);
  for (const cells of readCsv(csv).rows) folded.add(cells);
  return folded.rows();
}

function validate(input: UsersImportRow, rowIndex: number): UsersImportRow | Refusal {
  const parsed = rowSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue ? formatPath(issue.path) : '(row)';
  return { rowIndex, field: field || '(row)', reason: issue?.message ?? 'invalid row' };
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
): { column: string; value: string }[] | Refusal {
  const items: { column: string; value: string }[] = [];
  for (const [list, access] of Object.entries(row.selectiveAccess ?? {}) as [
    string,
    SelectiveAccessItems,
  ][]) {
    for (const level of ['read', 'write', 'none'] as const) {
      const values = access[level] ?? [];
      if (values.length === 0) continue;
      const column = columns.selectiveAccess?.[list]?.[level];
      const field = `selectiveAccess.${list}.${level}`;
      if (column === undefined)
        return { rowIndex, field, reason: `the column mapping has no ${level} column for list "${list}"` };
      for (const [index, value] of values.entries()) {
        if (refuseFormulas && isFormulaLike(value))
          return { rowIndex, field: `${field}[${index}]`, reason: formulaReason };
        items.push({ column, value });
      }
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
   * Writes the CSV a USERS import reads. One line per selective-access item, as Anaplan's User Access Management
   * guide describes: a user's first line carries every mapped field and the first item; each further item goes on a
   * line of its own with only the e-mail and that item. A user without selective access gets one line.
   *
   * A row that cannot be written (an invalid e-mail, an empty role, an unknown key, a duplicate user, a list or
   * access level the mapping has no column for, or under `formulaPolicy: 'refuse'` a formula character) stops the
   * whole CSV with a {@link UsersImportRowError}; with `invalidRows: 'reject'` it is left out instead, and the result
   * is the CSV of the other rows with the rejected ones (`{ csv, rejected }`), all in one pass.
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
   *
   * const { csv: kept, rejected } = usersImport.toCsv(rows, columns, { invalidRows: 'reject' });
   * for (const { rowIndex, field, reason } of rejected) console.warn(`row ${rowIndex}: ${field} ${reason}`);
   * ```
   * @throws {UsersImportRowError} naming the row and field of the first row that cannot be written (unless
   *   `invalidRows: 'reject'`).
   * @throws {ConfigurationError} when the mapping names one column twice, or `invalidRows` is neither `'throw'`
   *   nor `'reject'`.
   */
  toCsv,
  /**
   * Reads a users-import CSV written by `toCsv` (or by hand in the same layout) back into rows, gathering the
   * selective-access lines of each user. Columns the mapping names but the file lacks read as empty.
   *
   * @example
   * ```ts
   * const rows = usersImport.fromCsv(csv, columns);
   * ```
   */
  fromCsv,
  /**
   * Reads a users-import layout record by record (for example the rows of `model.streamExport` of a Users export),
   * gathering each user's selective-access lines as `fromCsv` does, without holding the file. Users are matched by
   * {@link userNameKey} (so `Ana@Example.com` and `ana@example.com` are one user); the first record of a user gives
   * their names, role and flags. Columns the mapping names but a record lacks read as empty.
   *
   * @example
   * ```ts
   * const users = usersImport.reader(columns);
   * for await (const cells of model.streamExport('Users export')) users.add(cells);
   * for (const row of users.rows()) console.log(row.email, row.role);
   * ```
   */
  reader,
  /**
   * The header names the mapping produces, in the order they are written.
   *
   * @example
   * ```ts
   * usersImport.columnNames({ email: 'Email', role: 'Role', selectiveAccess: { Regions: { read: 'Regions Read' } } });
   * // ['Email', 'Role', 'Regions Read']
   * ```
   * @throws {ConfigurationError} naming the mapping field that repeats a column.
   */
  columnNames,
} as const;
