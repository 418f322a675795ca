// Tests: ../csv/csv-reader.test.ts, ../dump/parse-dump.test.ts
import { CsvError, parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { CsvReadError } from '../errors/csv-read-error.js';

/** Largest byte piece handed to the streaming parser at once. */
const feedBytes = 64 * 1024;

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
 * Streams the records of a byte or text stream, the header first, in batches of the records parsed so far (a few
 * hundred at a time: a reader of millions of records pays for one hand-over per batch, not per record), holding only
 * those in memory. A ragged record or invalid text (including a quote still open when the stream ends) is a
 * {@link CsvReadError}, thrown after the batch of whole records before it; an error of the source is passed on as
 * it is. @internal
 */
export async function* csvRecordBatches(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: CsvRecordOptions = {},
): AsyncGenerator<string[][], void, undefined> {
  const parser = parseStream(parserOptions(options));
  let sourceError: { error: unknown } | undefined;
  let parseError: { error: unknown } | undefined;
  parser.on('error', (error) => {
    parseError ??= { error };
  });
  const feeding = (async () => {
    try {
      for await (const piece of source) {
        // The parser turns a whole write into records at once: byte slices keep what waits to be read to a few
        // hundred records (a string is written whole, so that no character is cut in two).
        const slices = typeof piece === 'string' ? 1 : Math.ceil(piece.length / feedBytes);
        for (let index = 0; index < slices; index += 1) {
          if (parser.destroyed) return;
          const slice =
            typeof piece === 'string' ? piece : piece.subarray(index * feedBytes, (index + 1) * feedBytes);
          if (!parser.write(slice)) await settled(parser, 'drain');
        }
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
    for (;;) {
      const batch: string[][] = [];
      let ragged: CsvReadError | undefined;
      for (let record: string[] | null = parser.read(); record !== null; record = parser.read()) {
        if (header === undefined) header = record;
        else if (options.relaxColumnCount !== true) ragged = widthProblem(header, record, index);
        if (ragged !== undefined) break;
        index += 1;
        batch.push(record);
      }
      // The whole records before a ragged one are handed over first.
      if (batch.length > 0) yield batch;
      if (ragged !== undefined) throw ragged;
      if (sourceError !== undefined) throw sourceError.error;
      if (parseError !== undefined) throw parseError.error;
      if (parser.readableEnded) return;
      await settled(parser, 'readable');
    }
  } catch (error) {
    if (sourceError !== undefined) throw sourceError.error;
    throw toCsvReadError(error);
  } finally {
    if (!parser.destroyed) parser.destroy();
    await feeding;
  }
}

/** Resolves once `event` fires on the parser, or it ends, fails or closes. */
function settled(parser: ReturnType<typeof parseStream>, event: 'readable' | 'drain'): Promise<void> {
  return new Promise((resolve) => {
    const events = [event, 'end', 'error', 'close'] as const;
    const wake = () => {
      for (const name of events) parser.off(name, wake);
      resolve();
    };
    for (const name of events) parser.on(name, wake);
  });
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
  const problem = widthProblem(header, record, row);
  if (problem !== undefined) throw problem;
}

function widthProblem(
  header: readonly string[],
  record: readonly string[],
  row: number,
): CsvReadError | undefined {
  if (record.length === header.length) return undefined;
  return new CsvReadError({
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
