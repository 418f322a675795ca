import type { Logger } from '@anaplan-access/core';
import type { ScimHttp } from './scim-http.js';

/** What the users resource (and its listing and lookups) needs from its client. */
export interface ScimUsersContext {
  http: ScimHttp;
  anaplan: boolean;
  concurrency: number;
  logger: Logger;
}
