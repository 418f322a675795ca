import type { CallOptions } from '@anaplan-access/core';

/**
 * Options of every Integration API listing: core's `CallOptions` (`signal`, and `timeoutMs` for the whole walk),
 * and paging.
 *
 * @example
 * ```ts
 * const options: IntegrationListOptions = { pageSize: 500, timeoutMs: 60_000 };
 * for await (const workspace of client.workspaces.list(options)) console.log(workspace.name);
 * ```
 */
export interface IntegrationListOptions extends CallOptions {
  /** Items per request (`limit`). The server caps it at 5000. @default 5000 */
  pageSize?: number;
  /** Aborts every request of the listing. */
  signal?: AbortSignal | undefined;
  /**
   * The most items the listing reads. A `meta.paging.totalSize` above it is refused with an `IncompleteReadError`
   * (`over-cap`) right after the first page, before any other page is asked for. `Number.POSITIVE_INFINITY` lifts
   * the cap.
   * @default 1_000_000
   */
  maxTotal?: number;
  /**
   * Deadline of the whole walk (`for await`, `.pages()`, `.toArray()`), in ms: the time spent waiting for pages,
   * the loop body's own time not counted. When it runs out the walk fails with an `IncompleteReadError`
   * (`deadline`). Each request keeps the client's `timeoutMs` too. `Number.POSITIVE_INFINITY` for none.
   * @default 1_800_000 (30 minutes)
   */
  timeoutMs?: number | undefined;
}
