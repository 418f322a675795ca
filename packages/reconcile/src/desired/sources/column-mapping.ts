import type { AccessRow } from '../access-row.js';

/**
 * A column of the flat access format ({@link AccessRowSchema}), e.g. `email` or `workspace_admin`.
 *
 * @example
 * ```ts
 * const required: AccessColumn[] = ['email', 'first_name', 'last_name'];
 * ```
 */
export type AccessColumn = keyof AccessRow;

/**
 * Maps columns of the flat access format to the names a file, query or export actually uses, for the columns that
 * are named differently; names compare trimmed and case-insensitively.
 *
 * @example
 * ```ts
 * const columns: ColumnMapping = { email: 'E-mail Address', first_name: 'Given Name', last_name: 'Surname' };
 * ```
 */
export type ColumnMapping = Partial<Record<AccessColumn, string>>;
