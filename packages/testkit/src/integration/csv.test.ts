import { describe, expect, it } from 'vitest';
import { formatCsv, formatCsvLine, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, separators and line breaks inside quotes, CRLF, and a BOM', () => {
    const records = parseCsv('\uFEFFa,"b,c","say ""hi"""\r\n"multi\nline",x,\n\nlast');
    expect(records).toEqual([
      { fields: ['a', 'b,c', 'say "hi"'], line: 1 },
      { fields: ['multi\nline', 'x', ''], line: 2 },
      { fields: [''], line: 4 },
      { fields: ['last'], line: 5 },
    ]);
  });

  it('uses the given separator', () => {
    expect(parseCsv('a;b\tc\n', ';').map((record) => record.fields)).toEqual([['a', 'b\tc']]);
    expect(parseCsv('a\tb\n', '\t').map((record) => record.fields)).toEqual([['a', 'b']]);
  });
});

describe('formatCsv', () => {
  it('quotes only what needs it, unless every field must be quoted', () => {
    expect(formatCsvLine(['a', 'b,c', 'say "hi"', 'x\ny'])).toBe('a,"b,c","say ""hi""","x\ny"');
    expect(formatCsvLine(['a', ''], { quoteAll: true })).toBe('"a",""');
    expect(formatCsv([['h'], ['v']])).toBe('h\nv\n');
  });

  it('round-trips through parseCsv', () => {
    const rows = [
      ['Email', 'Note'],
      ['a@example.com', 'x, "y"\nz'],
    ];
    expect(parseCsv(formatCsv(rows)).map((record) => record.fields)).toEqual(rows);
  });
});
