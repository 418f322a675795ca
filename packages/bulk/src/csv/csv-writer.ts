import { stringify } from 'csv-stringify/sync';
import { CsvFormulaError } from '../errors/csv-formula-error.js';

/** A value that can be written to a CSV cell. `null` and `undefined` become an empty cell. */
export type CsvCell = string | number | bigint | boolean | null | undefined;

/**
 * What the writer does with a text cell that a spreadsheet would run as a formula: one starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return (CSV/formula injection, OWASP).
 *
 * - `'prefix'`: write it with a leading single quote (`'=SUM(A1)`), which spreadsheets show as text. The value that
 *   reaches Anaplan then starts with the quote, so the cell is changed, but never executed when the file is opened.
 * - `'refuse'`: throw a {@link CsvFormulaError} naming the row and column, and write nothing.
 *
 * Numbers are data, not formulas: a negative number (`-5`) is written as it is under both policies.
 */
export type FormulaPolicy = 'prefix' | 'refuse';

/** Options of {@link writeCsv}. */
export interface CsvWriteOptions {
  /** The header names, in order. Each row is read by these keys. */
  columns: readonly string[];
  /** Write the header line. @default true */
  header?: boolean;
  /** Field separator (one character). @default ',' */
  delimiter?: string;
  /** Line ending. @default '\n' */
  recordDelimiter?: '\n' | '\r\n';
  /** See {@link FormulaPolicy}. @default 'prefix' */
  formulaPolicy?: FormulaPolicy;
}

const formulaStart = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Whether a text cell would be run as a formula by a spreadsheet (starts with `=`, `+`, `-`, `@`, tab or CR): the
 * cells {@link writeCsv} prefixes with `'` or refuses ({@link FormulaPolicy}). Public so that a program that hands
 * a CSV to people (rejected rows, a report) can tell them which cells were changed, or check its data first.
 *
 * @example
 * ```ts
 * isFormulaLike('=HYPERLINK("x")'); // true
 * isFormulaLike('jane@example.com'); // false
 * ```
 */
export function isFormulaLike(value: string): boolean {
  return value.length > 0 && formulaStart.has(value[0] ?? '');
}

/**
 * Writes rows of objects as CSV text with csv-stringify, quoting where needed and neutralising formula injection.
 *
 * @example
 * ```ts
 * writeCsv([{ Email: 'jane@example.com', Role: 'Planner' }], { columns: ['Email', 'Role'] });
 * // 'Email,Role\njane@example.com,Planner\n'
 * ```
 * @throws {CsvFormulaError} under `formulaPolicy: 'refuse'`, for the first formula-like text cell.
 */
export function writeCsv(
  rows: Iterable<Readonly<Record<string, CsvCell>>>,
  options: CsvWriteOptions,
): string {
  const records = toRecords(rows, options);
  return stringify(records, csvStringifyOptions(options));
}

/** Turns row objects into arrays in column order; under `'refuse'` checks every text cell (and the header). */
function toRecords(rows: Iterable<Readonly<Record<string, CsvCell>>>, options: CsvWriteOptions): CsvCell[][] {
  const refuse = options.formulaPolicy === 'refuse';
  const records: CsvCell[][] = [];
  if (options.header !== false) {
    if (refuse) checkRecord([...options.columns], options.columns, -1);
    records.push([...options.columns]);
  }
  let index = 0;
  for (const row of rows) {
    const record = options.columns.map((column) => row[column]);
    if (refuse) checkRecord(record, options.columns, index);
    records.push(record);
    index += 1;
  }
  return records;
}

/** csv-stringify's options for {@link writeCsv}'s. */
function csvStringifyOptions(options: CsvWriteOptions) {
  return {
    delimiter: options.delimiter ?? ',',
    record_delimiter: options.recordDelimiter === '\r\n' ? ('windows' as const) : ('unix' as const),
    escape_formulas: options.formulaPolicy !== 'refuse',
    quoted_match: /^\s|\s$/,
    cast: { boolean: (value: boolean) => (value ? 'true' : 'false') },
  };
}

function checkRecord(record: readonly CsvCell[], columns: readonly string[], rowIndex: number): void {
  record.forEach((cell, position) => {
    if (typeof cell === 'string' && isFormulaLike(cell)) {
      throw new CsvFormulaError({ rowIndex, column: columns[position] ?? String(position) });
    }
  });
}
