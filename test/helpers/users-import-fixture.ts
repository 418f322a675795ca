import type { UsersImportColumns } from '@anaplan-access/bulk';
import type { ImportSeed } from '@anaplan-access/testkit';

// The one USERS import layout the tests and benchmarks use: user fields, then Read / Write / None columns for each
// selective-access list. The simulator's import definition and the client's column mapping must agree, so both
// come from here.

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
  return {
    ...(id ? { id } : {}),
    name: 'Users import',
    importType: 'USERS',
    columns: {
      Email: 'email',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Role: 'role',
      SSO: 'sso',
      ...Object.fromEntries(
        lists.flatMap((list) => [
          [`${list} Read`, { readAccess: list }],
          [`${list} Write`, { writeAccess: list }],
          [`${list} None`, { noAccess: list }],
        ]),
      ),
    },
  };
}
