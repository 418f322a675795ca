import type { ExportResult, IntegrationClient, ModelClient, RunActionOptions } from '@anaplan-access/bulk';
import { z } from 'zod';
import { accessRowColumns } from '../access-row.js';
import type { DesiredState } from '../desired-state.js';
import type { RawRow } from '../internal/assemble.js';
import type { ColumnMapping } from './column-mapping.js';
import type { DesiredStateSource, LoadOptions } from './desired-state-source.js';
import { assembleWithRowFindings } from './internal/assemble-rows.js';
import {
  checkColumnMapping,
  expectedAccessColumns,
  matchColumns,
  requiredAccessColumns,
} from './internal/match-columns.js';
import { failedState, oneLineMessageOf, rethrowIfAborted, sourceError } from './internal/source-failure.js';
import { columnMappingSchema, parseSourceOptions } from './internal/source-options.js';

/**
 * Options of {@link anaplanModelSource}.
 *
 * @example
 * ```ts
 * const options: AnaplanModelSourceOptions = { integration, workspaceId, modelId, exportId: 'Access Rows.csv' };
 * ```
 */
export interface AnaplanModelSourceOptions {
  /** The Integration API client that runs the export. */
  integration: IntegrationClient;
  /** The workspace of the "User Access Management" model. */
  workspaceId: string;
  /** The "User Access Management" model. */
  modelId: string;
  /** The export action (its id, e.g. `116000000001`, or its name) that writes the access rows. */
  exportId: string;
  /** The export's column names used instead of ours, e.g. `{ email: 'E-mail', first_name: 'First Name' }`. */
  columns?: ColumnMapping | undefined;
  /** How to wait for the export task (deadline, poll interval). @default bulk's defaults */
  wait?: RunActionOptions['wait'] | undefined;
  /** Names the source in findings and plans. @default `anaplan-export:<exportId>` */
  name?: string | undefined;
}

const text = z.string().trim().min(1);
const optionsSchema = z.strictObject({
  integration: z.custom<IntegrationClient>(
    (value) => typeof (value as { model?: unknown } | null)?.model === 'function',
    'must be an IntegrationClient from @anaplan-access/bulk',
  ),
  workspaceId: text,
  modelId: text,
  exportId: text,
  columns: columnMappingSchema,
  wait: z.custom<RunActionOptions['wait']>((value) => typeof value === 'object' && value !== null).optional(),
  name: z.string().min(1).optional(),
});

/**
 * Desired state kept in Anaplan itself: a "User Access Management" model whose export action writes rows of the
 * flat access format ({@link AccessRowSchema}; name differing columns with `columns`). Loading runs the export
 * through `@anaplan-access/bulk` (`model.runExport`), waits for it and reads its file.
 *
 * - Rows are named `anaplan-export:<exportId> row <n>`, `n` counting the export file's records with the header as
 *   row 1 (so the first data row is row 2, as in a spreadsheet).
 * - Empty cells mean "not stated"; values are text, so `true`/`false` exported by a boolean line item are read as
 *   booleans and a leading `=`, `+`, `-` or `@` is kept as data.
 * - Bad rows are findings naming the row and leave their user out; an export that cannot be run or read (unknown
 *   export, failed task, no access), an empty file, or unknown or missing columns (`email`, `first_name`,
 *   `last_name` are required) make the whole source unreadable: one `source-error` finding and no users.
 *
 * @example
 * ```ts
 * const integration = new IntegrationClient({ auth: basicAuth({ username, password }), region: 'eu1' });
 * const source = anaplanModelSource({
 *   integration,
 *   workspaceId: '8a81b09d5e8c6f27015ece3402487d33',
 *   modelId: '35A6EF893D7F49A9B8F1F4C9D8B6A1C0',
 *   exportId: 'Access Rows.csv',
 *   columns: { email: 'Users', first_name: 'First Name', last_name: 'Last Name' },
 * });
 * const desired = await source.load({ signal: AbortSignal.timeout(10 * 60_000) });
 * ```
 * @throws ConfigurationError when the options are invalid, and the bulk client's for ids it refuses.
 * @group Sources
 */
export function anaplanModelSource(options: AnaplanModelSourceOptions): DesiredStateSource {
  const parsed = parseSourceOptions('anaplanModelSource', optionsSchema, options);
  checkColumnMapping(parsed.columns as ColumnMapping | undefined);
  const model: ModelClient = parsed.integration.model(parsed.workspaceId, parsed.modelId);
  const name = parsed.name ?? `anaplan-export:${parsed.exportId}`;
  const expected = expectedAccessColumns(parsed.columns as ColumnMapping | undefined);

  return {
    name,
    async load(loadOptions: LoadOptions = {}): Promise<DesiredState> {
      const { signal } = loadOptions;
      signal?.throwIfAborted();
      let result: ExportResult;
      try {
        result = await model.runExport(parsed.exportId, { signal, wait: parsed.wait });
      } catch (error) {
        const failure = rethrowIfAborted(error, signal);
        return failedState(name, [
          sourceError(`${name}: the export could not be run: ${oneLineMessageOf(failure)}`),
        ]);
      }
      if (result.headers.length === 0 || result.headers.every((header) => header.trim() === '')) {
        const columns = [...expected.keys()].join(', ');
        return failedState(name, [
          sourceError(
            `${name}: the export file is empty: expected a header line with the columns ${columns}`,
          ),
        ]);
      }
      const match = matchColumns(result.headers, expected, requiredAccessColumns);
      if (!match.ok)
        return failedState(name, [sourceError(`${name}: the export's header is wrong: ${match.problem}`)]);

      const rows: RawRow[] = [];
      result.rows.forEach((row, index) => {
        const cells = result.headers.map((header) => row[header] ?? '');
        if (cells.every((cell) => cell.trim() === '')) return;
        const values: Record<string, unknown> = Object.fromEntries(
          accessRowColumns.map((column) => [column, undefined]),
        );
        cells.forEach((cell, column) => {
          if (cell.trim() !== '') values[match.targets[column] as string] = cell;
        });
        rows.push({ values, ref: { source: name, row: index + 2 } });
      });
      return assembleWithRowFindings(name, rows, []);
    },
  };
}
