// Tests: ./guards.test.ts, ../csv/csv-writer.test.ts
import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';

/** What a {@link CsvFormulaError} is built from. */
export interface CsvFormulaErrorInit {
  /** 0-based index of the data row, or -1 for the header line. */
  rowIndex: number;
  /** The column (header name) of the refused cell. */
  column: string;
}

/**
 * A text cell would be run as a formula by a spreadsheet (it starts with `=`, `+`, `-`, `@`, tab or CR) and the
 * writer was told to refuse such cells (`formulaPolicy: 'refuse'`). The cell's value is not in the message.
 *
 * @example
 * ```ts
 * if (isCsvFormulaError(error)) console.log(error.rowIndex, error.column);
 * ```
 */
export class CsvFormulaError extends AnaplanAccessError {
  static override readonly kind: string = 'csv-formula';
  override readonly name: string = 'CsvFormulaError';
  /** 0-based index of the data row, or -1 for the header line. */
  readonly rowIndex: number;
  /** The column of the refused cell. */
  readonly column: string;

  constructor(init: CsvFormulaErrorInit) {
    const where = init.rowIndex < 0 ? 'the header' : `row ${init.rowIndex}`;
    super(`CSV cell in ${where}, column "${init.column}", starts with a formula character (= + - @ tab CR)`);
    this.rowIndex = init.rowIndex;
    this.column = init.column;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), rowIndex: this.rowIndex, column: this.column };
  }
}

/**
 * Whether `value` is a {@link CsvFormulaError} (by the SDK's brand: also one from another
 * installed copy of the package).
 *
 * @example
 * ```ts
 * if (isCsvFormulaError(error)) console.log(error.rowIndex, error.column);
 * ```
 */
export const isCsvFormulaError = (value: unknown): value is CsvFormulaError =>
  isAnaplanAccessError(value, 'csv-formula');
