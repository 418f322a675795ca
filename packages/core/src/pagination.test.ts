import { describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors/configuration-error.js';
import { isAnaplanAccessError, isConfigurationError, isIncompleteReadError } from './errors/guards.js';
import { PagePromise, type PageRequest, PaginationError } from './pagination.js';

interface FakePage {
  items: { id: string }[];
  total: number | undefined;
}

/** A collection served like a SCIM server (1-based), with knobs for the misbehaviours seen in the wild. */
function server(
  size: number,
  behaviour: { cap?: number; ignoreOffset?: boolean; emptyFrom?: number; noTotal?: boolean } = {},
) {
  const all = Array.from({ length: size }, (_, index) => ({ id: `u${index + 1}` }));
  const requests: PageRequest[] = [];
  let inFlight = 0;
  let peak = 0;
  const fetchPage = async (request: PageRequest): Promise<FakePage> => {
    requests.push(request);
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight -= 1;
    if (request.signal?.aborted) throw new Error('aborted');
    const start = behaviour.ignoreOffset ? 1 : request.offset;
    const count = Math.min(request.limit, behaviour.cap ?? Number.POSITIVE_INFINITY);
    const items =
      behaviour.emptyFrom !== undefined && start >= behaviour.emptyFrom
        ? []
        : all.slice(start - 1, start - 1 + count);
    return { items, total: behaviour.noTotal ? undefined : size };
  };
  return { fetchPage, requests, peak: () => peak };
}

function list(
  fetchPage: (request: PageRequest) => Promise<FakePage>,
  options: {
    limit?: number;
    concurrency?: number;
    keyed?: boolean;
    offset?: number;
    signal?: AbortSignal;
    maxTotal?: number;
    timeoutMs?: number;
  } = {},
) {
  return new PagePromise<FakePage, { id: string }>({
    fetchPage,
    readPage: (page) => page,
    offset: options.offset ?? 1,
    origin: 1,
    limit: options.limit ?? 10,
    concurrency: options.concurrency ?? 4,
    description: 'GET /Things',
    positionName: 'startIndex',
    ...(options.keyed === false ? {} : { itemKey: (item: { id: string }) => item.id }),
    signal: options.signal,
    ...(options.maxTotal === undefined ? {} : { maxTotal: options.maxTotal }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of iterable) result.push(item);
  return result;
}

describe('PagePromise', () => {
  it('resolves to the first page and requests nothing until used', async () => {
    const fake = server(25);
    const pages = list(fake.fetchPage);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.requests).toHaveLength(0);
    const first = await pages;
    expect(first.items.map((item) => item.id)).toEqual([
      'u1',
      'u2',
      'u3',
      'u4',
      'u5',
      'u6',
      'u7',
      'u8',
      'u9',
      'u10',
    ]);
    await pages;
    expect(fake.requests).toHaveLength(1);
  });

  it('iterates every item once, reusing the first page, and fetches ahead concurrently', async () => {
    const fake = server(95);
    const pages = list(fake.fetchPage, { limit: 10, concurrency: 4 });
    await pages;
    const items = await collect(pages);
    expect(items.map((item) => item.id)).toEqual(Array.from({ length: 95 }, (_, index) => `u${index + 1}`));
    expect(fake.requests.map((request) => request.offset)).toEqual([1, 11, 21, 31, 41, 51, 61, 71, 81, 91]);
    expect(fake.peak()).toBeGreaterThan(1);
    expect(fake.peak()).toBeLessThanOrEqual(4);
  });

  it('pages by the number of items returned when the server caps the page size', async () => {
    const fake = server(45, { cap: 20 });
    const items = await collect(list(fake.fetchPage, { limit: 100 }));
    expect(items).toHaveLength(45);
    expect(fake.requests.map((request) => request.offset)).toEqual([1, 21, 41]);
  });

  it('walks pages with .pages()', async () => {
    const fake = server(25);
    const pageSizes = (await collect(list(fake.fetchPage).pages())).map((page) => page.items.length);
    expect(pageSizes).toEqual([10, 10, 5]);
  });

  it('throws a PaginationError instead of looping when the server ignores the offset', async () => {
    const fake = server(250, { ignoreOffset: true, cap: 20 });
    const error = await collect(list(fake.fetchPage)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaginationError);
    expect(isAnaplanAccessError(error, 'pagination')).toBe(true);
    expect((error as PaginationError).offset).toBe(11);
    expect(fake.requests.length).toBeLessThanOrEqual(6);
  });

  it('detects a repeated page without an itemKey too', async () => {
    const fake = server(250, { ignoreOffset: true, noTotal: true });
    const error = await collect(list(fake.fetchPage, { keyed: false })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaginationError);
    expect(fake.requests).toHaveLength(2);
  });

  it('fails with an IncompleteReadError at an empty page that comes before the total', async () => {
    const fake = server(100, { emptyFrom: 31 });
    const yielded: string[] = [];
    const error = await (async () => {
      for await (const item of list(fake.fetchPage, { concurrency: 1 })) yielded.push(item.id);
    })().catch((caught: unknown) => caught);
    expect(isIncompleteReadError(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'empty-page', listing: 'GET /Things', expected: 100, seen: 30 });
    expect(error).toMatchObject({ offset: 31 });
    expect((error as Error).message).toContain('GET /Things could not be read completely (empty-page)');
    expect((error as Error).message).toContain('the page at startIndex 31 was empty');
    expect(yielded).toHaveLength(30);
    expect(fake.requests.map((request) => request.offset)).toEqual([1, 11, 21, 31]);
  });

  it('walks sequentially until an empty page when the server gives no total', async () => {
    const fake = server(23, { noTotal: true });
    const items = await collect(list(fake.fetchPage));
    expect(items).toHaveLength(23);
    expect(fake.requests.map((request) => request.offset)).toEqual([1, 11, 21, 24]);
    expect(fake.peak()).toBe(1);
  });

  it('aborts the pages fetched ahead when the caller stops early', async () => {
    const fake = server(1000);
    const pages = list(fake.fetchPage, { concurrency: 3 });
    const taken = await pages.toArray({ limit: 15 });
    expect(taken).toHaveLength(15);
    expect(fake.requests.length).toBeLessThanOrEqual(5);
    expect(fake.requests.slice(1).every((request) => request.signal?.aborted)).toBe(true);
  });

  it('refuses an unbounded toArray', async () => {
    const pages = list(server(5).fetchPage);
    await expect(pages.toArray({} as { limit: number })).rejects.toThrow(ConfigurationError);
    await expect(pages.toArray({} as { limit: number })).rejects.toMatchObject({ key: 'limit' });
    expect(await pages.toArray({ limit: Number.POSITIVE_INFINITY })).toHaveLength(5);
  });

  it('skips items repeated by data that shifted between pages, then fails for the one it could not see', async () => {
    let calls = 0;
    const fetchPage = async (request: PageRequest): Promise<FakePage> => {
      calls += 1;
      // The second page overlaps the first by one item, as if a user had been inserted in between.
      const start = request.offset === 1 ? 1 : request.offset - 1;
      const items = Array.from({ length: Math.min(10, 21 - start) }, (_, index) => ({
        id: `u${start + index}`,
      }));
      return { items, total: 20 };
    };
    const yielded: string[] = [];
    const error = await (async () => {
      for await (const item of list(fetchPage, { concurrency: 1 })) yielded.push(item.id);
    })().catch((caught: unknown) => caught);
    expect(new Set(yielded).size).toBe(yielded.length);
    expect(calls).toBeLessThan(5);
    // Then the walk reached the total by position with one user fewer than announced: that is not a full read.
    expect(error).toMatchObject({
      name: 'IncompleteReadError',
      reason: 'count-mismatch',
      expected: 20,
      seen: 19,
    });
  });

  it('rejects await and iteration with the fetch error', async () => {
    const failing = list(async () => {
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(collect(failing)).rejects.toThrow('boom');
  });
  it('fails when the total changes during the walk', async () => {
    let calls = 0;
    const fetchPage = async (request: PageRequest): Promise<FakePage> => {
      calls += 1;
      const total = calls === 1 ? 30 : 29; // Someone was removed between the first page and the second.
      return { items: [{ id: `u${request.offset}` }, { id: `u${request.offset + 1}` }].slice(0, 10), total };
    };
    const error = await collect(list(fetchPage, { limit: 2, concurrency: 1 })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ reason: 'total-changed', expected: 30, offset: 3 });
  });

  it('refuses an absurd total after the first page, before any other request or item', async () => {
    const fake = server(5000);
    const yielded: unknown[] = [];
    const error = await (async () => {
      for await (const item of list(fake.fetchPage, { maxTotal: 1000 })) yielded.push(item);
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: 'over-cap', expected: 5000, seen: 0 });
    expect(yielded).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('stops a listing without a total that never ends at maxTotal', async () => {
    const endless = async (request: PageRequest): Promise<FakePage> => ({
      items: Array.from({ length: request.limit }, (_, index) => ({ id: `u${request.offset + index}` })),
      total: undefined,
    });
    const error = await collect(list(endless, { maxTotal: 95 })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: 'over-cap', seen: 100 });
  });

  it('stops a listing whose page never comes at its deadline, and aborts what is in flight', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const stalled = (request: PageRequest): Promise<FakePage> => {
      signals.push(request.signal);
      if (request.offset === 1)
        return Promise.resolve({ items: [{ id: 'u1' }, { id: 'u2' }], total: 10_000 });
      return new Promise(() => {}); // A server that never answers (the transport's own timeout is not used here).
    };
    const error = await collect(list(stalled, { limit: 2, timeoutMs: 50 })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: 'IncompleteReadError', reason: 'deadline', offset: 3, seen: 2 });
    expect(signals.slice(1).every((signal) => signal?.aborted)).toBe(true);
  });

  it("does not count the caller's loop body against the deadline", async () => {
    const fake = server(40);
    let items = 0;
    for await (const _item of list(fake.fetchPage, { timeoutMs: 1000, concurrency: 1 })) {
      items += 1;
      if (items % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(items).toBe(40);
  });

  it('walks nothing for a count-only request (limit 0)', async () => {
    const fake = server(30);
    expect(await collect(list(fake.fetchPage, { limit: 0 }))).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('rejects a maxTotal or timeoutMs that is not a positive integer or infinity', () => {
    const fetchPage = server(1).fetchPage;
    for (const bad of [0, -1, 1.5, Number.NaN, '10' as unknown as number]) {
      for (const key of ['maxTotal', 'timeoutMs'] as const) {
        const error = (() => {
          try {
            list(fetchPage, { [key]: bad });
          } catch (caught) {
            return caught;
          }
        })();
        expect(isConfigurationError(error)).toBe(true);
        expect(error).toMatchObject({ key });
      }
    }
    expect(() => list(fetchPage, { maxTotal: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});
