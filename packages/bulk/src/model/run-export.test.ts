import {
  isAbortError,
  isConfigurationError,
  isConnectionError,
  isIncompleteReadError,
  isNotFoundError,
} from '@anaplan-access/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isCsvReadError } from '../errors/csv-read-error.js';
import { type DownloadReadError, isDownloadReadError } from '../errors/download-read-error.js';
import { isDownloadTooLargeError } from '../errors/download-too-large-error.js';
import { type Fixture, fastWait, ids, startFixture } from '../test-support/fixture.js';
import { bytesResponse, jsonResponse, rewritingFetch } from '../test-support/rewriting-fetch.js';

let fixture: Fixture;

beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(() => fixture.close());

describe('runExport', () => {
  it('runs an export and returns its rows as objects and the raw CSV', async () => {
    const result = await fixture.model.runExport('Users export', { wait: fastWait });
    expect(result.exportId).toBe(ids.usersExport);
    expect(result.headers).toEqual(['Email', 'Role', 'Regions Read']);
    expect(result.rows).toEqual(
      expect.arrayContaining([
        { Email: 'admin@example.com', Role: 'Full Access', 'Regions Read': '' },
        { Email: 'bob@example.com', Role: 'Planner', 'Regions Read': 'EMEA' },
      ]),
    );
    expect(result.csv.startsWith('Email,Role,Regions Read')).toBe(true);
    expect(result.details[0]?.type).toBe('exportSucceeded');
  });

  it('keeps quoted cells with line breaks and quotes intact', async () => {
    const { rows } = await fixture.model.runExport(ids.regionsExport, { wait: fastWait });
    expect(rows).toEqual([
      { Region: 'EMEA', Note: 'Europe, Middle East\nand Africa' },
      { Region: 'APAC', Note: 'Asia "Pacific"' },
    ]);
  });

  it('streams the rows of a large export one by one', async () => {
    const rows: Record<string, string>[] = [];
    for await (const row of fixture.model.streamExport('Regions export', { wait: fastWait })) rows.push(row);
    expect(rows.map((row) => row.Region)).toEqual(['EMEA', 'APAC']);
  });

  it('refuses an unknown export before starting anything', async () => {
    const before = fixture.controls.tasks(ids.model).length;
    await expect(fixture.model.runExport('Nope', { wait: fastWait })).rejects.toSatisfy(isNotFoundError);
    expect(fixture.controls.tasks(ids.model)).toHaveLength(before);
  });
});

describe('an export file that does not arrive whole', () => {
  let broken: Fixture;
  const web = rewritingFetch();
  const filePath = `/files/${ids.usersExport}`;

  beforeAll(async () => {
    broken = await startFixture({ client: { fetch: web.fetch, retry: 0 } });
  });
  afterEach(() => {
    web.rewrite = undefined;
  });
  afterAll(() => broken.close());

  /** Answers `pathEnd` with `answer(original)`; everything else goes to the simulator. */
  function rewrite(pathEnd: string, answer: (original: Response) => Promise<Response> | Response) {
    const previous = web.rewrite;
    web.rewrite = async (url, forward) => {
      if (url.pathname.endsWith(pathEnd)) return answer(await forward());
      return previous ? previous(url, forward) : forward();
    };
  }

  /** The chunk listing, with `ids` as its chunks (paging consistent with them). */
  const listing = (chunkIds: string[]) => async (original: Response) => {
    const body = (await original.json()) as Record<string, unknown>;
    const chunks = chunkIds.map((id) => ({ id, name: `Chunk ${id}` }));
    return jsonResponse({
      ...body,
      meta: {
        ...(body.meta as object),
        paging: { currentPageSize: chunks.length, offset: 0, totalSize: chunks.length },
      },
      ...(chunks.length > 0 ? { chunks } : { chunks: undefined }),
    });
  };

  /** The files listing, with the export file's `chunkCount` set to `count`. */
  const announced = (count: number) => async (original: Response) => {
    const body = (await original.json()) as { files: { id: string; chunkCount?: number }[] };
    return jsonResponse({
      ...body,
      files: body.files.map((file) => (file.id === ids.usersExport ? { ...file, chunkCount: count } : file)),
    });
  };

  async function readError(call: () => Promise<unknown>): Promise<DownloadReadError> {
    const error = await call().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isDownloadReadError(error), String(error)).toBe(true);
    expect(isIncompleteReadError(error)).toBe(true);
    return error as DownloadReadError;
  }

  it('refuses a file cut in the middle of a record, naming the row (never reading a missing role as "")', async () => {
    rewrite(`${filePath}/chunks/0`, async (original) => {
      const text = await original.text();
      return bytesResponse(text.slice(0, text.indexOf('bob@example.com,') + 'bob@example.com,'.length));
    });
    const error = await readError(() => broken.model.runExport('Users export', { wait: fastWait }));
    expect(error).toMatchObject({ problem: 'csv', row: 2, what: `export ${ids.usersExport}` });
    expect(isCsvReadError(error.cause)).toBe(true);
    expect(error.cause).toMatchObject({ problem: 'column-count', expectedColumns: 3, actualColumns: 2 });
  });

  it('refuses a record whose cell count differs from the header, also when streamed', async () => {
    rewrite(`${filePath}/chunks/0`, async (original) =>
      bytesResponse(
        (await original.text()).replace('bob@example.com,Planner,EMEA', 'bob@example.com,Planner,EMEA,x'),
      ),
    );
    expect(await readError(() => broken.model.runExport('Users export', { wait: fastWait }))).toMatchObject({
      problem: 'csv',
      row: 2,
    });
    const rows: Record<string, string>[] = [];
    const streamed = await readError(async () => {
      for await (const row of broken.model.streamExport('Users export', { wait: fastWait })) rows.push(row);
    });
    expect(streamed).toMatchObject({ problem: 'csv', row: 2 });
    expect(rows.map((row) => row.Email)).toEqual(['admin@example.com']);
  });

  it('refuses a file cut inside a quoted cell', async () => {
    web.rewrite = async (url, forward) => {
      const original = await forward();
      if (!url.pathname.endsWith(`/files/${ids.regionsExport}/chunks/0`)) return original;
      const text = await original.text();
      return bytesResponse(text.slice(0, text.indexOf('Middle East')));
    };
    const error = await readError(() => broken.model.runExport(ids.regionsExport, { wait: fastWait }));
    expect(error).toMatchObject({ problem: 'csv' });
    expect(error.cause).toMatchObject({ problem: 'malformed', code: 'CSV_QUOTE_NOT_CLOSED' });
  });

  it('refuses a chunk listing with fewer or more chunks than the file announces', async () => {
    rewrite('/files', announced(2));
    expect(await readError(() => broken.model.runExport('Users export', { wait: fastWait }))).toMatchObject({
      problem: 'chunk-count',
    });
    web.rewrite = undefined;
    rewrite(`${filePath}/chunks`, listing(['0', '1']));
    expect(await readError(() => broken.model.runExport('Users export', { wait: fastWait }))).toMatchObject({
      problem: 'chunk-count',
    });
  });

  it('refuses a listing with a chunk missing or listed twice', async () => {
    rewrite('/files', announced(2));
    rewrite(`${filePath}/chunks`, listing(['0', '2']));
    expect(await readError(() => broken.model.runExport('Users export', { wait: fastWait }))).toMatchObject({
      problem: 'chunk-list',
    });
    web.rewrite = undefined;
    rewrite('/files', announced(2));
    rewrite(`${filePath}/chunks`, listing(['0', '0']));
    expect(await readError(() => broken.model.runExport('Users export', { wait: fastWait }))).toMatchObject({
      problem: 'chunk-list',
    });
  });

  it('refuses an empty chunk, and a finished export without content', async () => {
    rewrite('/files', announced(2));
    rewrite(`${filePath}/chunks`, listing(['0', '1']));
    rewrite(`${filePath}/chunks/1`, () => bytesResponse(''));
    expect(await readError(() => broken.model.runExport('Users export', { wait: fastWait }))).toMatchObject({
      problem: 'empty-chunk',
    });
    web.rewrite = undefined;
    rewrite('/files', announced(0));
    rewrite(`${filePath}/chunks`, listing([]));
    expect(await readError(() => broken.model.runExport('Users export', { wait: fastWait }))).toMatchObject({
      problem: 'no-content',
    });
    web.rewrite = undefined;
    rewrite(`${filePath}/chunks/0`, () => bytesResponse(''));
    expect(await readError(() => broken.model.runExport('Users export', { wait: fastWait }))).toMatchObject({
      problem: 'no-content',
    });
  });

  it('turns a connection cut in the middle of a chunk, or an abort while it arrives, into typed errors', async () => {
    const cut = (signal?: AbortController) =>
      rewrite(`${filePath}/chunks/0`, async (original) => {
        const text = await original.text();
        let sent = false;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (!sent) {
              sent = true;
              controller.enqueue(new TextEncoder().encode(text.slice(0, 20)));
              signal?.abort();
              return;
            }
            controller.error(new TypeError('terminated'));
          },
        });
        return new Response(body, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
      });
    cut();
    const error = await broken.model
      .runExport('Users export', { wait: fastWait })
      .catch((caught: unknown) => caught);
    expect(isConnectionError(error), String(error)).toBe(true);
    web.rewrite = undefined;
    const controller = new AbortController();
    cut(controller);
    const aborted = await broken.model
      .runExport('Users export', { wait: fastWait, signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(isAbortError(aborted), String(aborted)).toBe(true);
  });

  it('refuses a file above maxBytes with a typed error, and an invalid maxBytes before running', async () => {
    const error = await broken.model
      .runExport('Users export', { wait: fastWait, maxBytes: 20 })
      .catch((caught: unknown) => caught);
    expect(isDownloadTooLargeError(error)).toBe(true);
    expect(error).toMatchObject({ limitBytes: 20, option: 'maxBytes' });
    const before = broken.controls.tasks(ids.model).length;
    // Above 2^29 - 24 bytes the text could not be one string: refused up front, never an untyped RangeError.
    for (const maxBytes of [-1, 1.5, Number.POSITIVE_INFINITY, 2 ** 29])
      await expect(broken.model.runExport('Users export', { maxBytes })).rejects.toSatisfy(
        isConfigurationError,
      );
    expect(broken.controls.tasks(ids.model)).toHaveLength(before);
  });
});
