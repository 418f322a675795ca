import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsv, readCsvRows } from './csv-reader.js';

describe('readCsv', () => {
  it('reads the header, drops a BOM, and keeps quoted line breaks', () => {
    const table = readCsv('\uFEFFEmail,Note\r\na@example.com,"x\r\ny"\r\nb@example.com\r\n');
    expect(table.headers).toEqual(['Email', 'Note']);
    expect(table.rows).toEqual([
      { Email: 'a@example.com', Note: 'x\r\ny' },
      { Email: 'b@example.com', Note: '' },
    ]);
  });

  it('reads an empty file as no rows', () => {
    expect(readCsv('')).toEqual({ headers: [], rows: [] });
  });
});

describe('readCsvRows', () => {
  it('streams rows from byte pieces split anywhere, even inside a multi-byte character', async () => {
    const bytes = Buffer.from('Name,City\nZoë,東京\n"a\nb",x\n');
    const pieces = [...bytes].map((byte) => Buffer.from([byte]));
    const rows = [];
    for await (const row of readCsvRows(Readable.from(pieces))) rows.push(row);
    expect(rows).toEqual([
      { Name: 'Zoë', City: '東京' },
      { Name: 'a\nb', City: 'x' },
    ]);
  });

  it('passes on an error of the source', async () => {
    async function* failing() {
      yield 'a,b\n1,2\n';
      throw new Error('source broke');
    }
    const rows = [];
    await expect(
      (async () => {
        for await (const row of readCsvRows(failing())) rows.push(row);
      })(),
    ).rejects.toThrow('source broke');
  });
});
