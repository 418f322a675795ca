import type { CallOptions } from '@anaplan-access/core';

/** Options of every CloudWorks listing: core's `CallOptions` (`signal`, and `timeoutMs` for the whole walk), and paging. */
export interface CloudWorksListOptions extends CallOptions {
  /** Items per request (`limit`). @default 100 */
  pageSize?: number;
  /** Aborts every request of the listing. */
  signal?: AbortSignal | undefined;
  /**
   * The most items the listing reads. A `meta.paging.totalSize` above it is refused with an `IncompleteReadError`
   * (`over-cap`) right after the first page. `Number.POSITIVE_INFINITY` lifts the cap.
   * @default 1_000_000
   */
  maxTotal?: number;
  /**
   * Deadline of the whole walk (`for await`, `.pages()`, `.toArray()`), in ms. When it runs out the walk fails with
   * an `IncompleteReadError` (`deadline`). `Number.POSITIVE_INFINITY` for none.
   * @default 1_800_000 (30 minutes)
   */
  timeoutMs?: number | undefined;
}

/** Options of {@link IntegrationsResource.list}. */
export interface CloudWorksIntegrationListOptions extends CloudWorksListOptions {
  /** Only the caller's own integrations (`myIntegrations=1`). @default false: every integration the caller sees */
  myIntegrations?: boolean;
  /** Sort field, `-` first for descending (`name`, `-name`). @default the server's order */
  sortBy?: string;
}
