import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type CsvReadError, isCsvReadError } from '../errors/csv-read-error.js';
import { readCsv, readCsvRows } from './csv-reader.js';

/** The error `call` throws, which must be a {@link CsvReadError}. */
async function csvReadError(call: () => unknown): Promise<CsvReadError> {
  const error = await (async () => call())().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isCsvReadError(error), String(error)).toBe(true);
  return error as CsvReadError;
}

async function collect(source: Iterable<string> | AsyncIterable<string>) {
  const rows: Record<string, string>[] = [];
  for await (const row of readCsvRows(source)) rows.push(row);
  return rows;
}

describe('readCsv', () => {
  it('reads the header, drops a BOM, and keeps quoted line breaks', () => {
    const table = readCsv('\uFEFFEmail,Note\r\na@example.com,"x\r\ny"\r\nb@example.com,\r\n');
    expect(table.headers).toEqual(['Email', 'Note']);
    expect(table.rows).toEqual([
      { Email: 'a@example.com', Note: 'x\r\ny' },
      { Email: 'b@example.com', Note: '' },
    ]);
  });

  it('reads an empty file as no rows', () => {
    expect(readCsv('')).toEqual({ headers: [], rows: [] });
  });

  it('refuses a record with fewer or more cells than the header, naming the row and never a value', async () => {
    const short = await csvReadError(() => readCsv('Email,Role\na@example.com,Planner\nb@example.com\n'));
    expect(short).toMatchObject({ problem: 'column-count', row: 2, expectedColumns: 2, actualColumns: 1 });
    expect(short.message).toContain('data row 2');
    expect(short.message).not.toContain('b@example.com');
    const long = await csvReadError(() => readCsv('Email,Role\na@example.com,Planner,extra\n'));
    expect(long).toMatchObject({ problem: 'column-count', row: 1, actualColumns: 3 });
  });

  it('refuses a text cut inside a quoted cell', async () => {
    const error = await csvReadError(() => readCsv('Email,Note\na@example.com,"half a no'));
    expect(error).toMatchObject({ problem: 'malformed', code: 'CSV_QUOTE_NOT_CLOSED' });
    expect(error.message).not.toContain('half a no');
  });

  it('reads a ragged file only when asked to', () => {
    const table = readCsv('Email,Role\nb@example.com\n', { relaxColumnCount: true });
    expect(table.rows).toEqual([{ Email: 'b@example.com', Role: '' }]);
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

  it('yields the rows before a cut record, then refuses it', async () => {
    const rows: Record<string, string>[] = [];
    const error = await csvReadError(async () => {
      for await (const row of readCsvRows(['Email,Role,SSO\n', 'a@example.com,Planner,true\nb@exa']))
        rows.push(row);
    });
    expect(rows).toEqual([{ Email: 'a@example.com', Role: 'Planner', SSO: 'true' }]);
    expect(error).toMatchObject({ problem: 'column-count', row: 2, expectedColumns: 3, actualColumns: 1 });
  });

  it('refuses a stream that ends inside a quoted cell', async () => {
    const error = await csvReadError(() => collect(['Email,Note\n', 'a@example.com,"x\n']));
    expect(error).toMatchObject({ problem: 'malformed', code: 'CSV_QUOTE_NOT_CLOSED' });
  });

  it('passes on an error of the source', async () => {
    async function* failing() {
      yield 'a,b\n1,2\n';
      throw new Error('source broke');
    }
    await expect(collect(failing())).rejects.toThrow('source broke');
  });
});
