// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { createClientTransport } from '@anaplan-access/core/client';
import type { CloudWorksClientOptions } from './cloudworks-client-options.js';
import { cloudWorksBaseUrl } from './cloudworks-regions.js';
import { ConnectionsResource } from './connections/connections-resource.js';
import { FlowsResource } from './flows/flows-resource.js';
import { IntegrationsResource } from './integrations/integrations-resource.js';
import { CloudWorksApi } from './internal/cloudworks-api.js';
import { NotificationsResource } from './notifications/notifications-resource.js';
import { RunsResource } from './runs/runs-resource.js';
import { SchedulesResource } from './schedules/schedules-resource.js';

/**
 * A client of the Anaplan CloudWorks API v2: connections to S3, Azure Blob and BigQuery, integrations (imports,
 * exports, processes) and their runs, errors and dumps, schedules, notifications and integration flows.
 *
 * The constructor only checks options: no request is sent until the first call. HTTP, retries, authentication (the
 * same providers and tokens as the other clients) and error mapping are core's `Transport`.
 *
 * @example
 * ```ts
 * const cloudWorks = new CloudWorksClient({ auth: basicAuth({ username, password }), region: 'eu3' });
 * const { integrationId } = await cloudWorks.integrations.ensure({ name, workspaceId, modelId, jobs: [job] });
 * const outcome = await (await cloudWorks.runs.start(integrationId)).wait();
 * await cloudWorks.close();
 * ```
 * @throws `ConfigurationError` for an unknown or invalid option.
 */
export class CloudWorksClient {
  /** Storage connections. */
  readonly connections: ConnectionsResource;
  /** Integrations, and their idempotent upkeep by name. */
  readonly integrations: IntegrationsResource;
  /** Runs: start, wait, cancel, history, errors, dumps. */
  readonly runs: RunsResource;
  /** The schedule of each integration. */
  readonly schedules: SchedulesResource;
  /** The notification configuration of each integration. */
  readonly notifications: NotificationsResource;
  /** Integration flows. */
  readonly flows: FlowsResource;
  readonly #api: CloudWorksApi;

  constructor(options: CloudWorksClientOptions) {
    const region = options?.region;
    const baseUrl =
      options?.baseUrl ??
      (typeof options === 'object' && options !== null ? cloudWorksBaseUrl(region ?? 'us1') : undefined);
    this.#api = new CloudWorksApi(
      createClientTransport(
        'CloudWorksClient',
        'api',
        baseUrl === undefined ? options : { ...options, baseUrl },
      ),
    );
    this.connections = new ConnectionsResource(this.#api);
    this.integrations = new IntegrationsResource(this.#api);
    this.runs = new RunsResource(this.#api);
    this.schedules = new SchedulesResource(this.#api);
    this.notifications = new NotificationsResource(this.#api);
    this.flows = new FlowsResource(this.#api);
  }

  /** The CloudWorks base URL this client calls. */
  get baseUrl(): string {
    return this.#api.transport.baseUrls.api;
  }

  /** Ends the session (logs the token out). A later call starts a new session. */
  async close(): Promise<void> {
    await this.#api.transport.close();
  }
}
