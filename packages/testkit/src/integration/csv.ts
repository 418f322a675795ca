/** One parsed CSV record and the 1-based line of the file it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * Parses delimited text: fields separated by `separator`, optionally wrapped in double quotes (`""` inside quotes is
 * one quote; quoted fields may span lines), records ended by LF or CRLF. A UTF-8 byte-order mark is dropped.
 * Empty lines are kept as records with one empty field, so line numbers stay true.
 */
export function parseCsv(text: string, separator = ','): CsvRecord[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let index = 0;
  const endRecord = () => {
    fields.push(field);
    records.push({ fields, line: recordLine });
    fields = [];
    field = '';
  };
  while (index < source.length) {
    const character = source[index] as string;
    if (quoted) {
      if (character === '"') {
        if (source[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        quoted = false;
      } else {
        if (character === '\n') line += 1;
        field += character;
      }
      index += 1;
      continue;
    }
    if (character === '"' && field === '') {
      quoted = true;
    } else if (source.startsWith(separator, index)) {
      fields.push(field);
      field = '';
      index += separator.length;
      continue;
    } else if (character === '\n' || character === '\r') {
      endRecord();
      if (character === '\r' && source[index + 1] === '\n') index += 1;
      line += 1;
      recordLine = line;
    } else {
      field += character;
    }
    index += 1;
  }
  if (field !== '' || fields.length > 0 || quoted) endRecord();
  return records;
}

/** Options of {@link formatCsvLine}. */
export interface CsvLineOptions {
  /** @default ',' */
  separator?: string;
  /** Quote every field (dump files do), not only those that need it. @default false */
  quoteAll?: boolean;
}

/** Formats one CSV record (without the line ending). */
export function formatCsvLine(fields: readonly string[], options: CsvLineOptions = {}): string {
  const separator = options.separator ?? ',';
  return fields
    .map((field) => {
      const needsQuotes =
        options.quoteAll ||
        field.includes('"') ||
        field.includes(separator) ||
        field.includes('\n') ||
        field.includes('\r');
      return needsQuotes ? `"${field.replaceAll('"', '""')}"` : field;
    })
    .join(separator);
}

/** Formats records as CSV text, each line ended by `\n`. */
export function formatCsv(records: readonly (readonly string[])[], options: CsvLineOptions = {}): string {
  return records.map((record) => `${formatCsvLine(record, options)}\n`).join('');
}
