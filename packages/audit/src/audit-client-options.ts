import type { ClientOptions } from '@anaplan-access/core';

/**
 * Options of {@link AuditClient}: core's {@link ClientOptions}, where `baseUrl` is the Audit API's (default
 * `https://audit.anaplan.com/audit/api/1`, the same for every region; a simulator's `auditUrl`). `region` still
 * picks the auth service. `auth` must give an `AnaplanAuthToken` credential: an Anaplan login (`basicAuth`,
 * `certificateAuth`), an OAuth provider or `staticToken`; not `apiKey`. Unknown keys are refused.
 *
 * @example
 * ```ts
 * new AuditClient({ auth: basicAuth({ username: 'auditor@example.com', password }), region: 'eu3' });
 * ```
 */
export interface AuditClientOptions extends ClientOptions {}
