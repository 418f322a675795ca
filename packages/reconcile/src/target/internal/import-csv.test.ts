import type { UsersImportColumns, UsersImportRow } from '@anaplan-access/bulk';
import { describe, expect, it } from 'vitest';
import { importCsv } from './import-csv.js';

// The import CSV carries the Workspace Administrator flag only where the import is declared to set it.

const columns: UsersImportColumns = {
  email: 'Email',
  role: 'Role',
  workspaceAdmin: 'Workspace Administrator',
};
const rows: UsersImportRow[] = [
  { email: 'ann@example.com', role: 'Planner', sso: false, workspaceAdmin: true },
];

describe('importCsv: the Workspace Administrator column', () => {
  it('writes neither the column nor the flag unless the import is declared to set it', () => {
    expect(importCsv(rows, { columns }).csv).toBe('Email,Role\nann@example.com,Planner\n');
    expect(importCsv(rows, { columns, setsWorkspaceAdmin: false }).csv).toBe(
      'Email,Role\nann@example.com,Planner\n',
    );
  });

  it('writes both when it is declared', () => {
    expect(importCsv(rows, { columns, setsWorkspaceAdmin: true }).csv).toBe(
      'Email,Role,Workspace Administrator\nann@example.com,Planner,TRUE\n',
    );
  });
});
