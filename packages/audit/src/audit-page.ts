import type { AuditEvent } from './audit-event.js';

/**
 * The `meta.paging` block of an Audit API answer, with Anaplan's spelling (`offSet`, `nextOffset`).
 *
 * @example
 * ```ts
 * const page = await audit.events.list({ from, to });
 * console.log(`${page.items.length} of ${page.paging?.totalSize}`);
 * ```
 */
export interface AuditPaging {
  /** Events in this page. */
  readonly currentPageSize: number;
  /** Events matching the query in all pages. */
  readonly totalSize: number;
  /** 0-based index of this page's first event. */
  readonly offSet: number;
  /** Offset of the next page, when there is one. */
  readonly nextOffset?: number | undefined;
  /** URL of the next page, when there is one. */
  readonly nextUrl?: string | undefined;
  /** URL of the previous page, past the first one. */
  readonly previousUrl?: string | undefined;
}

/**
 * One page of audit events, as `await audit.events.list(…)` returns it.
 *
 * @example
 * ```ts
 * const page = await audit.events.list({ from, to, pageSize: 100 });
 * for (const event of page.items) console.log(event.eventTypeId);
 * ```
 */
export interface AuditPage {
  /** The events of this page (the answer's `response`). */
  readonly items: readonly AuditEvent[];
  /** `meta.paging`, when the server sent it. */
  readonly paging: AuditPaging | undefined;
}
