// Tests: ../pagination.test.ts, test/trust/incomplete-listings.test.ts

import { AnaplanAccessError } from './anaplan-access-error.js';

/**
 * Why a listing could not be read completely:
 * - `empty-page`: a page came back empty before the announced total was reached.
 * - `short-page`: a page holds fewer items than its own envelope says it holds (Integration API
 *   `meta.paging.currentPageSize`).
 * - `missing-key`: an Integration API page has no list key, and nothing says the collection is empty.
 * - `total-changed`: the announced total (`totalResults`, `meta.paging.totalSize`) changed during the walk.
 * - `count-mismatch`: the walk reached the announced total by position, but holds a different number of distinct
 *   items (repeats that hide others, or more items than announced).
 * - `over-cap`: the announced total, or the number of items read, is above the listing's `maxTotal`.
 * - `deadline`: the listing's `timeoutMs` ran out before its last page.
 * - `missing-field`: an item lacks the field a decision depends on (an administrator without an e-mail).
 */
export type IncompleteReadReason =
  | 'empty-page'
  | 'short-page'
  | 'missing-key'
  | 'total-changed'
  | 'count-mismatch'
  | 'over-cap'
  | 'deadline'
  | 'missing-field';

/** What an {@link IncompleteReadError} is built from. */
export interface IncompleteReadErrorInit {
  /** The listing, as method and path: `GET /Users`, `GET /workspaces/{id}/admins`. */
  listing: string;
  /** Why it is incomplete. */
  reason: IncompleteReadReason;
  /** What was missing, in words, e.g. `the page at startIndex 201 was empty`. */
  detail: string;
  /** The total the server announced, when it did. */
  expected?: number | undefined;
  /** How many items were read before the walk stopped. */
  seen?: number | undefined;
  /** The position (SCIM `startIndex`, Integration API `offset`) of the page at fault. */
  offset?: number | undefined;
  /** The underlying error, for a `deadline`. */
  cause?: unknown;
}

/**
 * A listing could not be read completely and unambiguously, so nothing may be decided from it: a page came back
 * empty or short before the announced total, the total changed during the walk, fewer (or more) distinct items
 * arrived than announced, the total is above the listing's cap, or its deadline ran out. Reading it as "these
 * are all the users" could deprovision the people on the missing pages, so the whole listing fails instead.
 *
 * Retrying later usually helps (the data was changing, or the server was briefly inconsistent); when it does not,
 * `reason`, `expected`, `seen` and `offset` say what went wrong.
 *
 * @example
 * ```ts
 * try {
 *   for await (const user of scim.users.list()) users.push(user);
 * } catch (error) {
 *   if (isIncompleteReadError(error)) console.error(error.listing, error.reason, error.expected, error.seen);
 *   throw error;
 * }
 * ```
 */
export class IncompleteReadError extends AnaplanAccessError {
  static override readonly kind: string = 'incomplete-read';
  override readonly name: string = 'IncompleteReadError';
  /** The listing, as method and path: `GET /Users`, `GET /workspaces/{id}/admins`. */
  readonly listing: string;
  /** Why it is incomplete. */
  readonly reason: IncompleteReadReason;
  /** The total the server announced, when it did. */
  readonly expected: number | undefined;
  /** How many items were read before the walk stopped. */
  readonly seen: number | undefined;
  /** The position of the page at fault (SCIM `startIndex` is 1-based, Integration API `offset` 0-based). */
  readonly offset: number | undefined;

  constructor(init: IncompleteReadErrorInit) {
    // The listing is a method and a path the SDK built (ids, never credentials), and the detail holds numbers.
    super(
      `${init.listing} could not be read completely (${init.reason}): ${init.detail}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.listing = init.listing;
    this.reason = init.reason;
    this.expected = init.expected;
    this.seen = init.seen;
    this.offset = init.offset;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      listing: this.listing,
      reason: this.reason,
      expected: this.expected,
      seen: this.seen,
      offset: this.offset,
    };
  }
}
