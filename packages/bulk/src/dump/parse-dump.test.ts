import { describe, expect, it } from 'vitest';
import { isCsvReadError } from '../errors/csv-read-error.js';
import type { DumpFailure } from './dump-failure.js';
import { parseDump, readDumpRows } from './parse-dump.js';

describe('parseDump', () => {
  it('refuses a ragged dump instead of reading a missing cell as empty', () => {
    expect(() => parseDump('_Status_,Email,_Line_,_Error_1_\nE,x,2\n')).toThrow(
      expect.objectContaining({ name: 'CsvReadError', problem: 'column-count', row: 1 }),
    );
  });

  it('reads status, line, messages and the original cells (the documented example)', () => {
    const dump =
      '"_Status_","Column 1","Parent","Code","Start Date","_Line_","_Error_1_"\n' +
      '"W","Max Warren",",,","","4/16/12","151","Invalid parent"\n' +
      '"E","","Parent","Code","Start Date","11522","Invalid name: Code"\n';
    expect(parseDump(dump)).toEqual([
      {
        line: 151,
        status: 'warning',
        messages: ['Invalid parent'],
        row: { 'Column 1': 'Max Warren', Parent: ',,', Code: '', 'Start Date': '4/16/12' },
      },
      {
        line: 11522,
        status: 'error',
        messages: ['Invalid name: Code'],
        row: { 'Column 1': '', Parent: 'Parent', Code: 'Code', 'Start Date': 'Start Date' },
      },
    ]);
  });

  it('orders several error columns by number and drops empty ones', () => {
    const dump =
      '_Status_,Email,_Line_,_Error_2_,_Error_10_,_Error_1_\nE,x,7,second,tenth,first\nE,y,,,,only\n';
    const failures = parseDump(new TextEncoder().encode(dump));
    expect(failures[0]?.messages).toEqual(['first', 'second', 'tenth']);
    expect(failures[1]).toMatchObject({ line: undefined, messages: ['only'], row: { Email: 'y' } });
  });
});

describe('readDumpRows', () => {
  const header = '"_Status_","Email","Role","_Line_","_Error_1_"\n';
  const record = (index: number) =>
    `"E","user${index}@example.com","Wizard","${index + 2}","Invalid role: Wizard"\n`;

  it('yields failures while the dump is still arriving (a few MB, in 64 KiB pieces)', async () => {
    const rows = 60_000; // about 4 MB
    const text = header + Array.from({ length: rows }, (_, index) => record(index)).join('');
    const bytes = Buffer.from(text);
    const pieceSize = 64 * 1024;
    const pieces = Math.ceil(bytes.length / pieceSize);
    let pulled = 0;
    async function* arriving() {
      for (let start = 0; start < bytes.length; start += pieceSize) {
        pulled += 1;
        yield bytes.subarray(start, start + pieceSize);
      }
    }
    let pulledAtFirst: number | undefined;
    let count = 0;
    let last: DumpFailure | undefined;
    for await (const failure of readDumpRows(arriving())) {
      pulledAtFirst ??= pulled;
      count += 1;
      last = failure;
    }
    expect(pieces).toBeGreaterThan(50);
    expect(pulledAtFirst).toBeLessThan(pieces / 4);
    expect(count).toBe(rows);
    expect(last).toEqual({
      line: rows + 1,
      status: 'error',
      messages: ['Invalid role: Wizard'],
      row: { Email: `user${rows - 1}@example.com`, Role: 'Wizard' },
    });
  });

  it('refuses a dump cut in the middle of a record, after the whole records before it', async () => {
    const seen: DumpFailure[] = [];
    const error = await (async () => {
      for await (const failure of readDumpRows([
        header,
        record(0),
        record(1).slice(0, record(1).indexOf('"Wizard"')),
      ]))
        seen.push(failure);
    })().catch((caught: unknown) => caught);
    expect(isCsvReadError(error)).toBe(true);
    expect(error).toMatchObject({ problem: 'column-count', row: 2, expectedColumns: 5, actualColumns: 3 });
    expect(seen).toHaveLength(1);
  });
});
