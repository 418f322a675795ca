import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { isConfigurationError } from '@anaplan-access/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesiredState } from '../desired-state.js';
import { csvSource, maxCsvFieldLength } from './csv-source.js';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'csv-source-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function loadFile(name: string, content: string | Uint8Array, options = {}): Promise<DesiredState> {
  const path = join(directory, name);
  await writeFile(path, content);
  return csvSource({ path, ...options }).load();
}

const header =
  'email,first_name,last_name,active,external_id,workspace,model,role,sso,workspace_admin,list,item,access';

describe('csvSource', () => {
  it('merges the rows of each user into one desired user', async () => {
    const state = await loadFile(
      'access.csv',
      [
        header,
        'ada@example.com,Ada,Lovelace,true,E-1,Finance WS,,,,,,,',
        'ada@example.com,,,,,,Sales Model,Planner,yes,0,,,',
        'ada@example.com,,,,,,Sales Model,,,,Region,North,read',
        'ada@example.com,,,,,,Sales Model,,,,Region,South,WRITE',
        'bob@example.com,Bob,Builder,false,,,,,,,,,',
      ].join('\n'),
    );
    expect(state.source).toBe('csv:access.csv');
    expect(state.findings).toEqual([]);
    expect(state.users).toEqual([
      {
        userName: 'ada@example.com',
        givenName: 'Ada',
        familyName: 'Lovelace',
        active: true,
        externalId: 'E-1',
        workspaces: ['Finance WS'],
        models: {
          'Sales Model': {
            role: 'Planner',
            sso: true,
            workspaceAdmin: false,
            selectiveAccess: { Region: { read: ['North'], write: ['South'] } },
          },
        },
        refs: [2, 3, 4, 5].map((row) => ({ source: 'access.csv', row })),
      },
      {
        userName: 'bob@example.com',
        givenName: 'Bob',
        familyName: 'Builder',
        active: false,
        externalId: undefined,
        workspaces: [],
        models: {},
        refs: [{ source: 'access.csv', row: 6 }],
      },
    ]);
  });

  it('accepts a subset of the columns in any order, any case, with a file URL, a name and a delimiter', async () => {
    const path = join(directory, 'semicolon.csv');
    await writeFile(path, ' Last_Name ;EMAIL;First_Name\nLovelace;ada@example.com;Ada\n');
    const state = await csvSource({ path: pathToFileURL(path), delimiter: ';', name: 'hr-feed' }).load();
    expect(state.source).toBe('hr-feed');
    expect(state.users.map((user) => [user.userName, user.givenName, user.familyName])).toEqual([
      ['ada@example.com', 'Ada', 'Lovelace'],
    ]);
    expect(state.users[0]?.refs).toEqual([{ source: 'hr-feed', row: 2 }]);
  });

  it('maps the user’s header names to ours with `columns`', async () => {
    const text = 'E-mail Address,Given Name,Surname,Workspace\nada@example.com,Ada,Lovelace,WS1\n';
    const source = csvSource({
      text,
      columns: { email: 'E-mail Address', first_name: 'Given Name', last_name: 'Surname' },
    });
    const state = await source.load();
    expect(source.name).toBe('csv:text');
    expect(state.findings).toEqual([]);
    expect(state.users[0]).toMatchObject({
      userName: 'ada@example.com',
      givenName: 'Ada',
      workspaces: ['WS1'],
    });
  });

  it('skips a byte order mark and reads CRLF line ends', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    const body = new TextEncoder().encode(
      'email,first_name,last_name\r\nada@example.com,Ada,Lovelace\r\n\r\nzoë@example.com,Zoë,Ünal\r\n',
    );
    const state = await loadFile('bom.csv', Buffer.concat([bom, body]));
    expect(state.findings).toEqual([]);
    expect(state.users.map((user) => [user.userName, user.familyName, user.refs[0]?.row])).toEqual([
      ['ada@example.com', 'Lovelace', 2],
      ['zoë@example.com', 'Ünal', 4],
    ]);
  });

  it('reads quoted fields with delimiters, quotes and line breaks; rows are numbered by their first line', async () => {
    const text = [
      'email,first_name,last_name,role,model',
      'ada@example.com,"Ada, Countess","Love""lace""",Planner,"Sales',
      'Model"',
      'bob@example.com,"Bob\r\nthe\rsecond",Builder,,',
      '',
      'not-an-email,X,Y,,',
    ].join('\r\n');
    const state = await loadFile('quotes.csv', text);
    const ada = state.users.find((user) => user.userName === 'ada@example.com');
    expect(ada).toMatchObject({ givenName: 'Ada, Countess', familyName: 'Love"lace"', refs: [{ row: 2 }] });
    expect(Object.keys(ada?.models ?? {})).toEqual(['Sales\nModel']);
    const bob = state.users.find((user) => user.userName === 'bob@example.com');
    expect(bob).toMatchObject({ givenName: 'Bob\nthe\nsecond', refs: [{ row: 4 }] });
    expect(state.findings).toMatchObject([
      { kind: 'invalid-row', field: 'email', refs: [{ source: 'quotes.csv', row: 8 }] },
    ]);
    expect(state.findings[0]?.message).toContain('quotes.csv row 8');
  });

  it('keeps formula prefixes as plain data', async () => {
    const text = [
      'email,first_name,last_name,model,role,list,item,access',
      'ada@example.com,"=HYPERLINK(""http://evil.example"",""x"")",+1-2,@SUM(A1),-Planner,=List,+Item,read',
    ].join('\n');
    const state = await loadFile('formulas.csv', text);
    expect(state.findings).toEqual([]);
    expect(state.users[0]).toMatchObject({
      givenName: '=HYPERLINK("http://evil.example","x")',
      familyName: '+1-2',
      models: {
        '@SUM(A1)': { role: '-Planner', selectiveAccess: { '=List': { read: ['+Item'], write: [] } } },
      },
    });
  });

  it.each([
    ['an empty file', ''],
    ['a byte order mark only', '\uFEFF'],
    ['blank lines only', '\r\n\n  \n'],
  ])('reports %s as a source-error, not a crash', async (_label, content) => {
    const state = await loadFile('empty.csv', content);
    expect(state.users).toEqual([]);
    expect(state.findings).toHaveLength(1);
    expect(state.findings[0]).toMatchObject({ kind: 'source-error', severity: 'error' });
    expect(state.findings[0]?.message).toMatch(
      /^empty\.csv is empty: expected a header line with the columns email, first_name/,
    );
  });

  it('reads a file with a header and no rows as no users and no findings', async () => {
    const state = await loadFile('header-only.csv', `${header}\n`);
    expect(state).toEqual({ source: 'csv:header-only.csv', users: [], findings: [] });
  });

  it.each([
    [
      'an unknown header',
      'email,first_name,last_name,Rolle\nada@example.com,Ada,L,X\n',
      'unknown column "Rolle"',
    ],
    ['a missing header', 'email,last_name\nada@example.com,L\n', 'missing column "first_name"'],
    [
      'a repeated header',
      'email,first_name,last_name,EMAIL\na@example.com,A,L,a@example.com\n',
      '"EMAIL" appears twice',
    ],
    ['an unnamed header', 'email,first_name,last_name,\na@example.com,A,L,\n', 'column 4 has no name'],
    [
      'data instead of a header',
      'ada@example.com,Ada,Lovelace\n',
      'unknown columns "ada@example.com", "Ada"',
    ],
  ])(
    'reports %s as one source-error listing the expected columns, and no users',
    async (_label, text, problem) => {
      const state = await loadFile('headers.csv', text);
      expect(state.users).toEqual([]);
      expect(state.findings).toHaveLength(1);
      expect(state.findings[0]?.kind).toBe('source-error');
      expect(state.findings[0]?.message).toContain('headers.csv: the header on line 1 is wrong: ');
      expect(state.findings[0]?.message).toContain(problem);
      expect(state.findings[0]?.message).toContain(`Expected columns: ${header.replaceAll(',', ', ')}`);
    },
  );

  it('names the mapped header names in a header error', async () => {
    const state = await csvSource({
      text: 'email,first_name,last_name\n',
      columns: { email: 'Mail' },
    }).load();
    expect(state.findings[0]?.message).toContain(
      'unknown column "email"; missing column "Mail". Expected columns: Mail, first_name',
    );
  });

  it('turns invalid e-mails, bad values and rows of the wrong width into invalid-row findings naming the row', async () => {
    const text = [
      'email,first_name,last_name,sso,model,role',
      'ada.example.com,Ada,Lovelace,,,',
      'bob@example.com,Bob,Builder,maybe,Sales,Planner',
      'cy@example.com,Cy,Young,,',
      'dee@example.com,Dee,Dee,,Sales,Planner,extra',
      'eve@example.com,Eve,Adams,no,Sales,Planner',
    ].join('\n');
    const state = await loadFile('invalid.csv', text);
    expect(state.users.map((user) => user.userName)).toEqual(['eve@example.com']);
    expect(state.findings.map((finding) => [finding.kind, finding.userName, finding.refs?.[0]?.row])).toEqual(
      [
        ['invalid-row', 'cy@example.com', 4],
        ['invalid-row', 'dee@example.com', 5],
        ['invalid-row', 'ada.example.com', 2],
        ['invalid-row', 'bob@example.com', 3],
      ],
    );
    expect(state.findings[0]?.message).toBe('invalid.csv row 4: has 5 fields but the header has 6');
  });

  it('reports users differing only by case, conflicting rows and missing names', async () => {
    const text = [
      'email,first_name,last_name,model,role',
      'Ada@Example.com,Ada,Lovelace,,',
      'ada@example.com,,,Sales,Planner',
      'bob@example.com,Bob,Builder,Sales,Planner',
      'bob@example.com,,,Sales,Reviewer',
      'cy@example.com,Cy,,,',
    ].join('\n');
    const state = await loadFile('merge.csv', text);
    expect(state.users).toEqual([]);
    expect(state.findings).toMatchObject([
      { kind: 'duplicate-user', userName: 'Ada@Example.com', refs: [{ row: 2 }, { row: 3 }] },
      {
        kind: 'conflicting-rows',
        userName: 'bob@example.com',
        field: 'models.Sales.role',
        refs: [{ row: 4 }, { row: 5 }],
      },
      { kind: 'missing-user-details', userName: 'cy@example.com', field: 'last_name', refs: [{ row: 6 }] },
    ]);
  });

  it('makes a 10 MB field an invalid-row finding and keeps reading the rows after it', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const text = `email,first_name,last_name\nada@example.com,"${huge}",Lovelace\nbob@example.com,Bob,Builder\n`;
    const state = await loadFile('huge.csv', text);
    expect(state.users.map((user) => user.userName)).toEqual(['bob@example.com']);
    expect(state.findings).toHaveLength(1);
    expect(state.findings[0]).toMatchObject({
      kind: 'invalid-row',
      userName: 'ada@example.com',
      field: 'first_name',
    });
    expect(state.findings[0]?.message).toBe(
      `huge.csv row 2: column "first_name" is ${huge.length} characters long; the limit is ${maxCsvFieldLength}`,
    );
  });

  it('rejects bytes that are not UTF-8 with a source-error naming the byte offset and the line', async () => {
    const before = 'email,first_name,last_name\nada@example.com,Ada,Lovelace\nrene@example.com,Ren';
    const latin1 = Buffer.concat([Buffer.from(before), Buffer.from([0xe9]), Buffer.from(',Dupont\n')]);
    const state = await loadFile('latin1.csv', latin1);
    expect(state.users).toEqual([]);
    expect(state.findings).toEqual([
      {
        kind: 'source-error',
        severity: 'error',
        message: `latin1.csv is not valid UTF-8: byte 0xE9 at byte offset ${before.length} (line 3). Save the file as UTF-8 (in Excel: "CSV UTF-8").`,
        refs: undefined,
      },
    ]);
  });

  it('rejects a character cut off at the end of the file', async () => {
    const state = await loadFile(
      'cut.csv',
      Buffer.concat([
        Buffer.from('email,first_name,last_name\na@example.com,A,B'),
        Buffer.from([0xe2, 0x82]),
      ]),
    );
    expect(state.findings[0]?.message).toContain(
      'cut.csv is not valid UTF-8: byte 0xE2 at byte offset 44 (line 2) (a character cut off at the end).',
    );
  });

  it('reports broken CSV syntax as a source-error with the line', async () => {
    const state = await loadFile(
      'quote.csv',
      'email,first_name,last_name\nada@example.com,"Ada,Lovelace\nbob@example.com,Bob,Builder\n',
    );
    expect(state.users).toEqual([]);
    expect(state.findings).toHaveLength(1);
    expect(state.findings[0]?.message).toMatch(
      /^quote\.csv is not valid CSV: CSV_QUOTE_NOT_CLOSED: .*line 3.*the last complete record ends on line 1\)$/,
    );
  });

  it('reports a file that cannot be opened as a source-error', async () => {
    const state = await csvSource({ path: join(directory, 'missing.csv') }).load();
    expect(state.users).toEqual([]);
    expect(state.findings).toMatchObject([{ kind: 'source-error' }]);
    expect(state.findings[0]?.message).toMatch(/^missing\.csv cannot be read: ENOENT/);
  });

  it('parses a stream cut into 1-byte chunks exactly like the whole text', async () => {
    const text = `\uFEFF${header}\r\nzoë@example.com,"Zoë\r\nMarie",Ünal,,,"WS, 1",M,Planner,,,Region,Nörth,read\r\nbad,,,,,,,,,,,,\r\n`;
    const bytes = Buffer.from(text);
    const chunks = Readable.from(
      (function* () {
        for (const byte of bytes) yield Buffer.from([byte]);
      })(),
    );
    const fromStream = await csvSource({ stream: chunks, name: 'access.csv' }).load();
    const fromText = await csvSource({ text, name: 'access.csv' }).load();
    expect(fromStream).toEqual(fromText);
    expect(fromStream.users[0]).toMatchObject({
      givenName: 'Zoë\nMarie',
      workspaces: ['WS, 1'],
      refs: [{ row: 2 }],
    });
    expect(fromStream.findings).toMatchObject([{ kind: 'invalid-row', refs: [{ row: 4 }] }]);
  });

  it('streams a large file: 10 000 users over 20 000 rows, with rows numbered to the end', async () => {
    const path = join(directory, 'large.csv');
    const lines = ['email,first_name,last_name,model,role'];
    for (let index = 0; index < 10_000; index++) {
      lines.push(
        `user${index}@example.com,"First\n${index}",Last ${index},,`,
        `user${index}@example.com,,,Sales,Planner`,
      );
    }
    await writeFile(path, `${lines.join('\r\n')}\r\n`);
    const state = await csvSource({ path }).load();
    expect(state.findings).toEqual([]);
    expect(state.users).toHaveLength(10_000);
    expect(state.users.find((user) => user.userName === 'user9999@example.com')).toMatchObject({
      givenName: 'First\n9999',
      models: { Sales: { role: 'Planner' } },
      refs: [{ row: 29_999 }, { row: 30_001 }], // user i starts on line 2 + 3i
    });
  });

  it('reads a web ReadableStream once; a second load reports a source-error', async () => {
    const stream = new Blob(['email,first_name,last_name\nada@example.com,Ada,Lovelace\n']).stream();
    const source = csvSource({ stream });
    expect((await source.load()).users).toHaveLength(1);
    const again = await source.load();
    expect(again.users).toEqual([]);
    expect(again.findings[0]?.message).toBe('stream: the stream was already read by an earlier load()');
  });

  it('stops reading at a wrong header instead of reading the whole stream', async () => {
    let pulled = 0;
    async function* endless() {
      yield 'mail,first_name,last_name\n';
      for (;;) {
        pulled++;
        yield 'ada@example.com,Ada,Lovelace\n'.repeat(1000);
      }
    }
    const state = await csvSource({ stream: endless() }).load();
    expect(state.findings[0]?.message).toContain('unknown column "mail"');
    expect(pulled).toBeLessThan(100);
  });

  it('rejects with the abort reason when the signal aborts', async () => {
    const path = join(directory, 'abort.csv');
    await writeFile(path, `email,first_name,last_name\n${'ada@example.com,Ada,Lovelace\n'.repeat(100_000)}`);
    const reason = new Error('stop');
    await expect(csvSource({ path }).load({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    const controller = new AbortController();
    const loading = csvSource({ path }).load({ signal: controller.signal });
    controller.abort(reason);
    await expect(loading).rejects.toBe(reason);
  });

  it('validates its options', () => {
    expect(() => csvSource({})).toThrow('csvSource: give exactly one of path, text and stream');
    expect(() => csvSource({ text: 'a', path: 'b' })).toThrow('give exactly one of path, text and stream');
    expect(() => csvSource({ text: 'a', pth: 'b' } as never)).toThrow(
      'csvSource: unknown option "pth" (valid options: path, text, stream, columns, delimiter, name)',
    );
    expect(() => csvSource({ text: 'a', columns: { mail: 'E-mail' } as never })).toThrow(
      'columns: unknown column "mail"',
    );
    expect(() => csvSource({ text: 'a', columns: { email: 'x', first_name: 'X' } })).toThrow(
      'columns: email and first_name would both be read from "X"',
    );
    expect(() => csvSource({ text: 'a', columns: { email: 'First_Name' } })).toThrow(
      'columns: email and first_name would both be read from "first_name"',
    );
    expect(() => csvSource({ stream: 'text' as never })).toThrow('stream: must be an async iterable');
  });

  it('rejects invalid options with a ConfigurationError whose key names the option at fault', () => {
    const keyOf = (make: () => unknown): string | undefined => {
      try {
        make();
      } catch (error) {
        return isConfigurationError(error) ? error.key : `not a ConfigurationError: ${String(error)}`;
      }
      return undefined;
    };
    expect(keyOf(() => csvSource({ text: 'a', pth: 'b' } as never))).toBe('pth');
    expect(keyOf(() => csvSource({ stream: 'text' as never }))).toBe('stream');
    expect(keyOf(() => csvSource({ text: 'a', path: 'b' }))).toBe('path, text, stream');
    expect(keyOf(() => csvSource({ text: 'a', columns: { mail: 'E-mail' } as never }))).toBe('columns.mail');
    expect(keyOf(() => csvSource({ text: 'a', columns: { email: ' ' } }))).toBe('columns.email');
    expect(keyOf(() => csvSource({ text: 'a', columns: { email: 'x', first_name: 'X' } }))).toBe(
      'columns.first_name',
    );
  });
});
