import { csvRecordsOf } from '../internal/csv-records.js';
import { dumpFailureBatches, dumpLayout } from '../internal/dump-failures.js';
import type { DumpFailure } from './dump-failure.js';

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
