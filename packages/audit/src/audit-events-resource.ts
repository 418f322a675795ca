// Tests: ./audit-client.test.ts, ./audit-pull.test.ts

import { ConfigurationError, PagePromise } from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import type { AuditEvent, AuditEventCategory } from './audit-event.js';
import type { AuditListOptions, AuditRangeOptions } from './audit-list-options.js';
import type { AuditPage } from './audit-page.js';
import { AuditPull } from './audit-pull.js';
import type { AuditPullOptions } from './audit-pull-options.js';
import type { AuditHttp } from './internal/audit-http.js';
import {
  checkKeys,
  checkWatermark,
  isWatermark,
  nonNegativeInteger,
  positiveInteger,
  timeOption,
  typeOption,
} from './internal/audit-options-check.js';
import { auditEventsResponseSchema } from './internal/audit-schemas.js';
import { type AuditWindow, maxQuerySpanMs, splitWindows, windowQuery } from './internal/audit-windows.js';

const defaultPageSize = 1000;
const defaultLookbackMs = 5 * 60 * 1000;
const callKeys = ['signal', 'timeoutMs'];
const rangeKeys = ['type', 'from', 'to', ...callKeys];
const listKeys = [...rangeKeys, 'pageSize', 'maxTotal'];
const pullKeys = ['since', 'until', 'type', 'pageSize', 'lookbackMs', 'maxTotal', ...callKeys];

/** The raw query of one request. */
interface EventsQuery {
  readonly type: AuditEventCategory | undefined;
  readonly dateFrom: number;
  readonly dateTo: number;
}

/** The range of `list()` and `cef()`: `to` defaults to now, `from` to 30 days before it. */
function rangeOf(options: AuditRangeOptions): { from: number; to: number } {
  const to = timeOption('to', options.to, Date.now());
  const from = timeOption('from', options.from, to - maxQuerySpanMs);
  if (from > to) throw new ConfigurationError('from', 'from must not be after to');
  return { from, to };
}

/**
 * The Audit API's events (`GET /events`): one window as pages (`list`), any range in Common Event Format (`cef`),
 * and incremental pulls with a watermark (`pull`).
 */
export class AuditEventsResource {
  readonly #http: AuditHttp;

  /** @internal */
  constructor(http: AuditHttp) {
    this.#http = http;
  }

  /**
   * The events of one range of at most 30 days (the API's limit), page by page: `await` it for the first page,
   * `for await` it for every event. `from` and `to` are sent as they are (`dateFrom`, `dateTo`).
   *
   * @example
   * ```ts
   * const to = Date.now();
   * for await (const event of audit.events.list({ type: 'user_activity', from: to - 86_400_000, to })) {
   *   console.log(new Date(event.eventDate), event.eventTypeId, event.userId);
   * }
   * ```
   * @throws {ConfigurationError} for an unknown or invalid option, or a range longer than 30 days (use `pull()`).
   * @throws `IncompleteReadError` from the walk when the listing cannot be read completely.
   * @throws {@link AuditRoleRequiredError} without the Tenant Auditor role; core's request errors.
   */
  list(options: AuditListOptions = {}): PagePromise<AuditPage, AuditEvent> {
    checkKeys('audit.events.list()', options, listKeys);
    const { from, to } = rangeOf(options);
    if (to - from > maxQuerySpanMs)
      throw new ConfigurationError(
        'to',
        'The Audit API reads at most 30 days per request; use audit.events.pull() for a longer range',
      );
    return this.#walk({ type: typeOption(options.type), dateFrom: from, dateTo: to }, options);
  }

  /**
   * The events of a range in Common Event Format, one line per event (`Accept: text/plain`; the API does not page
   * CEF). A range longer than 30 days is read in several requests; a line whose leading timestamp lies outside the
   * range is dropped, so windows never repeat a line.
   *
   * @example
   * ```ts
   * const lines = await audit.events.cef({ type: 'user_activity', from: Date.now() - 3_600_000 });
   * await appendFile('anaplan-audit.cef', lines.join('\n') + '\n');
   * ```
   * @throws {ConfigurationError} for an unknown or invalid option.
   * @throws {@link AuditRoleRequiredError} without the Tenant Auditor role; core's request errors.
   */
  cef(options: AuditRangeOptions = {}): Promise<string[]> {
    checkKeys('audit.events.cef()', options, rangeKeys);
    const { from, to } = rangeOf(options);
    const type = typeOption(options.type);
    return withCallOptions(options, async (signal) => {
      const lines: string[] = [];
      for (const window of splitWindows(from, to, { alignMs: 1000 })) {
        const text = await this.#http.cef(searchParamsOf({ type, ...windowQuery(window) }), signal);
        for (const line of text.split(/\r?\n/))
          if (line.trim() !== '' && cefInWindow(line, window)) lines.push(line);
      }
      return lines;
    });
  }

  /**
   * Reads every event since a time or since the previous pull's watermark, up to `until`, across as many 30-day
   * windows as needed. Iterate the result once; afterwards its `watermark` is where the next pull starts (store it
   * as JSON). An event is never delivered twice across pulls and windows, and none is lost on their edges: each
   * window asks the API for a millisecond more on both sides and keeps only its own events, and the watermark holds
   * the ids of the last `lookbackMs`, which the next pull reads again and skips.
   *
   * @example
   * ```ts
   * const pull = audit.events.pull({ since: state.watermark ?? Date.now() - 86_400_000, type: 'user_activity' });
   * for await (const event of pull) report(event);
   * state.watermark = pull.watermark;
   * ```
   * @throws {ConfigurationError} for an unknown or invalid option (a malformed watermark: key `since`), or `since`
   *   after `until`.
   */
  pull(options: AuditPullOptions): AuditPull {
    checkKeys('audit.events.pull()', options, pullKeys);
    const until = timeOption('until', options.until, Date.now());
    const lookbackMs = nonNegativeInteger('lookbackMs', options.lookbackMs, defaultLookbackMs);
    const type = typeOption(options.type);
    const timeoutMs = options.timeoutMs ?? Number.POSITIVE_INFINITY;
    if (options.since === undefined)
      throw new ConfigurationError('since', 'pull() needs since: a time or a watermark');
    const watermark = isWatermark(options.since) ? checkWatermark(options.since) : undefined;
    const from = watermark
      ? watermark.through - watermark.lookbackMs
      : timeOption('since', options.since as Date | number, 0);
    if (!watermark && from > until) throw new ConfigurationError('until', 'until must not be before since');
    const plan = {
      from,
      until,
      skip: new Set(watermark?.seenIds ?? []),
      tailFrom: Math.max(until - lookbackMs, from),
      unchanged: watermark && until <= watermark.through ? watermark : undefined,
      timeoutMs,
    };
    const listOptions = {
      pageSize: options.pageSize,
      maxTotal: options.maxTotal,
      signal: options.signal,
    };
    return new AuditPull(plan, (window: AuditWindow, remainingMs: number) =>
      this.#walk({ type, ...windowQuery(window) }, { ...listOptions, timeoutMs: remainingMs }),
    );
  }

  /** The pages of one query, through core's `PagePromise` (`offset`/`limit` on the wire, `meta.paging` back). */
  #walk(
    query: EventsQuery,
    options: Omit<AuditListOptions, 'type' | 'from' | 'to'>,
  ): PagePromise<AuditPage, AuditEvent> {
    const limit = positiveInteger('pageSize', options.pageSize, defaultPageSize);
    return new PagePromise<AuditPage, AuditEvent>({
      offset: 0,
      origin: 0,
      limit,
      description: 'GET /events',
      signal: options.signal,
      itemKey: (event) => String(event.id),
      ...(options.maxTotal === undefined ? {} : { maxTotal: options.maxTotal }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      fetchPage: async (request) => {
        const body = await this.#http.json(
          { ...searchParamsOf(query), limit: request.limit, offset: request.offset },
          auditEventsResponseSchema,
          request.signal,
        );
        return { items: body.response as AuditEvent[], paging: body.meta?.paging };
      },
      readPage: (page) => ({ items: page.items, total: page.paging?.totalSize }),
    });
  }
}

function searchParamsOf(query: EventsQuery): Record<string, string | number | undefined> {
  return { type: query.type, dateFrom: query.dateFrom, dateTo: query.dateTo };
}

/** Whether a CEF line's leading timestamp lies in the window (a line without one is kept). */
function cefInWindow(line: string, window: AuditWindow): boolean {
  const space = line.search(/\s/);
  const time = space < 0 ? Number.NaN : Date.parse(line.slice(0, space));
  return Number.isNaN(time) || (time >= window.from && time <= window.to);
}
