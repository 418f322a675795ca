import type { CallOptions } from '@anaplan-access/core';
import type { AuditEventCategory } from './audit-event.js';
import type { AuditTime } from './audit-list-options.js';
import type { AuditWatermark } from './audit-watermark.js';

/**
 * Options of `audit.events.pull()`: an incremental read from a point in time, or from where the previous pull got
 * to, across as many 30-day windows as it takes.
 *
 * @example
 * ```ts
 * audit.events.pull({ since: Date.now() - 7 * 86_400_000, type: 'user_activity' }); // the first run
 * audit.events.pull({ since: savedWatermark, type: 'user_activity' }); // every run after it
 * ```
 */
export interface AuditPullOptions extends CallOptions {
  /**
   * Where to start: a time (events at or after it), or the `watermark` of the previous pull (events after those it
   * delivered, late arrivals within its look-back included).
   */
  since: AuditTime | AuditWatermark;
  /** Last moment read, inclusive. @default now */
  until?: AuditTime | undefined;
  /** Which events (the API's `type`). @default 'all' */
  type?: AuditEventCategory | undefined;
  /** Events per request (`limit`). @default 1000 */
  pageSize?: number | undefined;
  /**
   * How far before `until` the watermark reaches back, in ms: events stored up to this long after they happened,
   * and clock differences between this machine and Anaplan, are still delivered by the next pull (once). The
   * watermark keeps the ids of the events in this span.
   * @default 300000 (5 minutes)
   */
  lookbackMs?: number | undefined;
  /** The most events one 30-day window may hold (see `AuditListOptions.maxTotal`). @default 1_000_000 */
  maxTotal?: number | undefined;
}
