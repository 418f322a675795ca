import type { CallOptions } from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import { z } from 'zod';
import { type ApiClient, segment } from '../internal/api-client.js';
import { type ModelScope, modelScope } from '../internal/model-scope.js';
import { modelStatusSchema } from '../internal/schemas/model-object-schemas.js';
import type { UploadSource } from '../upload/upload-source.js';
import { ActionsResource, ExportsResource, ImportsResource, ProcessesResource } from './action-resources.js';
import { FilesResource } from './files-resource.js';
import type { ModelStatus } from './model-object-types.js';
import { runExport, streamExport } from './run-export.js';
import { runImport } from './run-import.js';
import type { RunExportOptions, RunImportOptions, RunProcessOptions } from './run-options.js';
import { runProcess } from './run-process.js';
import type { ExportResult, ImportResult, ProcessResult } from './run-results.js';

const statusBodySchema = z.looseObject({ requestStatus: modelStatusSchema });

/**
 * One model's bulk operations: its imports, exports, processes, other actions and files, its status, and the
 * high-level `runImport` / `runExport` / `runProcess`. Get one from `client.model(workspaceId, modelId)`.
 *
 * @example
 * ```ts
 * const model = client.model('8a8b8c8d8e8f8a8b8c8d8e8f8a8b8c8d', '75A40874E6B64FA3AE0743278996850F');
 * const result = await model.runImport('Users from users.csv', csv);
 * ```
 * @group Clients
 */
export class ModelClient {
  readonly workspaceId: string;
  readonly modelId: string;
  /** The model's import actions. */
  readonly imports: ImportsResource;
  /** The model's export actions. */
  readonly exports: ExportsResource;
  /** The model's processes. */
  readonly processes: ProcessesResource;
  /** The model's other actions (delete from list using selection …). */
  readonly actions: ActionsResource;
  /** The model's files. */
  readonly files: FilesResource;
  readonly #scope: ModelScope;

  /** @internal */
  constructor(api: ApiClient, workspaceId: string, modelId: string) {
    this.#scope = modelScope(api, workspaceId, modelId);
    this.workspaceId = workspaceId;
    this.modelId = modelId;
    this.imports = new ImportsResource(this.#scope);
    this.exports = new ExportsResource(this.#scope);
    this.processes = new ProcessesResource(this.#scope);
    this.actions = new ActionsResource(this.#scope);
    this.files = new FilesResource(this.#scope);
  }

  get #modelPath(): string {
    return `/models/${segment(this.modelId)}`;
  }

  /**
   * What the model is doing now (`GET /models/{id}/status`): `currentStep` is `Open`, `Closed`, `Closing` or
   * `Processing ...` (with `tooltip` naming who runs what); `progress` is -1 when idle.
   */
  async status(options: CallOptions = {}): Promise<ModelStatus> {
    const body = await withCallOptions(options, (signal) =>
      this.#scope.api.json('GET', `${this.#modelPath}/status`, statusBodySchema, { signal }),
    );
    return body.requestStatus;
  }

  /**
   * Loads the model into memory (`POST /models/{id}/open`) so the next action does not wait for it. Needs a
   * Workspace Administrator. Anaplan's fair-use policy forbids calling it to keep a model awake, and answers 404
   * when it is called too often.
   *
   * @returns `open` when it already was, `opening` when loading started.
   */
  async wake(options: CallOptions = {}): Promise<'open' | 'opening'> {
    const status = await withCallOptions(options, (signal) =>
      this.#scope.api.send('POST', `${this.#modelPath}/open`, { signal }),
    );
    return status === 202 ? 'opening' : 'open';
  }

  /**
   * Unloads the model from memory (`POST /models/{id}/close`). Every user working in it is evicted without
   * warning. Needs a Workspace Administrator. This does not close the client; see `IntegrationClient.close()`.
   */
  async close(options: CallOptions = {}): Promise<void> {
    await withCallOptions(options, (signal) =>
      this.#scope.api.send('POST', `${this.#modelPath}/close`, { signal }),
    );
  }

  /**
   * Uploads `data` to the import's data source file (when given), runs the import, waits for it, and reads the
   * failure dump when there is one — also after a successful import, which may have warned about rows.
   *
   * @param importIdOrName - the import's id or name
   * @param data - the file content: text, bytes, a `Readable` or an (async) iterable; `undefined` to run without
   *   uploading (a model-to-model import, or a file uploaded earlier)
   * @example
   * ```ts
   * const result = await model.runImport('Users from users.csv', usersImport.toCsv(rows, columns));
   * if (!result.successful) console.log(result.failures);
   * ```
   * @throws {ActionNotFoundError} when no import has that id or name.
   * @throws {TaskFailedError} when the task was cancelled.
   * @throws {TaskTimeoutError} when it did not finish within `wait.timeoutMs`.
   * @throws {DownloadReadError} when the failure dump arrives incomplete (missing or empty chunks, a cut or ragged
   *   record): its rows are never guessed.
   * @throws {DownloadTooLargeError} when the dump is larger than `dump.maxBytes`.
   */
  runImport(
    importIdOrName: string,
    data: UploadSource | undefined,
    options: RunImportOptions = {},
  ): Promise<ImportResult> {
    return runImport(this.#scope, this.imports, importIdOrName, data, options);
  }

  /**
   * Runs an export, waits for it, and downloads its file (the file has the export's id): the rows as objects,
   * the header and the raw CSV. The file must arrive whole: its chunks as the listing and the file's `chunkCount`
   * announce them, none empty, and every record with the header's cell count. For large exports use
   * {@link ModelClient.streamExport}.
   *
   * @example
   * ```ts
   * const { rows } = await model.runExport('Users export');
   * ```
   * @throws {TaskFailedError} when the export was unsuccessful or cancelled.
   * @throws {DownloadReadError} when the file arrives incomplete (missing, extra or empty chunks, no content, a
   *   cut or ragged record).
   * @throws {DownloadTooLargeError} when the file is larger than `maxBytes` (default 128 MiB).
   */
  runExport(exportIdOrName: string, options: RunExportOptions = {}): Promise<ExportResult> {
    return runExport(this.#scope, this.exports, exportIdOrName, options);
  }

  /**
   * Like {@link ModelClient.runExport}, but yields the rows one by one while the file is downloaded chunk by
   * chunk, so memory stays about one chunk, whatever the file's size (no size cap unless `maxBytes` is given).
   * The same completeness checks apply: an incomplete file throws, possibly after some rows were yielded.
   *
   * @example
   * ```ts
   * for await (const row of model.streamExport('Users export')) console.log(row.Email);
   * ```
   * @throws {TaskFailedError} when the export was unsuccessful or cancelled.
   * @throws {DownloadReadError} when the file arrives incomplete.
   * @throws {DownloadTooLargeError} when `maxBytes` is given and the file is larger.
   */
  streamExport(
    exportIdOrName: string,
    options: RunExportOptions = {},
  ): AsyncGenerator<Record<string, string>> {
    return streamExport(this.#scope, this.exports, exportIdOrName, options);
  }

  /**
   * Runs a process (optionally uploading its imports' data first), waits for it, and reports each action's
   * result with the rows of its failure dump.
   *
   * @example
   * ```ts
   * const result = await model.runProcess('Nightly users', { uploads: { 'users.csv': csv } });
   * for (const action of result.actions) console.log(action.name, action.successful, action.failures.length);
   * ```
   * @throws {TaskFailedError} when the task was cancelled.
   * @throws {DownloadReadError} when an action's failure dump arrives incomplete.
   * @throws {DownloadTooLargeError} when an action's failure dump is larger than `dump.maxBytes`.
   */
  runProcess(processIdOrName: string, options: RunProcessOptions = {}): Promise<ProcessResult> {
    return runProcess(this.#scope, this.processes, this.files, processIdOrName, options);
  }
}
