import type { ClientOptions } from '@anaplan-access/core';

/**
 * Options of {@link ExceptionUsersClient}: core's {@link ClientOptions}, where `baseUrl` is the Administration API's
 * (default: the region's, e.g. `https://api.anaplan.com/admin/1/0`; a simulator's `adminUrl`). Credentials are sent
 * as `AnaplanAuthToken` (Anaplan logins, OAuth, `staticToken`, `bearerToken`) or `AnaplanApiKey` (`apiKey`); never
 * as `Bearer`, which the API refuses. Unknown keys are refused.
 *
 * @example
 * ```ts
 * new ExceptionUsersClient({ auth: basicAuth({ username: 'security.admin@example.com', password }), region: 'eu3' });
 * ```
 */
export interface ExceptionUsersClientOptions extends ClientOptions {}
