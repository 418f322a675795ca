import type { ExceptionUsersPermissionError } from './exception-users-permission-error.js';

/** The kinds of `@anaplan-access/exception-users`' errors, with the class each stands for. */
export interface ExceptionUsersErrorKinds {
  /** A change refused with 403 ({@link ExceptionUsersPermissionError}). */
  'exception-users-permission': ExceptionUsersPermissionError;
}

declare module '@anaplan-access/core' {
  /** The kinds of `@anaplan-access/exception-users`' errors, known to `isAnaplanAccessError` once imported. */
  interface ErrorKinds extends ExceptionUsersErrorKinds {}
}

/**
 * The error kinds of this package, for `isAnaplanAccessError(error, kind)`.
 *
 * @example
 * ```ts
 * if (isAnaplanAccessError(error, 'exception-users-permission')) console.error(error.ownAccount);
 * ```
 */
export type ExceptionUsersErrorKind = keyof ExceptionUsersErrorKinds;
