import { CsvError, parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { CsvReadError } from '../errors/csv-read-error.js';

/** How the CSV readers split text into records. @internal */
export interface CsvRecordOptions {
  delimiter?: string | undefined;
  quote?: string | undefined;
  /** Accept records whose cell count differs from the header's. @default false */
  relaxColumnCount?: boolean | undefined;
}

/** Every record of `input`, the header first; a ragged record or invalid text is a {@link CsvReadError}. @internal */
export function csvRecordsOf(input: string | Uint8Array, options: CsvRecordOptions = {}): string[][] {
  let records: string[][];
  try {
    records = parse(input, parserOptions(options));
  } catch (error) {
    throw toCsvReadError(error);
  }
  const header = records[0];
  if (header !== undefined && options.relaxColumnCount !== true)
    for (let index = 1; index < records.length; index += 1)
      checkWidth(header, records[index] as string[], index);
  return records;
}

/**
 * Streams the records of a byte or text stream, the header first, holding only the records being parsed. A ragged
 * record or invalid text (including a quote still open when the stream ends) is a {@link CsvReadError}; an error of
 * the source is passed on as it is. @internal
 */
export async function* csvRecords(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: CsvRecordOptions = {},
): AsyncGenerator<string[], void, undefined> {
  const parser = parseStream(parserOptions(options));
  let sourceError: { error: unknown } | undefined;
  const feeding = (async () => {
    try {
      for await (const piece of source) {
        if (parser.destroyed) return;
        if (!parser.write(piece)) await new Promise((resolve) => parser.once('drain', resolve));
      }
      parser.end();
    } catch (error) {
      sourceError = { error };
      parser.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  let header: string[] | undefined;
  let index = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header === undefined) header = record;
      else if (options.relaxColumnCount !== true) checkWidth(header, record, index);
      index += 1;
      yield record;
    }
  } catch (error) {
    if (sourceError !== undefined) throw sourceError.error;
    throw toCsvReadError(error);
  } finally {
    if (!parser.destroyed) parser.destroy();
    await feeding;
  }
}

function parserOptions(options: CsvRecordOptions) {
  return {
    bom: true,
    delimiter: options.delimiter ?? ',',
    quote: options.quote ?? '"',
    // The cell count is checked here, so that a ragged record names its row and is never padded or cut.
    relax_column_count: true,
    skip_empty_lines: true,
  };
}

function checkWidth(header: readonly string[], record: readonly string[], row: number): void {
  if (record.length === header.length) return;
  throw new CsvReadError({
    problem: 'column-count',
    row,
    expectedColumns: header.length,
    actualColumns: record.length,
  });
}

/** csv-parse's error as a {@link CsvReadError} (its message may quote a cell; this one does not). */
function toCsvReadError(error: unknown): unknown {
  if (!(error instanceof CsvError)) return error;
  const details = error as CsvError & { lines?: unknown; records?: unknown };
  return new CsvReadError({
    problem: 'malformed',
    // Records are counted from the header (record 0), so the count so far is the data row that failed.
    row: typeof details.records === 'number' ? details.records : undefined,
    line: typeof details.lines === 'number' ? details.lines : undefined,
    code: error.code,
  });
}
