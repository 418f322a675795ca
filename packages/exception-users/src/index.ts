export type { ExceptionUsersErrorKind, ExceptionUsersErrorKinds } from './error-kinds.js';
export type { ExceptionUser, ExceptionUserSearch, ExceptionUserWorkspace } from './exception-user-types.js';
export { ExceptionUsersClient } from './exception-users-client.js';
export type { ExceptionUsersClientOptions } from './exception-users-client-options.js';
export {
  ExceptionUsersPermissionError,
  isExceptionUsersPermissionError,
} from './exception-users-permission-error.js';
