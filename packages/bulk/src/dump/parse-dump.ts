import { readCsv } from '../csv/csv-reader.js';

/** One row that an import rejected or accepted with a warning, read from its failure dump. */
export interface DumpFailure {
  /** The row's line number in the uploaded file (`_Line_`); `undefined` when the dump does not give one. */
  line: number | undefined;
  /** `_Status_`: `E` is an error (row rejected), `W` a warning (row loaded). Any other code is read as an error. */
  status: 'error' | 'warning';
  /** The `_Error_1_`, `_Error_2_`, … messages, in order, without empty ones. */
  messages: string[];
  /** The row's original cells, keyed by the uploaded file's header names. */
  row: Record<string, string>;
}

const statusColumn = '_Status_';
const lineColumn = '_Line_';
const errorColumn = /^_Error_(\d+)_$/;

/**
 * Parses an Anaplan import failure dump: the uploaded file's columns with `_Status_` (`E` or `W`) in front and
 * `_Line_`, `_Error_1_`, `_Error_2_`, … after them.
 *
 * @example
 * ```ts
 * parseDump('"_Status_","Email","_Line_","_Error_1_"\n"E","x","2","Invalid email"\n');
 * // [{ line: 2, status: 'error', messages: ['Invalid email'], row: { Email: 'x' } }]
 * ```
 * @throws {Error} csv-parse's `CsvError` when the dump is not valid CSV.
 */
export function parseDump(dump: string | Uint8Array): DumpFailure[] {
  const { headers, rows } = readCsv(dump);
  const errorColumns = headers
    .map((name) => ({ name, order: Number(errorColumn.exec(name)?.[1] ?? Number.NaN) }))
    .filter((column) => !Number.isNaN(column.order))
    .sort((left, right) => left.order - right.order)
    .map((column) => column.name);
  const special = new Set([statusColumn, lineColumn, ...errorColumns]);
  const dataColumns = headers.filter((name) => !special.has(name));
  return rows.map((cells) => {
    const line = Number.parseInt(cells[lineColumn] ?? '', 10);
    const row: Record<string, string> = {};
    for (const name of dataColumns) row[name] = cells[name] ?? '';
    return {
      line: Number.isNaN(line) ? undefined : line,
      status: (cells[statusColumn] ?? '').trim().toUpperCase() === 'W' ? 'warning' : 'error',
      messages: errorColumns.map((name) => cells[name] ?? '').filter((message) => message !== ''),
      row,
    };
  });
}
