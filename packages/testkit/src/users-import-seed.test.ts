import { describe, expect, it } from 'vitest';
import { usersImportSeed } from './users-import-seed.js';

describe('usersImportSeed', () => {
  it('maps every column the client names to its target, and nothing else', () => {
    const seed = usersImportSeed(
      {
        email: 'Email',
        firstName: 'First Name',
        role: 'Role',
        sso: 'SSO',
        selectiveAccess: {
          Regions: { read: 'Regions Read', none: 'Regions None' },
          Products: { write: 'P W' },
        },
      },
      { id: '112000000001', name: 'Users', fileName: 'users.csv' },
    );
    expect(seed).toEqual({
      id: '112000000001',
      name: 'Users',
      fileName: 'users.csv',
      importType: 'USERS',
      columns: {
        Email: 'email',
        'First Name': 'firstName',
        Role: 'role',
        SSO: 'sso',
        'Regions Read': { readAccess: 'Regions' },
        'Regions None': { noAccess: 'Regions' },
        'P W': { writeAccess: 'Products' },
      },
    });
  });
});
