// Tests: ./guards.test.ts, ../csv/csv-reader.test.ts
import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';

/** Why a CSV text could not be read completely. */
export type CsvReadProblem =
  /** A record has more or fewer cells than the header. */
  | 'column-count'
  /** The text is not valid CSV: a quote left open at the end (often a cut file), a stray quote, … */
  | 'malformed';

/** What a {@link CsvReadError} is built from. */
export interface CsvReadErrorInit {
  problem: CsvReadProblem;
  /** 1-based data row (the header is row 0) where the problem is; `undefined` when the parser does not say. */
  row: number | undefined;
  /** 1-based line of the text where the parser stopped, when it says. */
  line?: number | undefined;
  /** Number of header cells (for `column-count`). */
  expectedColumns?: number | undefined;
  /** Number of cells of the faulty record (for `column-count`). */
  actualColumns?: number | undefined;
  /** csv-parse's code for a `malformed` text, e.g. `CSV_QUOTE_NOT_CLOSED`. */
  code?: string | undefined;
}

/**
 * A CSV text cannot be read completely and unambiguously: a record's cell count differs from the header's, or the
 * text is not valid CSV (for example it ends inside a quoted cell because it was cut). The readers never guess the
 * missing cells. The message names the row (and line), never a cell's value.
 *
 * @example
 * ```ts
 * try {
 *   readCsv('Email,Role\njane@example.com\n');
 * } catch (error) {
 *   if (isCsvReadError(error)) console.log(error.problem, error.row); // 'column-count' 1
 * }
 * ```
 */
export class CsvReadError extends AnaplanAccessError {
  static override readonly kind: string = 'csv-read';
  override readonly name: string = 'CsvReadError';
  readonly problem: CsvReadProblem;
  /** 1-based data row (the header is row 0), when known. */
  readonly row: number | undefined;
  /** 1-based line of the text where the parser stopped, when known. */
  readonly line: number | undefined;
  readonly expectedColumns: number | undefined;
  readonly actualColumns: number | undefined;
  /** csv-parse's error code for a `malformed` text. */
  readonly code: string | undefined;

  constructor(init: CsvReadErrorInit) {
    super(csvReadMessage(init));
    this.problem = init.problem;
    this.row = init.row;
    this.line = init.line;
    this.expectedColumns = init.expectedColumns;
    this.actualColumns = init.actualColumns;
    this.code = init.code;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      problem: this.problem,
      row: this.row,
      line: this.line,
      expectedColumns: this.expectedColumns,
      actualColumns: this.actualColumns,
      code: this.code,
    };
  }
}

function csvReadMessage(init: CsvReadErrorInit): string {
  const where = [
    init.row === undefined ? undefined : init.row === 0 ? 'the header' : `data row ${init.row}`,
    init.line === undefined ? undefined : `line ${init.line}`,
  ]
    .filter(Boolean)
    .join(', ');
  if (init.problem === 'column-count')
    return `CSV ${where || 'record'} has ${cells(init.actualColumns)} where the header has ${cells(init.expectedColumns)}; the text is cut or not rectangular, and no cell is guessed`;
  return `CSV text is not valid${where ? ` at ${where}` : ''} (${init.code ?? 'parse error'})${init.code === 'CSV_QUOTE_NOT_CLOSED' ? ': it ends inside a quoted cell, so it was probably cut' : ''}`;
}

function cells(count: number | undefined): string {
  return `${count} cell${count === 1 ? '' : 's'}`;
}

/**
 * Whether `value` is a {@link CsvReadError} (from any installed copy of the package).
 *
 * @example
 * ```ts
 * if (isCsvReadError(error)) console.log(`row ${error.row}: ${error.problem}`);
 * ```
 */
export const isCsvReadError = (value: unknown): value is CsvReadError =>
  isAnaplanAccessError(value, 'csv-read');
