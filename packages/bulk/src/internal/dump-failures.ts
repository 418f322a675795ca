// Tests: ../dump/parse-dump.test.ts, ../model/run-import.test.ts
import type { DumpFailure } from '../dump/dump-failure.js';
import { csvRecordBatches } from './csv-records.js';

const statusColumn = '_Status_';
const lineColumn = '_Line_';
const errorColumn = /^_Error_(\d+)_$/;

/** The failures of a dump stream, in batches of those parsed so far (`readDumpRows` one by one). @internal */
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

/** Reads a dump's header once and returns the reader of its records. @internal */
export function dumpLayout(header: readonly string[]): (record: readonly string[]) => DumpFailure {
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
