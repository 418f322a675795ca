import type { CallOptions } from '@anaplan-access/core';
import type { Filter } from './filter.js';

/**
 * Options of {@link ScimUsersResource.list}: core's `CallOptions` (`signal`, `timeoutMs` for the whole walk), and
 * paging. Unknown keys are refused with a `ConfigurationError`.
 *
 * @example
 * ```ts
 * const options: ScimListOptions = { filter: filter.eq('active', true), pageSize: 50 };
 * for await (const user of client.users.list(options)) console.log(user.userName);
 * ```
 */
export interface ScimListOptions extends CallOptions {
  /** A filter from {@link filter}, or a raw SCIM filter string (sent as is, not checked). */
  filter?: Filter | string;
  /** Users per request, sent as SCIM's `count`; the server may send fewer. At most 100 on Anaplan. @default 100 */
  pageSize?: number;
  /** 1-based index of the first user. @default 1 */
  startIndex?: number;
  /** Aborts every request of the listing. */
  signal?: AbortSignal | undefined;
  /**
   * The most users the listing reads. A `totalResults` above it is refused with an `IncompleteReadError`
   * (`over-cap`) right after the first page, before any other page is asked for: a tenant does not hold a million
   * users, a server that says so is wrong. `Number.POSITIVE_INFINITY` lifts the cap.
   * @default 1_000_000
   */
  maxTotal?: number;
  /**
   * Deadline of the whole walk (`for await`, `.pages()`, `.toArray()`), in ms: the time spent waiting for pages,
   * the loop body's own time not counted. When it runs out, the pages in flight are aborted and the walk fails with
   * an `IncompleteReadError` (`deadline`). Each request keeps the client's `timeoutMs` too.
   * `Number.POSITIVE_INFINITY` for none.
   * @default 1_800_000 (30 minutes)
   */
  timeoutMs?: number | undefined;
}

/** Options of the workspace methods. */
export interface WorkspaceChangeOptions extends CallOptions {
  /** Throw a {@link WorkspaceChangeError} when any workspace failed. @default true */
  throwOnFailure?: boolean;
  /**
   * The workspace ids the user holds, when the caller has just read them (an engine that observed the tenant).
   * The user is then not read before the change, so one PATCH per 50 workspaces does it; the server's answer to
   * each PATCH still confirms every workspace (the user is read back only when an answer does not show the
   * change). Stale ids cost a needless add, or a remove the server refuses (reported as failed).
   * @default the user is read first
   */
  knownWorkspaces?: readonly string[];
}
