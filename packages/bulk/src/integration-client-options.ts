import type { ClientOptions } from '@anaplan-access/core';

/**
 * Options of {@link IntegrationClient}: core's {@link ClientOptions}, where `baseUrl` is the Integration API's
 * (e.g. `https://api.anaplan.com/2/0`, or a simulator's `apiUrl`). Unknown keys are refused.
 *
 * @example
 * ```ts
 * new IntegrationClient({ auth: basicAuth({ username, password }), region: 'eu3', concurrency: 4 });
 * ```
 */
export interface IntegrationClientOptions extends ClientOptions {}
