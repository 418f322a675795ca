import { csvRecordBatches, csvRecordsOf } from '../internal/csv-records.js';

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
 * `_Line_`, `_Error_1_`, `_Error_2_`, … after them. The whole dump is held in memory; for a large one use
 * {@link readDumpRows}.
 *
 * @example
 * ```ts
 * parseDump('"_Status_","Email","_Line_","_Error_1_"\n"E","x","2","Invalid email"\n');
 * // [{ line: 2, status: 'error', messages: ['Invalid email'], row: { Email: 'x' } }]
 * ```
 * @throws {CsvReadError} when the dump is not a complete CSV table (a row cut short, a cell count unlike the
 *   header's, a quote left open).
 */
export function parseDump(dump: string | Uint8Array): DumpFailure[] {
  const [header, ...records] = csvRecordsOf(dump);
  if (header === undefined) return [];
  const toFailure = dumpLayout(header);
  return records.map(toFailure);
}

/**
 * Parses a failure dump from a byte or text stream record by record, so a dump of any size is read in the memory
 * of a few records: each failure is yielded as soon as its record has arrived.
 *
 * @example
 * ```ts
 * let errors = 0;
 * for await (const failure of readDumpRows(fs.createReadStream('dump.csv'))) if (failure.status === 'error') errors++;
 * ```
 * @throws {CsvReadError} when the dump is not a complete CSV table (the failures before the problem may have
 *   been yielded). An error of the source is passed on as it is.
 */
export async function* readDumpRows(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): AsyncGenerator<DumpFailure, void, undefined> {
  for await (const batch of dumpFailureBatches(source)) yield* batch;
}

/** Like {@link readDumpRows}, in batches of the failures parsed so far. @internal */
export async function* dumpFailureBatches(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): AsyncGenerator<DumpFailure[], void, undefined> {
  let toFailure: ((record: readonly string[]) => DumpFailure) | undefined;
  for await (const records of csvRecordBatches(source)) {
    const failures: DumpFailure[] = [];
    for (const record of records) {
      if (toFailure === undefined) toFailure = dumpLayout(record);
      else failures.push(toFailure(record));
    }
    if (failures.length > 0) yield failures;
  }
}

/** Reads a dump's header once and returns the reader of its records. */
function dumpLayout(header: readonly string[]): (record: readonly string[]) => DumpFailure {
  const errorIndexes = header
    .map((name, index) => ({ index, order: Number(errorColumn.exec(name)?.[1] ?? Number.NaN) }))
    .filter((column) => !Number.isNaN(column.order))
    .sort((left, right) => left.order - right.order)
    .map((column) => column.index);
  const statusIndex = header.indexOf(statusColumn);
  const lineIndex = header.indexOf(lineColumn);
  const special = new Set([statusIndex, lineIndex, ...errorIndexes]);
  const dataColumns = header
    .map((name, index) => ({ name, index }))
    .filter((column) => !special.has(column.index));
  return (record) => {
    const line = Number.parseInt(record[lineIndex] ?? '', 10);
    const row: Record<string, string> = {};
    for (const column of dataColumns) row[column.name] = record[column.index] ?? '';
    const messages: string[] = [];
    for (const index of errorIndexes) {
      const message = record[index] ?? '';
      if (message !== '') messages.push(message);
    }
    return {
      line: Number.isNaN(line) ? undefined : line,
      status: (record[statusIndex] ?? '').trim().toUpperCase() === 'W' ? 'warning' : 'error',
      messages,
      row,
    };
  };
}
