import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';

/** Options of {@link readCsv} and {@link readCsvRows}. */
export interface CsvReadOptions {
  /** Field separator (one character). @default ',' */
  delimiter?: string;
  /** Text delimiter. @default '"' */
  quote?: string;
}

/** A parsed CSV file: its header and its data rows keyed by header name. */
export interface CsvTable {
  /** Header names in file order. */
  headers: string[];
  /** Data rows; a missing trailing cell is read as an empty string. */
  rows: Record<string, string>[];
}

/**
 * Parses CSV text (or UTF-8 bytes) with csv-parse: the first line is the header, a UTF-8 byte order mark is dropped,
 * quoted cells may hold separators, quotes (`""`) and line breaks, and `\n` and `\r\n` line endings are both read.
 *
 * @example
 * ```ts
 * const { headers, rows } = readCsv('Email,Role\njane@example.com,Planner\n');
 * rows[0]?.Role; // 'Planner'
 * ```
 * @throws {Error} csv-parse's `CsvError` when the text is not valid CSV (for example an unclosed quote).
 */
export function readCsv(input: string | Uint8Array, options: CsvReadOptions = {}): CsvTable {
  const records: string[][] = parse(input, baseOptions(options));
  const [header = [], ...data] = records;
  return { headers: header, rows: data.map((record) => toRow(header, record)) };
}

/**
 * Parses a CSV byte or text stream row by row with csv-parse's streaming parser, holding only the current rows in
 * memory. The first record is the header.
 *
 * @example
 * ```ts
 * for await (const row of readCsvRows(fs.createReadStream('users.csv'))) console.log(row.Email);
 * ```
 */
export async function* readCsvRows(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: CsvReadOptions = {},
): AsyncGenerator<Record<string, string>, void, undefined> {
  const parser = parseStream(baseOptions(options));
  const feeding = (async () => {
    try {
      for await (const piece of source) {
        if (!parser.write(piece)) await new Promise((resolve) => parser.once('drain', resolve));
      }
      parser.end();
    } catch (error) {
      parser.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  let header: string[] | undefined;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header === undefined) header = record;
      else yield toRow(header, record);
    }
  } finally {
    if (!parser.destroyed) parser.destroy();
    await feeding;
  }
}

function baseOptions(options: CsvReadOptions) {
  return {
    bom: true,
    delimiter: options.delimiter ?? ',',
    quote: options.quote ?? '"',
    relax_column_count: true,
    skip_empty_lines: true,
  };
}

function toRow(header: readonly string[], record: readonly string[]): Record<string, string> {
  const row: Record<string, string> = {};
  header.forEach((name, index) => {
    row[name] = record[index] ?? '';
  });
  return row;
}
