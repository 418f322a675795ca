import type { DesiredState } from '../desired-state.js';

/**
 * Options of {@link DesiredStateSource.load}.
 *
 * @example
 * ```ts
 * await source.load({ signal: AbortSignal.timeout(5 * 60_000) });
 * ```
 */
export interface LoadOptions {
  /** Cancels the load; `load()` then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/**
 * Where the desired state comes from: a CSV file, a relational database or a "User Access Management" Anaplan model.
 *
 * `load()` never rejects because of the data: bad rows become findings naming the row, and a source that cannot be
 * read (missing file, wrong headers, invalid UTF-8, failed query …) yields one `source-error` finding and **no users**,
 * so that a half-read source can never look like "these people should lose their access". It rejects only when the
 * signal aborts.
 *
 * @example
 * ```ts
 * const source: DesiredStateSource = csvSource({ path: 'access.csv' });
 * const desired = await source.load({ signal: AbortSignal.timeout(60_000) });
 * for (const finding of desired.findings) console.log(finding.severity, finding.message);
 * ```
 */
export interface DesiredStateSource {
  /** Describes the source in plans and findings, e.g. `csv:access.csv`. */
  readonly name: string;
  /**
   * Reads the source and returns the users it wants, with findings for every row that could not be used.
   *
   * @throws the signal's reason when `options.signal` aborts.
   */
  load(options?: LoadOptions): Promise<DesiredState>;
}
