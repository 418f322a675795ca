// Tests: ./audit-pull.test.ts

import { ConfigurationError, type PagePromise } from '@anaplan-access/core';
import type { AuditEvent } from './audit-event.js';
import type { AuditPage } from './audit-page.js';
import type { AuditWatermark } from './audit-watermark.js';
import { type AuditWindow, inWindow, splitWindows } from './internal/audit-windows.js';

/** What a pull reads: its range, what it skips, and how far back its watermark reaches. */
interface PullPlan {
  readonly from: number;
  readonly until: number;
  /** Ids delivered by the previous pull (its watermark's `seenIds`). */
  readonly skip: ReadonlySet<string>;
  /** The start of the new watermark's look-back: `max(until - lookbackMs, from)`. */
  readonly tailFrom: number;
  /** Set when there is nothing to read: the watermark to hand back as it is. */
  readonly unchanged?: AuditWatermark | undefined;
  readonly timeoutMs: number;
}

/** Reads one window: the raw listing of its padded query. */
type ReadWindow = (window: AuditWindow, timeoutMs: number) => PagePromise<AuditPage, AuditEvent>;

/**
 * An incremental read of audit events (`audit.events.pull()`): iterate it once with `for await`; when the iteration
 * has ended normally, {@link AuditPull.watermark} tells where the next pull starts. The range is read in windows of
 * at most 30 days, oldest first; each event is delivered once, even when it sits on the edge between two windows or
 * on the millisecond of the previous pull's last event.
 *
 * Nothing is requested until the iteration starts. A pull that fails, or that the caller leaves early, has no
 * watermark: keep the previous one and pull again.
 *
 * @example
 * ```ts
 * const pull = audit.events.pull({ since: saved ?? Date.now() - 86_400_000, type: 'user_activity' });
 * for await (const event of pull) console.log(event.eventTypeId, event.userId, event.objectId);
 * saved = pull.watermark;
 * ```
 */
export class AuditPull implements AsyncIterable<AuditEvent> {
  /** First moment read (epoch ms, inclusive). */
  readonly from: number;
  /** Last moment read (epoch ms, inclusive). */
  readonly until: number;
  readonly #plan: PullPlan;
  readonly #read: ReadWindow;
  #started = false;
  #watermark: AuditWatermark | undefined;

  /** @internal */
  constructor(plan: PullPlan, read: ReadWindow) {
    this.from = plan.from;
    this.until = plan.until;
    this.#plan = plan;
    this.#read = read;
  }

  /** Where the next pull starts: set once the iteration has read the whole range; `undefined` before. */
  get watermark(): AuditWatermark | undefined {
    return this.#watermark;
  }

  /**
   * Every new event of the range, oldest window first (within a window, in the API's order).
   * @throws {ConfigurationError} (key `pull`) when the pull is iterated a second time.
   * @throws `IncompleteReadError` when a window cannot be read completely (its total changed while it was paged, a
   *   page came back empty, or `timeoutMs` ran out); core's request errors; `AuditRoleRequiredError`.
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<AuditEvent, void, undefined> {
    if (this.#started)
      throw new ConfigurationError('pull', 'A pull is read once; start the next one from its watermark');
    this.#started = true;
    const { from, until, skip, tailFrom, unchanged, timeoutMs } = this.#plan;
    if (unchanged) {
      this.#watermark = unchanged;
      return;
    }
    const deadline = performance.now() + timeoutMs;
    const tail = new Set<string>();
    for (const window of splitWindows(from, until)) {
      const remaining = Math.max(1, Math.ceil(deadline - performance.now()));
      const listing = this.#read(window, Number.isFinite(timeoutMs) ? remaining : timeoutMs);
      for await (const page of listing.pages()) {
        for (const event of page.items) {
          if (!inWindow(window, event.eventDate)) continue;
          const id = String(event.id);
          if (event.eventDate >= tailFrom) tail.add(id);
          if (!skip.has(id)) yield event;
        }
      }
    }
    this.#watermark = { through: until, lookbackMs: until - tailFrom, seenIds: [...tail] };
  }
}
