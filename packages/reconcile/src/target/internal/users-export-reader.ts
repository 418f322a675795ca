// Tests: ./users-export-reader.test.ts, ../anaplan-target.test.ts, test/e2e/state-shape.e2e.test.ts

import type { UsersImportColumns } from '@anaplan-access/bulk';
import type { ModelAccess } from '../observed-state.js';

const truthy = new Set(['true', 'yes', '1', 'y']);

/**
 * Folds the rows of a model's Users export (in the USERS import's layout: one selective-access item per row, the
 * user's other cells repeated or blank) into each user's access, one row at a time, so that an export is read as it
 * streams in and never held whole. A row without an e-mail is skipped; e-mails are matched ignoring case; the
 * first row of a user gives their role and flags.
 */
export class UsersExportReader {
  readonly #columns: UsersImportColumns;
  readonly #users = new Map<string, { email: string; access: ModelAccess }>();
  /** Rows read, blank e-mails included. */
  rows = 0;

  constructor(columns: UsersImportColumns) {
    this.#columns = columns;
  }

  add(cells: Readonly<Record<string, string>>): void {
    this.rows += 1;
    const columns = this.#columns;
    const email = (cells[columns.email] ?? '').trim();
    if (email === '') return;
    const cell = (name: string | undefined) => (name === undefined ? '' : (cells[name] ?? ''));
    let user = this.#users.get(email.toLowerCase());
    if (!user) {
      user = {
        email,
        access: {
          role: cell(columns.role),
          sso: truthy.has(cell(columns.sso).trim().toLowerCase()),
          workspaceAdmin:
            columns.workspaceAdmin !== undefined &&
            truthy.has(cell(columns.workspaceAdmin).trim().toLowerCase()),
          selectiveAccess: {},
        },
      };
      this.#users.set(email.toLowerCase(), user);
    }
    const lists = user.access.selectiveAccess;
    for (const [list, names] of Object.entries(columns.selectiveAccess ?? {}))
      for (const level of ['read', 'write'] as const) {
        const value = cell(names[level]).trim();
        if (value === '') continue;
        lists[list] ??= { read: [], write: [] };
        lists[list][level].push(value);
      }
  }

  /** Each user read so far: their e-mail as first written, and their access. */
  users(): IterableIterator<{ email: string; access: ModelAccess }> {
    return this.#users.values();
  }
}
