// Tests: ./guards.test.ts, ../users-import/users-import.test.ts
import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';

/** What a {@link UsersImportRowError} is built from. */
export interface UsersImportRowErrorInit {
  /** 0-based index of the row in the input. */
  rowIndex: number;
  /** Path of the bad field, e.g. `email` or `selectiveAccess.Regions.read[1]`. */
  field: string;
  /** Why it was refused. */
  reason: string;
}

/**
 * A row given to `usersImport.toCsv` is not valid (a missing or malformed e-mail, a duplicate user, a selective
 * access list that the column mapping does not name, a cell that starts with a formula character …).
 *
 * @example
 * ```ts
 * if (isUsersImportRowError(error)) console.log(error.rowIndex, error.field, error.reason);
 * ```
 */
export class UsersImportRowError extends AnaplanAccessError {
  static override readonly kind: string = 'users-import-row';
  override readonly name: string = 'UsersImportRowError';
  /** 0-based index of the row in the input. */
  readonly rowIndex: number;
  /** Path of the bad field. */
  readonly field: string;
  /** Why it was refused. */
  readonly reason: string;

  constructor(init: UsersImportRowErrorInit) {
    super(`Users import row ${init.rowIndex}, field ${init.field}: ${init.reason}`);
    this.rowIndex = init.rowIndex;
    this.field = init.field;
    this.reason = init.reason;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), rowIndex: this.rowIndex, field: this.field, reason: this.reason };
  }
}

/**
 * Whether `value` is a {@link UsersImportRowError} (by the SDK's brand: also one from another
 * installed copy of the package).
 *
 * @example
 * ```ts
 * if (isUsersImportRowError(error)) console.log(error.rowIndex, error.field, error.reason);
 * ```
 */
export const isUsersImportRowError = (value: unknown): value is UsersImportRowError =>
  isAnaplanAccessError(value, 'users-import-row');
