import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { CsvError, Parser } from 'csv-parse';
import { z } from 'zod';
import type { Finding } from '../../findings.js';
import { accessRowColumns } from '../access-row.js';
import type { DesiredState } from '../desired-state.js';
import type { RawRow } from '../internal/assemble.js';
import type { AccessColumn, ColumnMapping } from './column-mapping.js';
import type { DesiredStateSource, LoadOptions } from './desired-state-source.js';
import { assembleWithRowFindings, emailOf } from './internal/assemble-rows.js';
import {
  checkColumnMapping,
  expectedAccessColumns,
  matchColumns,
  requiredAccessColumns,
} from './internal/match-columns.js';
import {
  failedState,
  oneLineMessageOf,
  rethrowIfAborted,
  SourceFailure,
  sourceError,
} from './internal/source-failure.js';
import { asyncIterableOf, columnMappingSchema, parseSourceOptions } from './internal/source-options.js';
import { countLineFeeds, decodeUtf8Text } from './internal/utf8-text-stream.js';

/**
 * Options of {@link csvSource}. Give exactly one of `path`, `text` and `stream`.
 *
 * @example
 * ```ts
 * const options: CsvSourceOptions = { stream: process.stdin, delimiter: ';', name: 'hr-feed' };
 * ```
 */
export interface CsvSourceOptions {
  /** A CSV file, read as a stream. */
  path?: string | URL | undefined;
  /** The CSV itself. */
  text?: string | undefined;
  /** CSV bytes or text as they arrive: a Node `Readable`, a web `ReadableStream`, an async generator … Read once. */
  stream?: AsyncIterable<Uint8Array | string> | undefined;
  /** Header names used instead of ours, e.g. `{ email: 'E-mail Address' }`. */
  columns?: ColumnMapping | undefined;
  /** The field delimiter. @default ',' */
  delimiter?: string | undefined;
  /** Names the source in findings and plans. @default `csv:<file name>` (`csv:text`, `csv:stream`) */
  name?: string | undefined;
}

/**
 * The longest CSV field kept, in characters (1 MiB); a longer one is an `invalid-row` finding.
 *
 * @example
 * ```ts
 * if (cell.length > maxCsvFieldLength) console.log('csvSource will reject this row');
 * ```
 */
export const maxCsvFieldLength = 1024 * 1024;

/** The largest record the parser buffers; beyond it the file cannot be read (an unclosed quote, usually). */
const maxRecordSize = 16 * 1024 * 1024;

const optionsSchema = z.strictObject({
  path: z.union([z.string().min(1), z.instanceof(URL)]).optional(),
  text: z.string().optional(),
  stream: asyncIterableOf<Uint8Array | string>().optional(),
  columns: columnMappingSchema,
  delimiter: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
});

/**
 * Desired state from a CSV file in the flat access format ({@link AccessRowSchema}: a header line with `email`,
 * `first_name`, `last_name` and any of the other columns, then one row per user detail, workspace, model role or
 * selective-access item; rows with the same e-mail are merged).
 *
 * - The file is streamed (strict UTF-8, an optional byte order mark, `,` or the given delimiter, RFC 4180 quotes
 *   with embedded delimiters, quotes and line breaks; CRLF, LF or CR line ends, normalized to `\n` inside fields).
 *   Memory grows with the rows kept, not with the file.
 * - Row numbers are the line on which a record starts, the header being line 1. Blank lines and rows whose
 *   fields are all empty are skipped; an empty cell means "not stated on this row".
 * - Cells are plain text: a leading `=`, `+`, `-` or `@` is kept as data and never evaluated.
 * - A row with the wrong number of fields or a field longer than {@link maxCsvFieldLength} characters is an
 *   `invalid-row` finding and leaves that user out.
 * - An empty file, unknown, duplicate or missing header names (`email`, `first_name` and `last_name` are
 *   required), bytes that are not UTF-8 (a file saved as Windows-1252, say) and broken CSV syntax make the whole
 *   file unreadable: one `source-error` finding and no users, never a partial state.
 *
 * @example
 * ```ts
 * const source = csvSource({ path: 'exports/access.csv', columns: { email: 'E-mail Address' } });
 * const desired = await source.load();
 * console.log(`${desired.users.length} users, ${desired.findings.length} findings`);
 * ```
 * @throws ConfigurationError when the options are invalid (not exactly one of `path`, `text`, `stream`; an unknown key …).
 * @group Sources
 */
export function csvSource(options: CsvSourceOptions): DesiredStateSource {
  const parsed = parseSourceOptions('csvSource', optionsSchema, options, (value) => {
    const inputs = [value.path, value.text, value.stream].filter((input) => input !== undefined).length;
    return inputs === 1
      ? undefined
      : { key: 'path, text, stream', problem: 'give exactly one of path, text and stream' };
  });
  checkColumnMapping(parsed.columns as ColumnMapping | undefined);
  const path = parsed.path instanceof URL ? fileURLToPath(parsed.path) : parsed.path;
  const label =
    parsed.name ?? (path !== undefined ? basename(path) : parsed.text !== undefined ? 'text' : 'stream');
  const name = parsed.name ?? `csv:${label}`;
  const expected = expectedAccessColumns(parsed.columns as ColumnMapping | undefined);
  let streamRead = false;

  const open = (signal: AbortSignal | undefined): AsyncIterable<Uint8Array | string> | string[] => {
    if (path !== undefined) return createReadStream(path, { signal, highWaterMark: 64 * 1024 });
    if (parsed.text !== undefined) return [parsed.text];
    if (streamRead) throw new SourceFailure(`${label}: the stream was already read by an earlier load()`);
    streamRead = true;
    return parsed.stream as AsyncIterable<Uint8Array | string>;
  };

  return {
    name,
    async load(loadOptions: LoadOptions = {}): Promise<DesiredState> {
      const { signal } = loadOptions;
      signal?.throwIfAborted();
      const reader = new CsvRecordReader(label, expected);
      try {
        const chunks = open(signal);
        const parser = new Parser({
          delimiter: parsed.delimiter ?? ',',
          info: true,
          relax_column_count: true,
          relax_quotes: true,
          skip_empty_lines: true,
          max_record_size: maxRecordSize,
        });
        await pipeline(
          Readable.from(decodeUtf8Text(chunks, label)),
          parser,
          async (records: AsyncIterable<{ record: string[]; info: { lines: number } }>) => {
            for await (const { record, info } of records) reader.add(record, info.lines);
          },
          { signal },
        );
      } catch (error) {
        return failedState(name, [sourceError(reader.explain(rethrowIfAborted(error, signal)))]);
      }
      if (!reader.sawHeader) {
        const columns = [...expected.keys()].join(', ');
        return failedState(name, [
          sourceError(`${label} is empty: expected a header line with the columns ${columns}`),
        ]);
      }
      return assembleWithRowFindings(name, reader.rows, reader.findings);
    },
  };
}

/** Turns parsed records into raw rows, checking the header first. */
class CsvRecordReader {
  readonly rows: RawRow[] = [];
  readonly findings: Finding[] = [];
  sawHeader = false;
  private header: string[] = [];
  private targets: AccessColumn[] = [];
  private lastLine = 0;

  constructor(
    private readonly label: string,
    private readonly expected: ReadonlyMap<string, AccessColumn>,
  ) {}

  add(record: string[], endLine: number): void {
    const line = endLine - record.reduce((count, field) => count + countLineFeeds(field), 0);
    this.lastLine = endLine;
    if (record.every((field) => field.trim() === '')) return;
    if (!this.sawHeader) {
      this.sawHeader = true;
      this.header = record;
      const match = matchColumns(record, this.expected, requiredAccessColumns);
      if (!match.ok)
        throw new SourceFailure(`${this.label}: the header on line ${line} is wrong: ${match.problem}`);
      this.targets = match.targets;
      return;
    }
    const ref = { source: this.label, row: line };
    const emailIndex = this.targets.indexOf('email');
    const email =
      record[emailIndex] !== undefined && record[emailIndex].length <= 254
        ? emailOf(record[emailIndex])
        : undefined;
    if (record.length !== this.header.length) {
      this.rowFinding(email, ref, `has ${record.length} fields but the header has ${this.header.length}`);
      return;
    }
    const values: Record<string, unknown> = Object.fromEntries(
      accessRowColumns.map((column) => [column, undefined]),
    );
    record.forEach((field, index) => {
      const column = this.targets[index] as AccessColumn;
      if (field.length > maxCsvFieldLength) {
        const message = `column "${this.header[index]}" is ${field.length} characters long; the limit is ${maxCsvFieldLength}`;
        this.rowFinding(email, ref, message, column);
      } else if (field.trim() !== '') values[column] = field;
    });
    this.rows.push({ values, ref });
  }

  /** The message of a `source-error` finding for a failure while reading. */
  explain(error: unknown): string {
    if (error instanceof SourceFailure) return error.message;
    const after = this.lastLine > 0 ? ` (the last complete record ends on line ${this.lastLine})` : '';
    if (error instanceof CsvError)
      return `${this.label} is not valid CSV: ${oneLineMessageOf(error)}${after}`;
    return `${this.label} cannot be read: ${oneLineMessageOf(error)}${after}`;
  }

  private rowFinding(email: string | undefined, ref: RawRow['ref'], message: string, field?: string): void {
    this.findings.push({
      kind: 'invalid-row',
      severity: 'error',
      message: `${ref.source} row ${ref.row}: ${message}`,
      userName: email,
      field,
      refs: [ref],
    });
  }
}
