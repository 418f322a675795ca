/** The `meta.paging` block of a paged Integration API list. */
export interface Paging {
  /** Items in this page. */
  currentPageSize: number;
  /** Items across all pages. */
  totalSize: number;
  /** 0-based index of this page's first item. */
  offset: number;
  /** Absolute URL of the next page, when there is one. */
  next?: string | undefined;
  /** Absolute URL of the previous page, past the first one. */
  previous?: string | undefined;
}

/**
 * One page of an Integration API listing: its items and `meta.paging`, as `await client.users.list()` returns it.
 *
 * @example
 * ```ts
 * const page = await client.users.list({ pageSize: 100 });
 * console.log(`${page.items.length} of ${page.paging?.totalSize}`);
 * ```
 */
export interface IntegrationPage<Item> {
  /** The items of this page (empty when the server left the collection key out of an empty collection). */
  items: Item[];
  /** `meta.paging`, when the server sent it. */
  paging: Paging | undefined;
}
