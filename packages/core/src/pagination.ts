import { AnaplanAccessError } from './errors/anaplan-access-error.js';

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
  signal?: AbortSignal;
  /** Names the listing in error messages, e.g. `GET /Users`. */
  description?: string;
}

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
 * fewer than it claims in fields like SCIM `itemsPerPage`). Iteration stops at the total, at the first empty
 * page, or with a {@link PaginationError} when a page brings nothing new — so a server that ignores the start
 * position cannot make it loop. Leaving a `for await` early aborts the pages fetched ahead.
 *
 * @example
 * ```ts
 * const list = client.users.list({ count: 100 });
 * const first = await list; // the first page
 * for await (const user of list) console.log(user.userName); // every user
 * for await (const page of list.pages()) console.log(page.Resources.length);
 * const some = await list.toArray({ limit: 500 });
 * ```
 */
export class PagePromise<TPage, TItem> implements PromiseLike<TPage>, AsyncIterable<TItem> {
  readonly #options: PagePromiseOptions<TPage, TItem>;
  #first: Promise<TPage> | undefined;

  constructor(options: PagePromiseOptions<TPage, TItem>) {
    this.#options = { ...options, concurrency: Math.max(1, Math.floor(options.concurrency ?? 1)) };
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

  /** Every page, in order, starting with the first. */
  async *pages(): AsyncGenerator<TPage, void, undefined> {
    for await (const { page } of this.#walk()) yield page;
  }

  /** Every item of every page, in order, without repeats when `itemKey` is set. */
  async *[Symbol.asyncIterator](): AsyncGenerator<TItem, void, undefined> {
    for await (const { items } of this.#walk()) yield* items;
  }

  /**
   * Collects items into an array, stopping after `limit` items (the rest is not fetched).
   * @throws RangeError when `limit` is not a non-negative integer: an unbounded collect must be asked for
   *   explicitly, with `limit: Number.POSITIVE_INFINITY`.
   */
  async toArray(options: { limit: number }): Promise<TItem[]> {
    const limit = options?.limit;
    if (
      typeof limit !== 'number' ||
      Number.isNaN(limit) ||
      limit < 0 ||
      (!Number.isInteger(limit) && limit !== Infinity)
    ) {
      throw new RangeError('toArray() needs { limit }: a non-negative integer, or Number.POSITIVE_INFINITY');
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
    const { fetchPage, readPage, origin, limit, itemKey, description = 'listing' } = this.#options;
    const concurrency = this.#options.concurrency ?? 1;
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

    try {
      let current: Fetched<TPage> | undefined = { offset: this.#options.offset, promise: this.#firstPage() };
      let total: number | undefined;
      let step = 0;
      while (current !== undefined) {
        const page = await current.promise;
        const contents = readPage(page);
        total = contents.total ?? total;
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
            current.offset,
            `The server sent no new items for ${description} at offset ${current.offset}: it probably ignores the ` +
              'start position. Stopped instead of looping.',
          );
        }
        if (!itemKey) previousJson = JSON.stringify(contents.items);

        const count = contents.items.length;
        const next = current.offset + count;
        const done = count === 0 || (total !== undefined && next >= origin + total);
        if (!done) {
          step ||= count;
          // Drop pages fetched ahead on a plan that no longer holds (a short page moved every later offset).
          if (queue[0] !== undefined && queue[0].offset !== next) queue.length = 0;
          const end = total === undefined ? next + 1 : origin + total;
          const width = total === undefined ? 1 : concurrency;
          let planned = queue.at(-1)?.offset ?? next - step;
          while (queue.length < width && planned + step < end) {
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
