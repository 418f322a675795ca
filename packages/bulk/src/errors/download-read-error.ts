// Tests: ./guards.test.ts, ../model/run-export.test.ts, ../model/run-import.test.ts
import { IncompleteReadError, type IncompleteReadReason, isAnaplanAccessError } from '@anaplan-access/core';
import type { CsvReadError } from './csv-read-error.js';

/** Why a downloaded export file or failure dump could not be read completely. */
export type DownloadReadProblem =
  /** The chunk listing is not the chunks `0` … `N-1`, each once (a chunk is missing, repeated or unknown). */
  | 'chunk-list'
  /** The chunk listing does not have as many chunks as the file's metadata (`chunkCount`) announces. */
  | 'chunk-count'
  /** A chunk of a file with several chunks arrived without a single byte. */
  | 'empty-chunk'
  /** The server said there is content (a finished export, `failureDumpAvailable`), yet none arrived. */
  | 'no-content'
  /** The bytes are not a complete CSV table: a record cut short, a cell count unlike the header's, an open quote. */
  | 'csv';

/** What a {@link DownloadReadError} is built from. */
export interface DownloadReadErrorInit {
  /** What was downloaded, e.g. `export 116000000001` or `failure dump of import 112000000001 (task 4F…)`. */
  what: string;
  /** The API path of the file or dump (ids only; no credential is ever part of it). */
  path: string;
  problem: DownloadReadProblem;
  /** What is wrong, in words. */
  detail: string;
  /** For `csv`: the 1-based data row of the problem, when known. */
  row?: number | undefined;
  /** For `csv`: the parser's error. */
  cause?: CsvReadError;
}

/** The listing reason nearest to each download problem (`problem` stays the exact one). */
const nearestReason: Record<DownloadReadProblem, IncompleteReadReason> = {
  'chunk-list': 'count-mismatch',
  'chunk-count': 'count-mismatch',
  'empty-chunk': 'empty-page',
  'no-content': 'empty-page',
  csv: 'missing-field',
};

/**
 * An export file or a failure dump arrived incomplete or unreadable: its chunks do not add up, a chunk is empty, or
 * its CSV is cut or ragged. Nothing is read from such a download — a partial Users export must never read as
 * "these users have no access", and a partial dump never as "these rows succeeded".
 *
 * It is an {@link IncompleteReadError} (so `isIncompleteReadError` catches incomplete listings and downloads
 * alike): `listing` is `GET` and the download's path, `reason` the nearest listing reason (`count-mismatch` for
 * chunks that do not add up, `empty-page` for an empty chunk or no content, `missing-field` for a cut or ragged
 * record), and `problem` the exact one.
 *
 * @example
 * ```ts
 * try {
 *   await model.runExport('Users export');
 * } catch (error) {
 *   if (isDownloadReadError(error)) console.log(error.problem, error.what, error.row);
 * }
 * ```
 */
export class DownloadReadError extends IncompleteReadError {
  static override readonly kind: string = 'download-read';
  override readonly name: string = 'DownloadReadError';
  readonly what: string;
  readonly path: string;
  readonly problem: DownloadReadProblem;
  /** For `csv`: the 1-based data row of the problem, when known. */
  readonly row: number | undefined;

  constructor(init: DownloadReadErrorInit) {
    super({
      listing: `GET ${init.path}`,
      reason: nearestReason[init.problem],
      // The listing names the path; the detail names the download as a person knows it, and the exact problem.
      detail: `${init.what}, ${init.problem}: ${init.detail}`,
      ...(init.cause === undefined ? {} : { cause: init.cause }),
    });
    this.what = init.what;
    this.path = init.path;
    this.problem = init.problem;
    this.row = init.row;
  }

  /** A plain, credential-free view for logs and `JSON.stringify`, with the download and its problem. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), what: this.what, path: this.path, problem: this.problem, row: this.row };
  }
}

/**
 * Whether `value` is a {@link DownloadReadError} (from any installed copy of the package).
 *
 * @example
 * ```ts
 * if (isDownloadReadError(error)) console.log(`not read: ${error.what} (${error.problem})`);
 * ```
 */
export const isDownloadReadError = (value: unknown): value is DownloadReadError =>
  isAnaplanAccessError(value, 'download-read');
