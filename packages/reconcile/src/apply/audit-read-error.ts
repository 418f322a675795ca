// Tests: ./audit-log.test.ts

import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';

/**
 * An audit log could not be read back completely (a line that is not an entry, an unreadable file). The
 * cumulative deletion guard cannot count what was applied, so the plan is not made: repair the line named (after
 * checking in Anaplan what that operation did) and plan again.
 *
 * @example
 * ```ts
 * await plan({ desired, target, audit, policy }).catch((error) => {
 *   if (isAuditReadError(error)) console.error(`${error.path} line ${error.line}: ${error.message}`);
 *   throw error;
 * });
 * ```
 */
export class AuditReadError extends AnaplanAccessError {
  static override readonly kind: string = 'audit-read';
  override readonly name: string = 'AuditReadError';
  /** The log's path. */
  readonly path: string;
  /** The line at fault (1-based), or 0 when the file itself could not be read. */
  readonly line: number;

  constructor(path: string, line: number, problem: string) {
    super(`audit log ${path}${line > 0 ? ` line ${line}` : ''}: ${problem}`);
    this.path = path;
    this.line = line;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), path: this.path, line: this.line };
  }
}

/**
 * Whether `value` is an {@link AuditReadError} (also across copies of the package).
 *
 * @example
 * ```ts
 * if (isAuditReadError(error)) console.error(error.path, error.line);
 * ```
 */
export const isAuditReadError = (value: unknown): value is AuditReadError =>
  isAnaplanAccessError(value, 'audit-read');
