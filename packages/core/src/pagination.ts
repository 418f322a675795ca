import { AnaplanAccessError } from './errors/anaplan-access-error.js';
import { ConfigurationError } from './errors/configuration-error.js';
import { IncompleteReadError, type IncompleteReadReason } from './errors/incomplete-read-error.js';
import { limitOption, signalOption, within } from './internal/listing-limits.js';

/** What {@link PagePromise} asks `fetchPage` for. */
export interface PageRequest {
  /** Position of the first item wanted, in the API's own numbering (SCIM `startIndex` is 1-based). */
  readonly offset: number;
  /** How many items to ask for (SCIM `count`, Integration API `limit`). */
  readonly limit: number;
  /** Fires when the caller's signal fires or when the iteration that wanted this page has ended. */
  readonly signal: AbortSignal | undefined;
}

/** What {@link PagePromise} needs to know about one page. */
export interface PageContents<TItem> {
  /** The items of the page, in order. Paging advances by their number, never by what the server says it sent. */
  readonly items: readonly TItem[];
  /** Total number of items in the whole collection, when the server says (SCIM `totalResults`). */
  readonly total: number | undefined;
}

/** Options of a {@link PagePromise}. */
export interface PagePromiseOptions<TPage, TItem> {
  /** Fetches one page. Called once per page; failed pages are not retried here (the transport retries). */
  fetchPage: (request: PageRequest) => Promise<TPage>;
  /** Reads the items and the total out of a page. */
  readPage: (page: TPage) => PageContents<TItem>;
  /** Offset of the first page requested. */
  offset: number;
  /**
   * Offset of the first item of the collection: `1` for SCIM, `0` for the Integration API. With `total`, it gives
   * the offset past the last item.
   */
  origin: number;
  /** Page size to ask for. The server may send fewer; paging then advances by what it sent. */
  limit: number;
  /**
   * How many pages may be in flight at once once the total is known. Keep it at or below the transport's
   * concurrency limit. @default 1
   */
  concurrency?: number;
  /**
   * A stable identity per item (a user id). Items seen before are skipped (data shifting between pages can
   * repeat one), and a page with nothing new stops the iteration with a {@link PaginationError}. Without it, a page
   * identical to the previous one is the signal.
   */
  itemKey?: (item: TItem) => string;
  /** Aborts every request of this listing. */
  signal?: AbortSignal | undefined;
  /** Names the listing in error messages, e.g. `GET /Users`. */
  description?: string;
  /** Names the position in error messages (`startIndex` for SCIM). @default 'offset' */
  positionName?: string;
  /**
   * The largest collection the listing reads. A larger announced total is refused with an
   * {@link IncompleteReadError} (`over-cap`) right after the first page, before any other page is asked for or any
   * item is yielded; a listing that announces no total is stopped once it has read more items than this. Pass
   * `Number.POSITIVE_INFINITY` to lift the cap.
   * @default 1_000_000
   */
  maxTotal?: number;
  /**
   * Deadline of the whole walk, in ms: the time spent waiting for pages, from the first to the last (the time the
   * caller's `for await` body takes is not counted). When it runs out, the pages in flight are aborted and the
   * iteration fails with an {@link IncompleteReadError} (`deadline`). Each request keeps its own timeout too.
   * Pass `Number.POSITIVE_INFINITY` for no deadline.
   * @default 1_800_000 (30 minutes)
   */
  timeoutMs?: number;
}

/** The default {@link PagePromiseOptions.maxTotal}. */
const defaultMaxTotal = 1_000_000;
/** The default {@link PagePromiseOptions.timeoutMs}: 30 minutes. */
const defaultTimeoutMs = 30 * 60 * 1000;

/**
 * A listing that went wrong on the server's side in a way that would make naive paging loop forever, for
 * example a server that ignores the start position and sends the first page again.
 */
export class PaginationError extends AnaplanAccessError {
  static override readonly kind: string = 'pagination';
  override readonly name: string = 'PaginationError';
  /** The offset of the page that was refused. */
  readonly offset: number;

  constructor(offset: number, message: string) {
    super(message);
    this.offset = offset;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), offset: this.offset };
  }
}

interface Fetched<TPage> {
  readonly offset: number;
  readonly promise: Promise<TPage>;
}

function linkSignals(controller: AbortController, signal: AbortSignal | undefined): AbortSignal {
  return signal === undefined ? controller.signal : AbortSignal.any([signal, controller.signal]);
}

/**
 * A paginated listing. `await` it for the first page, `for await` it for every item, or walk `.pages()`.
 *
 * Nothing is requested until it is awaited or iterated. The first page is fetched once and shared. Once a page
 * has told the total, the following pages are fetched ahead, up to `concurrency` at a time, and yielded in order.
 * Paging advances by the number of items each page actually holds (a server may cap the page size, or send
 * fewer than it claims in fields like SCIM `itemsPerPage`), so a short page is followed by a page that starts
 * right after its last item.
 *
 * A walk either reads the whole collection or fails: an iteration that ends normally has read exactly the
 * announced total of distinct items. It fails with an {@link IncompleteReadError} when a page comes back empty
 * before the total (`empty-page`), when the total changes during the walk (`total-changed`), when the walk reaches
 * the total by position but holds a different number of distinct items (`count-mismatch`), when the total is
 * above `maxTotal` (`over-cap`, before a second page is asked for), or when `timeoutMs` runs out (`deadline`).
 * Without an announced total, it ends at the first empty page, or fails once it has read more than `maxTotal`
 * items. A page that brings nothing new stops it with a {@link PaginationError}, so a server that ignores the
 * start position cannot make it loop. Leaving a `for await` early aborts the pages fetched ahead.
 *
 * @example
 * ```ts
 * const list = client.users.list({ pageSize: 100 });
 * const first = await list; // the first page
 * for await (const user of list) console.log(user.userName); // every user
 * for await (const page of list.pages()) console.log(page.items.length);
 * const some = await list.toArray({ limit: 500 });
 * ```
 * @throws `ConfigurationError` from the constructor when `maxTotal` or `timeoutMs` is not a positive integer
 *   or infinity, or `signal` is not an `AbortSignal`.
 */
export class PagePromise<TPage, TItem> implements PromiseLike<TPage>, AsyncIterable<TItem> {
  readonly #options: PagePromiseOptions<TPage, TItem>;
  readonly #maxTotal: number;
  readonly #timeoutMs: number;
  #first: Promise<TPage> | undefined;

  constructor(options: PagePromiseOptions<TPage, TItem>) {
    this.#options = { ...options, concurrency: Math.max(1, Math.floor(options.concurrency ?? 1)) };
    signalOption('signal', options.signal);
    this.#maxTotal = limitOption('maxTotal', options.maxTotal, defaultMaxTotal);
    this.#timeoutMs = limitOption('timeoutMs', options.timeoutMs, defaultTimeoutMs);
  }

  /** `'PagePromise'`, so that `Object.prototype.toString` names it. */
  get [Symbol.toStringTag](): string {
    return 'PagePromise';
  }

  #firstPage(): Promise<TPage> {
    this.#first ??= Promise.resolve().then(() =>
      this.#options.fetchPage({
        offset: this.#options.offset,
        limit: this.#options.limit,
        signal: this.#options.signal,
      }),
    );
    return this.#first;
  }

  /** Resolves with the first page. */
  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is deliberately awaitable.
  then<TResult1 = TPage, TResult2 = never>(
    onFulfilled?: ((page: TPage) => TResult1 | PromiseLike<TResult1>) | null,
    onRejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.#firstPage().then(onFulfilled, onRejected);
  }

  /** Like `Promise.prototype.catch`, for the first page. */
  catch<TResult = never>(
    onRejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | null,
  ): Promise<TPage | TResult> {
    return this.#firstPage().catch(onRejected);
  }

  /** Like `Promise.prototype.finally`, for the first page. */
  finally(onFinally?: (() => void) | null): Promise<TPage> {
    return this.#firstPage().finally(onFinally);
  }

  /**
   * Every page, in order, starting with the first.
   * @throws {@link IncompleteReadError} when the listing cannot be read completely (see {@link PagePromise}).
   */
  async *pages(): AsyncGenerator<TPage, void, undefined> {
    for await (const { page } of this.#walk()) yield page;
  }

  /**
   * Every item of every page, in order, without repeats when `itemKey` is set.
   * @throws {@link IncompleteReadError} when the listing cannot be read completely (see {@link PagePromise}).
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<TItem, void, undefined> {
    for await (const { items } of this.#walk()) yield* items;
  }

  /**
   * Collects items into an array, stopping after `limit` items (the rest is not fetched).
   * @throws {@link ConfigurationError} (key `limit`) when `limit` is not a non-negative integer: an unbounded
   *   collect must be asked for explicitly, with `limit: Number.POSITIVE_INFINITY`.
   * @throws {@link IncompleteReadError} when the listing cannot be read completely (see {@link PagePromise}).
   */
  async toArray(options: { limit: number }): Promise<TItem[]> {
    const limit = options?.limit;
    if (
      typeof limit !== 'number' ||
      Number.isNaN(limit) ||
      limit < 0 ||
      (!Number.isInteger(limit) && limit !== Infinity)
    ) {
      throw new ConfigurationError(
        'limit',
        'toArray() needs { limit }: a non-negative integer, or Number.POSITIVE_INFINITY',
      );
    }
    const collected: TItem[] = [];
    if (limit === 0) return collected;
    for await (const item of this) {
      collected.push(item);
      if (collected.length >= limit) break;
    }
    return collected;
  }

  async *#walk(): AsyncGenerator<{ page: TPage; items: readonly TItem[] }, void, undefined> {
    const { fetchPage, readPage, origin, limit, itemKey } = this.#options;
    const { description = 'listing', positionName = 'offset' } = this.#options;
    const concurrency = this.#options.concurrency ?? 1;
    const maxTotal = this.#maxTotal;
    const controller = new AbortController();
    const signal = linkSignals(controller, this.#options.signal);
    const seen = new Set<string>();
    let previousJson: string | undefined;
    const queue: Fetched<TPage>[] = [];
    const request = (offset: number): Fetched<TPage> => {
      const promise = fetchPage({ offset, limit, signal });
      promise.catch(() => {}); // Read when its turn comes; until then it must not count as unhandled.
      return { offset, promise };
    };
    let total: number | undefined;
    let read = 0; // Items yielded (distinct ones when keyed).
    let waitedMs = 0;
    let step = 0;
    const incomplete = (reason: IncompleteReadReason, offset: number, detail: string, cause?: unknown) =>
      new IncompleteReadError({
        listing: description,
        reason,
        detail,
        expected: total,
        seen: read,
        offset,
        cause,
      });
    const at = (offset: number) => `the page at ${positionName} ${offset}`;

    try {
      let current: Fetched<TPage> | undefined = { offset: this.#options.offset, promise: this.#firstPage() };
      while (current !== undefined) {
        const offset: number = current.offset;
        const started = performance.now();
        const page = await within(current.promise, this.#timeoutMs - waitedMs, () =>
          incomplete(
            'deadline',
            offset,
            `timeoutMs (${this.#timeoutMs} ms) ran out waiting for ${at(offset)}, after ${read} items`,
          ),
        );
        waitedMs += performance.now() - started;
        const contents = readPage(page);
        if (contents.total !== undefined) {
          if (total !== undefined && contents.total !== total)
            throw incomplete(
              'total-changed',
              offset,
              `the server announced ${total} items, then ${contents.total} with ${at(offset)}: the collection ` +
                'changed during the walk',
            );
          total = contents.total;
          if (total > maxTotal)
            throw incomplete(
              'over-cap',
              offset,
              `the server announced ${total} items, more than maxTotal (${maxTotal}); no further page was read`,
            );
        }
        const fresh = itemKey
          ? contents.items.filter((item) => {
              const key = itemKey(item);
              if (seen.has(key)) return false;
              seen.add(key);
              return true;
            })
          : contents.items;
        if (
          contents.items.length > 0 &&
          (itemKey ? fresh.length === 0 : JSON.stringify(contents.items) === previousJson)
        ) {
          throw new PaginationError(
            offset,
            `The server sent no new items for ${description} at offset ${offset}: it probably ignores the ` +
              'start position. Stopped instead of looping.',
          );
        }
        if (!itemKey) previousJson = JSON.stringify(contents.items);
        read += fresh.length;
        if (read > maxTotal)
          throw incomplete('over-cap', offset, `more than maxTotal (${maxTotal}) items were read`);

        const count = contents.items.length;
        const next = offset + count;
        const end = total === undefined ? undefined : origin + total;
        // A count-only request (`limit` 0) answers the total and nothing else: there is nothing to walk.
        const done = limit === 0 || count === 0 || (end !== undefined && next >= end);
        if (limit > 0 && end !== undefined) {
          if (count === 0 && offset < end)
            throw incomplete(
              'empty-page',
              offset,
              `${at(offset)} was empty, though the server announced ${total} items and ${read} were read`,
            );
          const expected = Math.max(0, end - this.#options.offset);
          if (done && read !== expected)
            throw incomplete(
              'count-mismatch',
              offset,
              `the walk reached the announced ${total} items by position, but read ${read} distinct ones ` +
                `where ${expected} were expected`,
            );
        }
        if (!done) {
          step ||= count;
          // Drop pages fetched ahead on a plan that no longer holds (a short page moved every later offset).
          if (queue[0] !== undefined && queue[0].offset !== next) queue.length = 0;
          const stop = end ?? next + 1;
          const width = end === undefined ? 1 : concurrency;
          let planned = queue.at(-1)?.offset ?? next - step;
          while (queue.length < width && planned + step < stop) {
            planned = queue.length === 0 ? next : planned + step;
            queue.push(request(planned));
          }
        }
        // Pages ahead are already on their way while the caller works on this one.
        yield { page, items: fresh };
        if (done) break;
        current = queue.shift();
      }
    } finally {
      controller.abort();
    }
  }
}
