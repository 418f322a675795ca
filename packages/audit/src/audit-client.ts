import type { Logger } from '@anaplan-access/core';
import { createClientTransport, withAnaplanAuthScheme } from '@anaplan-access/core/client';
import type { AuditClientOptions } from './audit-client-options.js';
import { AuditEventsResource } from './audit-events-resource.js';
import { AuditHttp } from './internal/audit-http.js';

/** The Audit API's host; the same for every region. */
const defaultBaseUrl = 'https://audit.anaplan.com/audit/api/1';

/**
 * A client of Anaplan's Audit API: who did what in the tenant, for up to 30 days back. Needs a user with the
 * **Tenant Auditor** role on a tenant with the Audit feature. Credentials are always sent as `AnaplanAuthToken`
 * (the API refuses `Bearer`).
 *
 * HTTP, retries, authentication and error building come from `@anaplan-access/core`. The constructor does no I/O.
 *
 * @example
 * ```ts
 * import { basicAuth } from '@anaplan-access/core';
 * import { AuditClient } from '@anaplan-access/audit';
 *
 * const audit = new AuditClient({ auth: basicAuth({ username, password }) });
 * const pull = audit.events.pull({ since: Date.now() - 86_400_000, type: 'user_activity' });
 * for await (const event of pull) console.log(event.eventTypeId, event.userId, event.objectId);
 * console.log(JSON.stringify(pull.watermark)); // where the next run starts
 * await audit.close();
 * ```
 * @throws `ConfigurationError` from the constructor for an unknown or invalid option, or an `apiKey` provider.
 */
export class AuditClient {
  /** The events (`/events`). */
  readonly events: AuditEventsResource;
  /** The client's logger (scrubbed of secrets by core). */
  readonly logger: Logger;
  readonly #http: AuditHttp;

  constructor(options: AuditClientOptions) {
    const given = typeof options === 'object' && options !== null ? options : ({} as AuditClientOptions);
    const transport = createClientTransport('AuditClient', 'api', {
      ...given,
      auth: withAnaplanAuthScheme(given.auth, {
        client: 'AuditClient',
        api: 'the Audit API',
        apiKeys: 'refuse',
      }),
      baseUrl: given.baseUrl ?? defaultBaseUrl,
    });
    this.#http = new AuditHttp(transport);
    this.logger = transport.logger;
    this.events = new AuditEventsResource(this.#http);
  }

  /** The Audit API base URL requests go to. */
  get baseUrl(): string {
    return this.#http.transport.baseUrls.api;
  }

  /** Ends the session (logs the token out). A later call starts a new one. */
  async close(): Promise<void> {
    await this.#http.transport.close();
  }
}
