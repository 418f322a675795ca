import type { UsersImportColumns } from '@anaplan-access/bulk';
import { type ImportSeed, usersImportSeed as simulatedUsersImport } from '@anaplan-access/testkit';

// The one USERS import layout the tests and benchmarks use: user fields, then Read / Write / None columns for each
// selective-access list. The simulator's import definition is derived from the client's column mapping.

/** The client's column mapping for a USERS import over `lists`. */
export function usersImportColumns(lists: readonly string[]): UsersImportColumns {
  const columns: UsersImportColumns = {
    email: 'Email',
    firstName: 'First Name',
    lastName: 'Last Name',
    role: 'Role',
    sso: 'SSO',
  };
  if (lists.length === 0) return columns;
  return {
    ...columns,
    selectiveAccess: Object.fromEntries(
      lists.map((list) => [list, { read: `${list} Read`, write: `${list} Write`, none: `${list} None` }]),
    ),
  };
}

/** The simulator's definition of the same import (named `Users import`). */
export function usersImportSeed(lists: readonly string[], id?: string): ImportSeed {
  return simulatedUsersImport(usersImportColumns(lists), { ...(id ? { id } : {}), name: 'Users import' });
}
