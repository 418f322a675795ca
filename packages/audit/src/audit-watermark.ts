/**
 * Where an incremental pull got to: everything up to `through` has been delivered, and `seenIds` are the events of
 * the last `lookbackMs` before it. The next pull reads again from `through - lookbackMs` and skips those ids, so an
 * event that is stored late, or lands on the same millisecond as the last one delivered, is delivered exactly once.
 *
 * Plain JSON: store it between runs (a file, a database row) and pass it back as `since`.
 *
 * @example
 * ```ts
 * const pull = audit.events.pull({ since: JSON.parse(saved), type: 'user_activity' });
 * for await (const event of pull) handle(event);
 * await save(JSON.stringify(pull.watermark));
 * ```
 */
export interface AuditWatermark {
  /** Everything with an `eventDate` up to this time (epoch ms, inclusive) was read. */
  readonly through: number;
  /** How far before `through` the next pull reads again, in ms. */
  readonly lookbackMs: number;
  /** The ids (as strings) of the events with an `eventDate` in `[through - lookbackMs, through]`. */
  readonly seenIds: readonly string[];
}
