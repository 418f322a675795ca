import type { CallOptions } from '@anaplan-access/core';
import type { AuditEventCategory } from './audit-event.js';

/** A point in time: a `Date`, or epoch milliseconds. */
export type AuditTime = Date | number;

/**
 * Options of `audit.events.cef()`: which events, over which time range. Ranges longer than the API's 30 days are
 * split into several requests.
 *
 * @example
 * ```ts
 * const lines = await audit.events.cef({ type: 'user_activity', from: Date.now() - 86_400_000 });
 * ```
 */
export interface AuditRangeOptions extends CallOptions {
  /** Which events (the API's `type`). @default 'all' */
  type?: AuditEventCategory | undefined;
  /** First moment of the range, inclusive. @default 30 days before `to` */
  from?: AuditTime | undefined;
  /** Last moment of the range, inclusive. @default now */
  to?: AuditTime | undefined;
}

/**
 * Options of `audit.events.list()`: one time range of at most 30 days (the API's limit; `pull()` takes longer
 * ranges), and paging.
 *
 * @example
 * ```ts
 * const page = await audit.events.list({ type: 'user_activity', from: since, to: Date.now(), pageSize: 500 });
 * ```
 */
export interface AuditListOptions extends AuditRangeOptions {
  /** Events per request (`limit`). Anaplan honours large pages. @default 1000 */
  pageSize?: number | undefined;
  /**
   * The most events the listing reads. A `meta.paging.totalSize` above it is refused with an `IncompleteReadError`
   * (`over-cap`) right after the first page. `Number.POSITIVE_INFINITY` lifts the cap.
   * @default 1_000_000
   */
  maxTotal?: number | undefined;
  /**
   * Deadline of the whole walk, in ms (waiting for pages; the loop body's own time not counted). When it runs out
   * the walk fails with an `IncompleteReadError` (`deadline`). `Number.POSITIVE_INFINITY` for none.
   * @default 1_800_000 (30 minutes)
   */
  timeoutMs?: number | undefined;
}
