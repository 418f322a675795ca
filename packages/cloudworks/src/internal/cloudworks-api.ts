// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import {
  ApiError,
  isAnaplanAccessError,
  isApiError,
  isNotFoundError,
  isResponseValidationError,
  type Logger,
  PagePromise,
  ResponseValidationError,
} from '@anaplan-access/core';
import { parseResponse, type SearchParams, type Transport } from '@anaplan-access/core/client';
import type { z } from 'zod';
import type { CloudWorksListOptions } from '../cloudworks-list-options.js';
import type { CloudWorksPage } from '../cloudworks-page.js';
import { metaSchema } from './schemas/envelope.js';

/** What each request of a call takes. @internal */
export interface RequestExtras {
  signal?: AbortSignal | undefined;
  searchParams?: SearchParams;
  json?: unknown;
  idempotent?: boolean;
  /** Secret values the request carries (connection credentials): scrubbed from any error it ends in. */
  secrets?: readonly string[];
}

/** The default page size of CloudWorks listings. @internal */
export const defaultPageSize = 100;

/** The JSON methods CloudWorks uses. @internal */
export type JsonMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The CloudWorks API seen through the shared {@link Transport}: the envelope's own `status`, paging, secret
 * scrubbing. HTTP, retries, auth and the mapping of statuses onto errors are the transport's. @internal
 */
export class CloudWorksApi {
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  get logger(): Logger {
    return this.transport.logger;
  }

  /** The absolute URL of a path, for error messages. */
  url(path: string): string {
    return `${this.transport.baseUrls.api}${path}`;
  }

  /** Sends a JSON request, checks the envelope's `status`, then the body against `schema`. */
  async json<Body>(
    method: JsonMethod,
    path: string,
    schema: z.ZodType<Body>,
    extras: RequestExtras = {},
  ): Promise<Body> {
    const secrets = extras.secrets ?? [];
    try {
      const { data, status } = await this.transport.request({
        api: 'api',
        method,
        path,
        ...(extras.searchParams === undefined ? {} : { searchParams: extras.searchParams }),
        ...(extras.json === undefined ? {} : { json: extras.json }),
        ...(extras.idempotent === undefined ? {} : { idempotent: extras.idempotent }),
        signal: extras.signal as AbortSignal,
      });
      this.checkStatus(data, method, path, secrets);
      return await parseResponse(schema, data, { method, url: this.url(path), status, secrets });
    } catch (error) {
      throw secrets.length > 0 ? scrubbed(error, secrets) : error;
    }
  }

  /**
   * `GET` a text body (a dump). `undefined` when the server answers 404: CloudWorks says so for a run without errors
   * ("Your integration run was successful / no errors").
   */
  async textOrNothing(path: string, signal: AbortSignal | undefined): Promise<string | undefined> {
    try {
      const { data } = await this.transport.request({
        api: 'api',
        method: 'GET',
        path,
        responseType: 'text',
        headers: { accept: 'text/csv, text/plain, application/json, */*' },
        signal: signal as AbortSignal,
      });
      return data;
    } catch (error) {
      if (isNotFoundError(error)) return undefined;
      throw error;
    }
  }

  /**
   * A paged listing under `key`, by `offset` and `limit`, read through core's {@link PagePromise} (see it for the
   * guarantees of a walk). `read` turns a whole answer into a page.
   */
  list<Item, Page extends CloudWorksPage<Item>>(
    path: string,
    options: CloudWorksListOptions & { searchParams?: Record<string, string> },
    bodySchema: z.ZodType<unknown>,
    read: (body: Record<string, unknown>, meta: z.output<typeof metaSchema> | undefined) => Page,
    itemKey?: (item: Item) => string,
  ): PagePromise<Page, Item> {
    const limit = Math.max(1, Math.floor(options.pageSize ?? defaultPageSize));
    return new PagePromise<Page, Item>({
      offset: 0,
      origin: 0,
      limit,
      description: `GET ${path}`,
      signal: options.signal,
      ...(itemKey === undefined ? {} : { itemKey }),
      ...(options.maxTotal === undefined ? {} : { maxTotal: options.maxTotal }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      fetchPage: async (request) => {
        const body = (await this.json('GET', path, bodySchema, {
          searchParams: { ...options.searchParams, offset: request.offset, limit: request.limit },
          signal: request.signal,
        })) as Record<string, unknown>;
        const meta = metaSchema.safeParse(body['meta']);
        return read(body, meta.success ? meta.data : undefined);
      },
      readPage: (page) => ({ items: page.items, total: page.paging?.totalSize }),
    });
  }

  /**
   * A 2xx answer whose envelope `status.code` is not 2xx is a refusal all the same; it becomes the matching
   * `ApiError` (with the envelope's code as `status`).
   */
  checkStatus(body: unknown, method: string, path: string, secrets: readonly string[] = []): void {
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
      secrets,
      message:
        `${method} ${this.url(path)} answered 2xx, but its status envelope says ${code}` +
        (typeof message === 'string' && message !== '' ? `: ${message}` : ''),
    });
  }
}

/**
 * The same error with `secrets` scrubbed everywhere it could show them: an `ApiError` (message, URL, headers, body)
 * or a `ResponseValidationError` (message, raw body) is built anew with them; any other error of ours carries no
 * response text. @internal
 */
export function scrubbed(error: unknown, secrets: readonly string[]): unknown {
  if (!isAnaplanAccessError(error)) return error;
  if (isApiError(error))
    return ApiError.from({
      status: error.status,
      method: error.method,
      url: error.url,
      headers: error.headers,
      body: error.body,
      message: error.message,
      secrets,
    });
  if (isResponseValidationError(error))
    return new ResponseValidationError({
      method: error.method,
      url: error.url,
      status: error.status,
      issues: [...error.issues],
      rawBody: error.rawBody,
      secrets,
    });
  return error;
}

/** Percent-encodes one path segment. @internal */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
