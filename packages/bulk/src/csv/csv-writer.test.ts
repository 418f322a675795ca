import { isAnaplanAccessError } from '@anaplan-access/core';
import { describe, expect, it } from 'vitest';
import { readCsv } from './csv-reader.js';
import { isFormulaLike, writeCsv } from './csv-writer.js';

describe('writeCsv', () => {
  it('writes a header and quotes cells that need it', () => {
    const csv = writeCsv(
      [
        { Name: 'Doe, Jane', Note: 'said "hi"', Lines: 'one\ntwo', Count: 3, Flag: true, Empty: null },
        { Name: ' padded ', Note: undefined, Lines: '', Count: -5, Flag: false, Empty: '' },
      ],
      { columns: ['Name', 'Note', 'Lines', 'Count', 'Flag', 'Empty'] },
    );
    expect(csv).toBe(
      'Name,Note,Lines,Count,Flag,Empty\n"Doe, Jane","said ""hi""","one\ntwo",3,true,\n" padded ",,,-5,false,\n',
    );
    expect(readCsv(csv).rows[0]).toEqual({
      Name: 'Doe, Jane',
      Note: 'said "hi"',
      Lines: 'one\ntwo',
      Count: '3',
      Flag: 'true',
      Empty: '',
    });
  });

  it('prefixes formula-like text cells with a quote by default, but not negative numbers', () => {
    const dangerous = ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\ry'];
    const csv = writeCsv(
      dangerous.map((value) => ({ Value: value, Number: -1 })),
      { columns: ['Value', 'Number'] },
    );
    const rows = readCsv(csv).rows;
    expect(rows.map((row) => row.Value)).toEqual(dangerous.map((value) => `'${value}`));
    expect(rows.every((row) => row.Number === '-1')).toBe(true);
  });

  it('refuses a formula-like cell under the refuse policy, naming row and column', () => {
    let caught: unknown;
    try {
      writeCsv([{ A: 'ok' }, { A: '=HYPERLINK("http://evil")' }], {
        columns: ['A'],
        formulaPolicy: 'refuse',
      });
    } catch (error) {
      caught = error;
    }
    expect(isAnaplanAccessError(caught, 'csv-formula')).toBe(true);
    expect(caught).toMatchObject({ rowIndex: 1, column: 'A' });
    expect(String(caught)).not.toContain('evil');
  });

  it('writes CRLF line endings and another delimiter when asked', () => {
    expect(
      writeCsv([{ A: 1, B: 2 }], { columns: ['A', 'B'], delimiter: '\t', recordDelimiter: '\r\n' }),
    ).toBe('A\tB\r\n1\t2\r\n');
  });
});

describe('isFormulaLike', () => {
  it('knows the six formula starts', () => {
    expect(['=', '+', '-', '@', '\t', '\r'].every((start) => isFormulaLike(`${start}x`))).toBe(true);
    expect(isFormulaLike('a=b')).toBe(false);
    expect(isFormulaLike('')).toBe(false);
  });
});
