import { isAnaplanAccessError, isConfigurationError } from '@anaplan-access/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { usersImport } from './users-import.js';
import type { UsersImportColumns, UsersImportRow } from './users-import-types.js';

const columns: UsersImportColumns = {
  email: 'Email',
  firstName: 'First Name',
  lastName: 'Last Name',
  role: 'Role',
  sso: 'SSO',
  selectiveAccess: {
    Regions: { read: 'Regions Read', write: 'Regions Write' },
    'Cost Centres': { write: 'CC Write' },
  },
};

const jane: UsersImportRow = {
  email: 'jane@example.com',
  firstName: 'Jane',
  lastName: 'Doe, Jr.',
  role: 'Planner',
  sso: true,
  selectiveAccess: {
    Regions: { read: ['EMEA', 'APAC'], write: ['EMEA'] },
    'Cost Centres': { write: ['#12'] },
  },
};
const john: UsersImportRow = {
  email: 'john@example.com',
  firstName: 'John',
  lastName: 'Roe',
  role: 'No Access',
  sso: false,
};

function errorOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('usersImport.toCsv', () => {
  it('writes one selective-access item per line; later lines carry only the e-mail and the item', () => {
    const csv = usersImport.toCsv([jane, john], columns);
    const records: string[][] = parse(csv);
    expect(records).toEqual([
      ['Email', 'First Name', 'Last Name', 'Role', 'SSO', 'Regions Read', 'Regions Write', 'CC Write'],
      ['jane@example.com', 'Jane', 'Doe, Jr.', 'Planner', 'TRUE', 'EMEA', '', ''],
      ['jane@example.com', '', '', '', '', 'APAC', '', ''],
      ['jane@example.com', '', '', '', '', '', 'EMEA', ''],
      ['jane@example.com', '', '', '', '', '', '', '#12'],
      ['john@example.com', 'John', 'Roe', 'No Access', 'FALSE', '', '', ''],
    ]);
  });

  it('reads back what it wrote', () => {
    const csv = usersImport.toCsv([jane, john], columns);
    expect(usersImport.fromCsv(csv, columns)).toEqual([
      {
        ...jane,
        selectiveAccess: {
          Regions: { read: ['EMEA', 'APAC'], write: ['EMEA'] },
          'Cost Centres': { read: [], write: ['#12'] },
        },
      },
      { ...john, selectiveAccess: {} },
    ]);
  });

  it('writes only mapped fields, and the workspace admin flag where mapped', () => {
    const csv = usersImport.toCsv([{ ...john, workspaceAdmin: true }], {
      email: 'E',
      role: 'R',
      workspaceAdmin: 'WA',
    });
    expect(csv).toBe('E,R,WA\njohn@example.com,No Access,TRUE\n');
  });

  it('names the row and field of a bad e-mail', () => {
    const error = errorOf(() => usersImport.toCsv([john, { ...jane, email: 'not an email' }], columns));
    expect(isAnaplanAccessError(error, 'users-import-row')).toBe(true);
    expect(error).toMatchObject({ rowIndex: 1, field: 'email' });
  });

  it('refuses a duplicate user, an empty role and an unknown key', () => {
    expect(
      errorOf(() => usersImport.toCsv([john, { ...john, email: 'JOHN@example.com' }], columns)),
    ).toMatchObject({
      rowIndex: 1,
      field: 'email',
      reason: 'duplicate user',
    });
    expect(errorOf(() => usersImport.toCsv([{ ...john, role: ' ' }], columns))).toMatchObject({
      field: 'role',
    });
    // One login written in NFC and in NFD is one user, as everywhere else (userNameKey), not two lines.
    expect(
      errorOf(() =>
        usersImport.toCsv(
          [
            { ...john, email: 'jos\u00e9@example.com' },
            { ...john, email: 'jose\u0301@example.com' },
          ],
          columns,
        ),
      ),
    ).toMatchObject({ rowIndex: 1, field: 'email', reason: 'duplicate user' });
    const typo = { ...john, ssO: true } as unknown as UsersImportRow;
    expect(errorOf(() => usersImport.toCsv([typo], columns))).toMatchObject({ rowIndex: 0 });
  });

  it('refuses selective access on a list or level the mapping has no column for', () => {
    expect(
      errorOf(() =>
        usersImport.toCsv([{ ...john, selectiveAccess: { Products: { read: ['A'] } } }], columns),
      ),
    ).toMatchObject({ field: 'selectiveAccess.Products.read' });
    expect(
      errorOf(() =>
        usersImport.toCsv([{ ...john, selectiveAccess: { 'Cost Centres': { read: ['A'] } } }], columns),
      ),
    ).toMatchObject({ field: 'selectiveAccess.Cost Centres.read' });
  });

  it('refuses formula-like values by default and prefixes them when asked', () => {
    const evil = { ...john, selectiveAccess: { Regions: { read: ['=cmd|"/c calc"!A1'] } } };
    expect(errorOf(() => usersImport.toCsv([evil], columns))).toMatchObject({
      field: 'selectiveAccess.Regions.read[0]',
      reason: 'starts with a formula character',
    });
    expect(errorOf(() => usersImport.toCsv([{ ...john, firstName: '@x' }], columns))).toMatchObject({
      field: 'firstName',
    });
    const csv = usersImport.toCsv([evil], columns, { formulaPolicy: 'prefix' });
    expect(usersImport.fromCsv(csv, columns)[0]?.selectiveAccess).toEqual({
      Regions: { read: ['\'=cmd|"/c calc"!A1'], write: [] },
    });
  });

  it('leaves the name cells blank for a row without names, so a placeholder name is never checked or sent', () => {
    const revoke: UsersImportRow = { email: 'dash@example.com', role: 'No Access', sso: false };
    expect(usersImport.toCsv([revoke], columns).split('\n')[1]).toBe('dash@example.com,,,No Access,FALSE,,,');
    expect(errorOf(() => usersImport.toCsv([{ ...revoke, lastName: '=SUM(1)' }], columns))).toMatchObject({
      field: 'lastName',
      reason: 'starts with a formula character',
    });
  });

  it('refuses a mapping that names one column twice with a ConfigurationError naming the field', () => {
    const error = errorOf(() => usersImport.toCsv([john], { email: 'E', role: 'E' }));
    expect(isConfigurationError(error) && error.key).toBe('columns.role');
    const list = errorOf(() =>
      usersImport.columnNames({ email: 'E', selectiveAccess: { Regions: { read: 'R', none: 'R' } } }),
    );
    expect(isConfigurationError(list) && list.key).toBe('columns.selectiveAccess.Regions.none');
  });
});

describe('usersImport "None" items', () => {
  it('writes items to take away in the none column, one per line, and fromCsv does not read them as access', () => {
    const columns = {
      email: 'Email',
      role: 'Role',
      selectiveAccess: { Regions: { read: 'Regions Read', write: 'Regions Write', none: 'Regions None' } },
    };
    const csv = usersImport.toCsv(
      [
        {
          email: 'a@example.com',
          firstName: 'A',
          lastName: 'B',
          role: 'Planner',
          sso: false,
          selectiveAccess: { Regions: { read: ['EMEA'], none: ['APAC'] } },
        },
      ],
      columns,
    );
    expect(csv.trim().split(/\r?\n/)).toEqual([
      'Email,Role,Regions Read,Regions Write,Regions None',
      'a@example.com,Planner,EMEA,,',
      'a@example.com,,,,APAC',
    ]);
    expect(usersImport.fromCsv(csv, columns)[0]?.selectiveAccess).toEqual({
      Regions: { read: ['EMEA'], write: [] },
    });
  });

  it('refuses "None" items when the mapping has no none column', () => {
    expect(() =>
      usersImport.toCsv(
        [
          {
            email: 'a@example.com',
            firstName: 'A',
            lastName: 'B',
            role: 'Planner',
            sso: false,
            selectiveAccess: { Regions: { none: ['APAC'] } },
          },
        ],
        { email: 'Email', selectiveAccess: { Regions: { read: 'Regions Read' } } },
      ),
    ).toThrow(/no none column/);
  });
});

describe("usersImport.toCsv with invalidRows: 'reject'", () => {
  const formula = { ...john, email: 'f@example.com', lastName: '=SUM(1)' };
  const unmapped = { ...john, email: 'u@example.com', selectiveAccess: { Products: { read: ['A'] } } };
  const badEmail = { ...john, email: 'not an email' };

  it('writes the other rows and returns the rejected ones with their field and reason, in input order', () => {
    const rows = [jane, formula, john, unmapped, { ...john, email: 'JOHN@example.com' }, badEmail];
    const { csv, rejected } = usersImport.toCsv(rows, columns, { invalidRows: 'reject' });
    expect(csv).toBe(usersImport.toCsv([jane, john], columns));
    expect(rejected).toEqual([
      { rowIndex: 1, row: formula, field: 'lastName', reason: 'starts with a formula character' },
      {
        rowIndex: 3,
        row: unmapped,
        field: 'selectiveAccess.Products.read',
        reason: 'the column mapping has no read column for list "Products"',
      },
      { rowIndex: 4, row: rows[4], field: 'email', reason: 'duplicate user' },
      { rowIndex: 5, row: badEmail, field: 'email', reason: 'is not an e-mail address' },
    ]);
  });

  it('checks duplicates against the written rows only: a rejected row does not shut out a later one', () => {
    const later = { ...john, email: 'F@example.com' };
    const { csv, rejected } = usersImport.toCsv([formula, later], columns, { invalidRows: 'reject' });
    expect(csv).toBe(usersImport.toCsv([later], columns));
    expect(rejected.map((entry) => entry.rowIndex)).toEqual([0]);
  });

  it('keeps the header when every row is rejected, and reads rows from any iterable once', () => {
    function* once() {
      yield formula;
      yield badEmail;
    }
    const { csv, rejected } = usersImport.toCsv(once(), columns, { invalidRows: 'reject' });
    expect(csv).toBe(usersImport.toCsv([], columns));
    expect(rejected).toHaveLength(2);
  });

  it('rejects the same rows for the same reasons as writing, dropping the first refused row and writing again', () => {
    // A pseudo-random mix of good and bad rows; the reference drops one refused row per attempt, as a caller without
    // the batch mode has to.
    let seed = 11;
    const pick = <T>(values: readonly T[]): T => {
      seed = (seed * 48271) % 2147483647;
      return values[seed % values.length] as T;
    };
    const variants = [
      (email: string) => ({ ...john, email }),
      (email: string) => ({ ...jane, email }),
      (email: string) => ({ ...formula, email }),
      (email: string) => ({ ...unmapped, email }),
      (email: string) => ({ ...john, email, role: ' ' }),
      (email: string) => ({ ...jane, email, selectiveAccess: { Regions: { write: ['+1'] } } }),
    ];
    const emails = ['a@example.com', 'b@example.com', 'A@example.com', 'c@example.com', 'not an email'];
    const rows = Array.from({ length: 60 }, () => pick(variants)(pick(emails)));
    const kept = rows.map((row, rowIndex) => ({ row, rowIndex }));
    const expected: { rowIndex: number; field: string; reason: string }[] = [];
    for (;;) {
      const error = errorOf(() =>
        usersImport.toCsv(
          kept.map((entry) => entry.row),
          columns,
        ),
      );
      if (error === undefined) break;
      const { rowIndex, field, reason } = error as { rowIndex: number; field: string; reason: string };
      const [dropped] = kept.splice(rowIndex, 1);
      expected.push({ rowIndex: dropped?.rowIndex ?? -1, field, reason });
    }
    const batch = usersImport.toCsv(rows, columns, { invalidRows: 'reject' });
    expect(batch.rejected.map(({ rowIndex, field, reason }) => ({ rowIndex, field, reason }))).toEqual(
      expected,
    );
    expect(batch.csv).toBe(
      usersImport.toCsv(
        kept.map((entry) => entry.row),
        columns,
      ),
    );
    expect(expected.length).toBeGreaterThan(5);
    expect(kept.length).toBeGreaterThan(1);
  });

  it('refuses an unknown invalidRows value and a repeated column with a ConfigurationError', () => {
    const unknown = { invalidRows: 'skip' } as unknown as { invalidRows: 'reject' };
    const error = errorOf(() => usersImport.toCsv([john], columns, unknown));
    expect(isConfigurationError(error) && error.key).toBe('invalidRows');
    const repeated = errorOf(() =>
      usersImport.toCsv([john], { email: 'E', role: 'E' }, { invalidRows: 'reject' }),
    );
    expect(isConfigurationError(repeated) && repeated.key).toBe('columns.role');
  });
});

describe('usersImport.reader', () => {
  const mapping: UsersImportColumns = {
    email: 'Email',
    role: 'Role',
    sso: 'SSO',
    selectiveAccess: { Regions: { read: 'Regions Read', write: 'Regions Write' } },
  };

  it('folds one record at a time into one row per user, as fromCsv does, counting records without an e-mail', () => {
    const users = usersImport.reader(mapping);
    const record = (Email: string, Role: string, SSO: string, read: string, write: string) =>
      users.add({ Email, Role, SSO, 'Regions Read': read, 'Regions Write': write });
    record('Ana@example.com', 'Planner', 'yes', 'EMEA', '');
    record('ana@example.com', '', '', '', 'APAC');
    record('  ', 'Planner', 'true', 'AMER', '');
    record('bo@example.com', 'Viewer', 'false', '', '');
    expect(users.records).toBe(4);
    expect(users.rows()).toEqual([
      {
        email: 'Ana@example.com',
        firstName: '',
        lastName: '',
        role: 'Planner',
        sso: true,
        selectiveAccess: { Regions: { read: ['EMEA'], write: ['APAC'] } },
      },
      {
        email: 'bo@example.com',
        firstName: '',
        lastName: '',
        role: 'Viewer',
        sso: false,
        selectiveAccess: {},
      },
    ]);
  });

  it('matches users by userNameKey (simple case folding and NFC), not by lower case alone', () => {
    const users = usersImport.reader(mapping);
    // A long s (ſ) folds to s, and a precomposed é equals e + combining acute: toLowerCase keeps both pairs apart.
    users.add({ Email: 'SAM@example.com', Role: 'Planner', 'Regions Read': 'EMEA' });
    users.add({ Email: '\u017fam@example.com', 'Regions Read': 'APAC' });
    users.add({ Email: 'ren\u00e9@example.com', Role: 'Viewer' });
    users.add({ Email: 'rene\u0301@example.com', 'Regions Write': 'AMER' });
    // ß and ss are different logins (userNameKey keeps them apart): two users.
    users.add({ Email: 'strasse@example.com', Role: 'Viewer' });
    users.add({ Email: 'stra\u00dfe@example.com', Role: 'Viewer' });
    expect(users.rows().map((row) => [row.email, row.selectiveAccess])).toEqual([
      ['SAM@example.com', { Regions: { read: ['EMEA', 'APAC'], write: [] } }],
      ['ren\u00e9@example.com', { Regions: { read: [], write: ['AMER'] } }],
      ['strasse@example.com', {}],
      ['stra\u00dfe@example.com', {}],
    ]);
  });

  it('reads the Workspace Administrator flag only where the mapping names its column', () => {
    const cells = { Email: 'a@example.com', Role: 'Planner', SSO: 'no', WSA: 'Y' };
    const mapped = usersImport.reader({ ...mapping, workspaceAdmin: 'WSA' });
    mapped.add(cells);
    expect(mapped.rows()[0]?.workspaceAdmin).toBe(true);
    const unmapped = usersImport.reader(mapping);
    unmapped.add(cells);
    expect(unmapped.rows()[0]).not.toHaveProperty('workspaceAdmin');
  });
});
