import { type UsersImportColumns, type UsersImportRow, usersImport } from '@anaplan-access/bulk';
import { describe, expect, it, vi } from 'vitest';
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

describe('importCsv: refused rows', () => {
  it('leaves them out with their reason and writes the CSV once, however many there are', () => {
    const many: UsersImportRow[] = Array.from({ length: 40 }, (_, index) => ({
      email: `user${index}@example.com`,
      lastName: index % 4 === 0 ? '=SUM(1)' : 'Doe',
      role: 'Planner',
      sso: false,
    }));
    const written = vi.spyOn(usersImport, 'toCsv');
    try {
      const { csv, rejected } = importCsv(many, { columns: { ...columns, lastName: 'Last Name' } });
      expect(written).toHaveBeenCalledTimes(1);
      expect([...rejected.keys()]).toEqual(
        many.filter((_, index) => index % 4 === 0).map((row) => row.email),
      );
      expect(rejected.get('user0@example.com')).toEqual([
        'not imported: lastName starts with a formula character',
      ]);
      expect(csv?.split('\n')).toHaveLength(1 + 30 + 1);
      expect(
        importCsv(many.slice(0, 1), { columns: { ...columns, lastName: 'Last Name' } }).csv,
      ).toBeUndefined();
    } finally {
      written.mockRestore();
    }
  });
});
