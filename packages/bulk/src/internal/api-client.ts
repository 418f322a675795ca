// Tests: ../integration-client.test.ts, ../model/run-export.test.ts
import { ApiError, IncompleteReadError, type Logger, PagePromise } from '@anaplan-access/core';
import { parseResponse, type SearchParams, type Transport } from '@anaplan-access/core/client';
import { z } from 'zod';
import type { IntegrationListOptions } from '../list-options.js';
import type { IntegrationPage, Paging } from '../list-page.js';
import { type Envelope, envelopeSchema } from './schemas/envelope.js';

/**
 * When a page without its list key may be read as empty. Anaplan leaves the key out of an empty collection
 * (live-probed: no key and no `meta.paging`), so a missing key is not an error by itself, but it is never taken
 * for an empty page in the middle of a listing, nor against a `meta.paging` that counts items:
 * - `'empty-collection'`: when `meta.paging.totalSize` is 0, or on the first page (offset 0) without `meta.paging`.
 * - `'total-zero'`: only when `meta.paging.totalSize` is 0 (a listing that is never empty, where an answer that
 *   says nothing must not read as "none").
 * Any other keyless page fails the listing with an `IncompleteReadError` (`missing-key`).
 * @internal
 */
export type KeylessPage = 'empty-collection' | 'total-zero';

/** What each request of a call takes: the call's signal. */
type RequestSignal = { signal?: AbortSignal | undefined };

/** The largest page the Integration API serves. */
export const maximumPageSize = 5000;

/**
 * The Integration API seen through the shared {@link Transport}: envelope checks, paging, and the request shapes
 * the resources use. It sends nothing itself; HTTP, retries, auth and error mapping are the transport's.
 * @internal
 */
export class ApiClient {
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  get logger(): Logger {
    return this.transport.logger;
  }

  /** `GET` a single object under `key` of the envelope. */
  async getObject<Item>(
    path: string,
    key: string,
    schema: z.ZodType<Item>,
    options: RequestSignal & { searchParams?: SearchParams } = {},
  ): Promise<Item> {
    const body = await this.json('GET', path, envelopeSchema(key, schema), options);
    return (body as Record<string, unknown>)[key] as Item;
  }

  /** Sends a JSON request and checks the envelope's `status`; `schema` describes the whole body. */
  async json<Body>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    schema: z.ZodType<Body>,
    options: RequestSignal & {
      searchParams?: SearchParams;
      json?: unknown;
      idempotent?: boolean;
      retry?: number;
    } = {},
  ): Promise<Body> {
    const { data, status } = await this.transport.request({
      api: 'api',
      method,
      path,
      ...(options.searchParams === undefined ? {} : { searchParams: options.searchParams }),
      ...(options.json === undefined ? {} : { json: options.json }),
      signal: options.signal,
      ...(options.idempotent === undefined ? {} : { idempotent: options.idempotent }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
    });
    // The envelope's own status is checked before the payload, so a refusal is not mistaken for a bad shape.
    this.checkStatus(data, method, path);
    return parseResponse(schema, data, { method, url: this.url(path), status });
  }

  /**
   * A paged listing under `key`, following `meta.paging` (offset and limit) to the end. The walk reads the whole
   * collection or fails with an `IncompleteReadError` (see `PagePromise`); here a page also fails it when it holds
   * fewer items than its `meta.paging.currentPageSize` (`short-page`), or when it lacks its key where `keyless`
   * does not allow that (`missing-key`).
   */
  list<Item extends object>(
    path: string,
    key: string,
    schema: z.ZodType<Item>,
    options: IntegrationListOptions & {
      searchParams?: Record<string, string>;
      itemKey?: (item: Item) => string;
      keyless?: KeylessPage;
    } = {},
  ): PagePromise<IntegrationPage<Item>, Item> {
    const pageSchema = envelopeSchema(key, z.array(schema).optional());
    const limit = Math.min(Math.max(1, Math.floor(options.pageSize ?? maximumPageSize)), maximumPageSize);
    const listing = `GET ${path}`;
    return new PagePromise<IntegrationPage<Item>, Item>({
      offset: 0,
      origin: 0,
      limit,
      description: listing,
      signal: options.signal,
      ...(options.itemKey === undefined ? {} : { itemKey: options.itemKey }),
      ...(options.maxTotal === undefined ? {} : { maxTotal: options.maxTotal }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      fetchPage: async (request) => {
        const body: Envelope = await this.json('GET', path, pageSchema, {
          searchParams: { ...options.searchParams, offset: request.offset, limit: request.limit },
          signal: request.signal,
        });
        const paging = body.meta?.paging;
        const items = (body as Record<string, unknown>)[key] as Item[] | undefined;
        checkPage(listing, key, request.offset, items, paging, options.keyless ?? 'empty-collection');
        return { items: items ?? [], paging };
      },
      readPage: (page) => ({ items: page.items, total: page.paging?.totalSize }),
    });
  }

  /** Every item of a listing, in order. */
  async listAll<Item extends object>(
    path: string,
    key: string,
    schema: z.ZodType<Item>,
    options: IntegrationListOptions & { searchParams?: Record<string, string> } = {},
  ): Promise<Item[]> {
    return this.list(path, key, schema, options).toArray({ limit: Number.POSITIVE_INFINITY });
  }

  /** `GET` raw bytes (file and dump chunks). Idempotent, so the transport retries it. */
  async bytes(path: string, options: RequestSignal = {}): Promise<Uint8Array> {
    const { data } = await this.transport.request({
      api: 'api',
      method: 'GET',
      path,
      responseType: 'bytes',
      headers: { accept: 'application/octet-stream, text/plain, */*' },
      signal: options.signal,
    });
    return data;
  }

  /** Sends a request whose answer has no body worth reading (204, or an empty 200/202). */
  async send(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    options: RequestSignal & { body?: Uint8Array; contentType?: string; idempotent?: boolean } = {},
  ): Promise<number> {
    const { status } = await this.transport.request({
      api: 'api',
      method,
      path,
      responseType: 'none',
      ...(options.body === undefined ? {} : { body: options.body as BodyInit }),
      ...(options.contentType === undefined ? {} : { headers: { 'content-type': options.contentType } }),
      signal: options.signal,
      ...(options.idempotent === undefined ? {} : { idempotent: options.idempotent }),
    });
    return status;
  }

  /** The absolute URL of a path, for error messages. */
  url(path: string): string {
    return `${this.transport.baseUrls.api}${path}`;
  }

  /**
   * A 2xx answer whose envelope `status.code` is not 2xx is a refusal all the same; it becomes the matching
   * `ApiError` (with the envelope's code as `status`).
   */
  checkStatus(body: unknown, method: string, path: string): void {
    if (typeof body !== 'object' || body === null) return;
    const status = (body as { status?: unknown }).status;
    if (typeof status !== 'object' || status === null) return;
    const code = (status as { code?: unknown }).code;
    if (typeof code !== 'number' || (code >= 200 && code < 300)) return;
    const message = (status as { message?: unknown }).message;
    throw ApiError.from({
      status: code,
      method,
      url: this.url(path),
      body,
      message:
        `${method} ${this.url(path)} answered 2xx, but its status envelope says ${code}` +
        (typeof message === 'string' && message !== '' ? `: ${message}` : ''),
    });
  }
}

/** Fails a page that cannot be read as it stands: no list key where one is due, or fewer items than it says. */
function checkPage(
  listing: string,
  key: string,
  offset: number,
  items: readonly unknown[] | undefined,
  paging: Paging | undefined,
  keyless: KeylessPage,
): void {
  const fail = (reason: 'missing-key' | 'short-page', detail: string) =>
    new IncompleteReadError({ listing, reason, detail, expected: paging?.totalSize, offset });
  if (items === undefined) {
    if (paging?.totalSize === 0) return;
    if (paging === undefined && offset === 0 && keyless === 'empty-collection') return;
    throw fail(
      'missing-key',
      `the page at offset ${offset} has no "${key}" key, ` +
        (paging === undefined
          ? 'and no meta.paging to say the collection is empty'
          : `though meta.paging counts ${paging.totalSize} items`),
    );
  }
  if (paging !== undefined && items.length < paging.currentPageSize)
    throw fail(
      'short-page',
      `the page at offset ${offset} holds ${items.length} items, though its meta.paging.currentPageSize is ` +
        `${paging.currentPageSize}`,
    );
}

/** Percent-encodes one path segment. @internal */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
