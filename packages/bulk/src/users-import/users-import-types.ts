import type { FormulaPolicy } from '../csv/csv-writer.js';

/** Selective access of one user on one list: the items the user may read and the items the user may write. */
export interface SelectiveAccessItems {
  /** Items with read access. Numbered-list items are written as `#Name`. */
  read?: readonly string[];
  /** Items with write access. */
  write?: readonly string[];
  /**
   * Items whose access is taken away (Anaplan's "None"). An import only adds items, so an item the user should
   * lose must be named here; role `No Access` clears every item by itself.
   */
  none?: readonly string[];
}

/** The access one user should have in one model, as a USERS import sets it. */
export interface UsersImportRow {
  /** The user's e-mail (login); identifies the user. */
  email: string;
  /**
   * Needed only to add a user to the model; an existing user's name is not changed by the import, so leave it out
   * (the cell stays blank) for a user already in the model, and for any row that only takes access away.
   */
  firstName?: string | undefined;
  /** Needed only to add a user to the model; see {@link UsersImportRow.firstName}. */
  lastName?: string | undefined;
  /** The model role; it must exist on the model's Roles tab. `No Access` removes all selective access. */
  role: string;
  /** Whether the user signs in through single sign-on. */
  sso: boolean;
  /** Workspace Administrator flag; only written when the mapping names a column for it. */
  workspaceAdmin?: boolean;
  /** Per selective-access list (by list name): the items to grant. Blank cells do not revoke access. */
  selectiveAccess?: Readonly<Record<string, SelectiveAccessItems>>;
}

/**
 * The column names of the saved USERS import, per field. Fields without a column are not written. Each
 * selective-access list names its read column, its write column, or both.
 *
 * @example
 * ```ts
 * const columns: UsersImportColumns = {
 *   email: 'Email', firstName: 'First Name', lastName: 'Last Name', role: 'Role', sso: 'SSO',
 *   selectiveAccess: { Regions: { read: 'Regions Read', write: 'Regions Write' } },
 * };
 * ```
 */
export interface UsersImportColumns {
  email: string;
  firstName?: string;
  lastName?: string;
  role?: string;
  sso?: string;
  workspaceAdmin?: string;
  /** Per SA-enabled list, the import's column for read items, write items and "None" items (access removed). */
  selectiveAccess?: Readonly<Record<string, { read?: string; write?: string; none?: string }>>;
}

/** Options of `usersImport.toCsv`. */
export interface UsersImportCsvOptions {
  /**
   * What to do with a value that starts with a formula character (`=`, `+`, `-`, `@`, tab, CR). `'refuse'` throws
   * a {@link UsersImportRowError} naming the row and field, because a quote prefix would change an e-mail, role or
   * list item that Anaplan matches exactly. @default 'refuse'
   */
  formulaPolicy?: FormulaPolicy;
  /** How booleans (`sso`, `workspaceAdmin`) are written. @default { true: 'TRUE', false: 'FALSE' } */
  booleanValues?: { true: string; false: string };
  /** Field separator. @default ',' */
  delimiter?: string;
  /**
   * What to do with a row that cannot be written. `'throw'`: stop with a {@link UsersImportRowError} naming the
   * first one. `'reject'`: leave it out and go on; `toCsv` then returns `{ csv, rejected }`
   * ({@link UsersImportCsvBatch}) instead of the text. @default 'throw'
   */
  invalidRows?: 'throw' | 'reject';
}

/** A row `usersImport.toCsv` left out under `invalidRows: 'reject'`, and why. */
export interface UsersImportRejectedRow {
  /** 0-based index of the row in the input. */
  rowIndex: number;
  /** The row as it was given. */
  row: UsersImportRow;
  /**
   * Path of the field at fault, e.g. `email`, `lastName` or `selectiveAccess.Regions.read[1]`; `(row)` when the row
   * as a whole is not valid.
   */
  field: string;
  /**
   * Why it was refused: `starts with a formula character`, `duplicate user`, `is not an e-mail address`, `the column
   * mapping has no read column for list "Regions"` …
   */
  reason: string;
}

/** What `usersImport.toCsv` returns under `invalidRows: 'reject'`. */
export interface UsersImportCsvBatch {
  /** The CSV of every row that could be written (only the header line when none could). */
  csv: string;
  /** The rows left out, in input order; empty when every row was written. */
  rejected: UsersImportRejectedRow[];
}
