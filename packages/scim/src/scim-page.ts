/**
 * One page of a SCIM list, as `await client.users.list()` returns it.
 *
 * @example
 * ```ts
 * const page = await client.users.list({ pageSize: 50 });
 * console.log(`${page.items.length} of ${page.totalResults}`);
 * ```
 */
export interface ScimPage<T> {
  /** The resources of this page (the response's `Resources`). */
  readonly items: T[];
  /** How many resources match in total. */
  readonly totalResults: number;
  /** 1-based index of the first resource of this page: the server's value, or the one requested. */
  readonly startIndex: number;
  /**
   * What the server says the page size is. Unreliable (Anaplan reports 10 for a single resource); use
   * `items.length`.
   */
  readonly itemsPerPage: number | undefined;
}
