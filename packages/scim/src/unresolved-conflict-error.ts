// Tests: test/trust/identity.test.ts

import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';

/**
 * A create was answered 409 Conflict (a user with this userName exists), yet no user with that userName can be read
 * back: the server's account is spelled differently (another Unicode form, look-alike characters) or this client
 * cannot see it. Nothing was created and no user is returned, since adopting a guess could hand one person's
 * account to another. Find the existing account (Anaplan Administration, or a full listing) before trying again.
 * `cause` is the 409.
 *
 * @example
 * ```ts
 * try { await client.users.ensure(input); } catch (error) {
 *   if (isUnresolvedConflictError(error)) console.log(error.userName);
 * }
 * ```
 */
export class UnresolvedConflictError extends AnaplanAccessError {
  static override readonly kind: string = 'scim-unresolved-conflict';
  override readonly name: string = 'UnresolvedConflictError';
  /** The userName the create asked for. */
  readonly userName: string;

  constructor(userName: string, cause: unknown) {
    super(
      `Creating ${userName} was refused with 409 Conflict (the server has a user with that userName), but no user ${userName} can be read back by userName: the existing account is spelled differently (another Unicode form or look-alike characters) or is not visible to this client. Nothing was created; find that account before trying again.`,
      { cause },
    );
    this.userName = userName;
  }

  /** A plain object for logs and `JSON.stringify`, with `userName`. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), userName: this.userName };
  }
}

/**
 * Whether `value` is an {@link UnresolvedConflictError} (by the SDK's brand, not `instanceof`).
 *
 * @example
 * ```ts
 * if (isUnresolvedConflictError(error)) console.log(`find the account of ${error.userName} first`);
 * ```
 */
export const isUnresolvedConflictError = (value: unknown): value is UnresolvedConflictError =>
  isAnaplanAccessError(value, 'scim-unresolved-conflict');
