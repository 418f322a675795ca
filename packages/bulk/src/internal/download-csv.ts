// Tests: ../model/run-export.test.ts
import { isCsvReadError } from '../errors/csv-read-error.js';
import { DownloadReadError } from '../errors/download-read-error.js';

/**
 * Passes on the rows parsed from a download; a CSV that cannot be read completely becomes a
 * {@link DownloadReadError} (`csv`) naming the download and the row, with the parser's error as its cause.
 * @internal
 */
export async function* downloadedRows<Row>(
  rows: AsyncIterable<Row>,
  download: { what: string; path: string },
): AsyncGenerator<Row, void, undefined> {
  try {
    yield* rows;
  } catch (error) {
    throw asDownloadReadError(error, download);
  }
}

/** A {@link CsvReadError} of a download as a {@link DownloadReadError}; any other error as it is. @internal */
export function asDownloadReadError(error: unknown, download: { what: string; path: string }): unknown {
  if (!isCsvReadError(error)) return error;
  return new DownloadReadError({
    ...download,
    problem: 'csv',
    detail: error.message,
    row: error.row,
    cause: error,
  });
}
