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
