// Tests: ../scim-client.test.ts

import { ConfigurationError } from '@anaplan-access/core';
import type { ScimClientOptions } from '../scim-client-options.js';

/** The options `ScimClient` adds to core's. */
export const scimOwnOptionKeys = ['anaplan'] as const;

/**
 * Checks the option only ScimClient has; the shared ones are checked by core.
 * @throws `ConfigurationError` when `anaplan` is not a boolean.
 */
export function checkScimOwnOptions(options: ScimClientOptions): void {
  if (options?.anaplan !== undefined && typeof options.anaplan !== 'boolean')
    throw new ConfigurationError('anaplan', 'Invalid ScimClient option "anaplan": must be a boolean');
}
