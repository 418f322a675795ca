import { csvRecordBatches, csvRecordsOf } from '../internal/csv-records.js';

/** Options of {@link readCsv} and {@link readCsvRows}. */
export interface CsvReadOptions {
  /** Field separator (one character). @default ',' */
  delimiter?: string;
  /** Text delimiter. @default '"' */
  quote?: string;
  /**
   * Accept a record whose cell count differs from the header's: missing trailing cells read as empty strings,
   * extra cells are dropped. The SDK never sets it for data it decides on (Users exports, failure dumps): there a
   * ragged record means a cut or broken file. @default false
   */
  relaxColumnCount?: boolean;
}

/** A parsed CSV file: its header and its data rows keyed by header name. */
export interface CsvTable {
  /** Header names in file order. */
  headers: string[];
  /** Data rows, each with exactly the header's cells (unless `relaxColumnCount`). */
  rows: Record<string, string>[];
}

/**
 * Parses CSV text (or UTF-8 bytes) with csv-parse: the first line is the header, a UTF-8 byte order mark is dropped,
 * quoted cells may hold separators, quotes (`""`) and line breaks, and `\n` and `\r\n` line endings are both read.
 * Every record must have as many cells as the header.
 *
 * @example
 * ```ts
 * const { headers, rows } = readCsv('Email,Role\njane@example.com,Planner\n');
 * rows[0]?.Role; // 'Planner'
 * ```
 * @throws {CsvReadError} when a record's cell count differs from the header's (`column-count`, naming the row),
 *   or the text is not valid CSV, for example it ends inside a quoted cell (`malformed`).
 */
export function readCsv(input: string | Uint8Array, options: CsvReadOptions = {}): CsvTable {
  const [header = [], ...data] = csvRecordsOf(input, options);
  return { headers: header, rows: data.map((record) => toRow(header, record)) };
}

/**
 * Parses a CSV byte or text stream row by row with csv-parse's streaming parser, holding only the current rows in
 * memory. The first record is the header; every record must have as many cells as the header.
 *
 * @example
 * ```ts
 * for await (const row of readCsvRows(fs.createReadStream('users.csv'))) console.log(row.Email);
 * ```
 * @throws {CsvReadError} when a record's cell count differs from the header's or the text is not valid CSV; the
 *   rows before it may have been yielded. An error of the source is passed on as it is.
 */
export async function* readCsvRows(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: CsvReadOptions = {},
): AsyncGenerator<Record<string, string>, void, undefined> {
  let header: string[] | undefined;
  for await (const records of csvRecordBatches(source, options))
    for (const record of records) {
      if (header === undefined) header = record;
      else yield toRow(header, record);
    }
}

function toRow(header: readonly string[], record: readonly string[]): Record<string, string> {
  const row: Record<string, string> = {};
  header.forEach((name, index) => {
    row[name] = record[index] ?? '';
  });
  return row;
}
