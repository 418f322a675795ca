import type { CallOptions, PagePromise } from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import { segment } from '../internal/api-client.js';
import { downloadInChunks } from '../internal/download-in-chunks.js';
import { matchNameOrId } from '../internal/match-name-or-id.js';
import type { ModelScope } from '../internal/model-scope.js';
import { modelFileSchema } from '../internal/schemas/model-object-schemas.js';
import { uploadFile } from '../internal/upload-file.js';
import type { IntegrationListOptions } from '../list-options.js';
import type { IntegrationPage } from '../list-page.js';
import type { UploadOptions, UploadResult } from '../upload/upload-options.js';
import type { UploadSource } from '../upload/upload-source.js';
import type { ModelFile } from './model-object-types.js';

/**
 * The model's files (`…/files`): import data sources (113…) and export outputs (116…). Content uploaded through the
 * API is private to the uploading user and removed after 48 hours without access.
 */
export class FilesResource {
  readonly #scope: ModelScope;

  /** @internal */
  constructor(scope: ModelScope) {
    this.#scope = scope;
  }

  get #path(): string {
    return `${this.#scope.basePath}/files`;
  }

  /**
   * Every file of the model, following `meta.paging`.
   *
   * @example
   * ```ts
   * for await (const file of model.files.list()) console.log(file.id, file.name, file.chunkCount);
   * ```
   */
  list(options: IntegrationListOptions = {}): PagePromise<IntegrationPage<ModelFile>, ModelFile> {
    return this.#scope.api.list(this.#path, 'files', modelFileSchema, {
      ...options,
      itemKey: (file) => file.id,
    });
  }

  /**
   * The id of the file with that id or name.
   *
   * @throws {ActionNotFoundError} listing the closest names when nothing matches.
   */
  resolve(nameOrId: string, options: CallOptions = {}): Promise<string> {
    return withCallOptions(options, async (signal) => {
      const files = await this.#scope.api.listAll(this.#path, 'files', modelFileSchema, { signal });
      return matchNameOrId(files, nameOrId, { collection: 'files', url: this.#scope.api.url(this.#path) }).id;
    });
  }

  /**
   * Uploads data to a file: a string, bytes, a Node.js `Readable`, or any (async) iterable of text or byte pieces.
   * Small data goes in one `PUT`; larger data is streamed in chunks cut on CSV record boundaries, optionally gzipped.
   *
   * @example
   * ```ts
   * await model.files.upload('113000000000', fs.createReadStream('users.csv'), { chunkSizeBytes: 20e6, gzip: true });
   * ```
   * @throws {ConfigurationError} for a chunk size outside 1 MiB–50 MB.
   * @throws {RecordTooLargeError} when one record is longer than 50 MB.
   */
  upload(fileId: string, data: UploadSource, options: UploadOptions = {}): Promise<UploadResult> {
    return uploadFile(this.#scope, fileId, data, options);
  }

  /**
   * Downloads a whole file (chunk list, then each chunk in order). A file without content gives empty bytes.
   *
   * @example
   * ```ts
   * const csv = new TextDecoder().decode(await model.files.download(exportId));
   * ```
   */
  download(fileId: string, options: CallOptions = {}): Promise<Uint8Array> {
    return withCallOptions(options, async (signal) => {
      const parts: Uint8Array[] = [];
      for await (const part of this.downloadChunks(fileId, { signal })) parts.push(part);
      return Buffer.concat(parts);
    });
  }

  /**
   * Downloads a file chunk by chunk, holding one chunk at a time. `signal` aborts the download; for a deadline, use
   * one of your own (`AbortSignal.timeout(ms)`), since the loop body's time is the caller's.
   *
   * @example
   * ```ts
   * for await (const chunk of model.files.downloadChunks(exportId)) output.write(chunk);
   * ```
   */
  async *downloadChunks(
    fileId: string,
    options: Pick<CallOptions, 'signal'> = {},
  ): AsyncGenerator<Uint8Array, void, undefined> {
    yield* downloadInChunks(this.#scope, `${this.#path}/${segment(fileId)}`, options);
  }

  /** Removes the caller's private content of a file; the data source itself (and any default file) remain. */
  async delete(fileId: string, options: CallOptions = {}): Promise<void> {
    await withCallOptions(options, (signal) =>
      this.#scope.api.send('DELETE', `${this.#path}/${segment(fileId)}`, { signal }),
    );
  }
}
