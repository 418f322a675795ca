import { describe, expect, it } from 'vitest';
import { UsersExportReader } from './users-export-reader.js';

const columns = {
  email: 'Email',
  role: 'Role',
  sso: 'SSO',
  selectiveAccess: { Regions: { read: 'Regions Read', write: 'Regions Write' } },
};

describe('UsersExportReader', () => {
  it('folds one selective-access item per row into each user, matching e-mails ignoring case', () => {
    const reader = new UsersExportReader(columns);
    const row = (Email: string, Role: string, SSO: string, read: string, write: string) =>
      reader.add({ Email, Role, SSO, 'Regions Read': read, 'Regions Write': write });
    row('Ana@example.com', 'Planner', 'yes', 'EMEA', '');
    row('ana@example.com', '', '', '', 'APAC');
    row('  ', 'Planner', 'true', 'AMER', '');
    row('bo@example.com', 'Viewer', 'false', '', '');
    expect(reader.rows).toBe(4);
    expect([...reader.users()]).toEqual([
      {
        email: 'Ana@example.com',
        access: {
          role: 'Planner',
          sso: true,
          workspaceAdmin: false,
          selectiveAccess: { Regions: { read: ['EMEA'], write: ['APAC'] } },
        },
      },
      {
        email: 'bo@example.com',
        access: { role: 'Viewer', sso: false, workspaceAdmin: false, selectiveAccess: {} },
      },
    ]);
  });

  it('reads the Workspace Administrator flag only where the mapping names its column', () => {
    const mapped = new UsersExportReader({ ...columns, workspaceAdmin: 'WSA' });
    mapped.add({
      Email: 'a@example.com',
      Role: 'Planner',
      SSO: 'no',
      WSA: 'Y',
      'Regions Read': '',
      'Regions Write': '',
    });
    expect([...mapped.users()][0]?.access.workspaceAdmin).toBe(true);
    const unmapped = new UsersExportReader(columns);
    unmapped.add({
      Email: 'a@example.com',
      Role: 'Planner',
      SSO: 'no',
      WSA: 'Y',
      'Regions Read': '',
      'Regions Write': '',
    });
    expect([...unmapped.users()][0]?.access.workspaceAdmin).toBe(false);
  });
});
