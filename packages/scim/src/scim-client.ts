import { type CallOptions, isAuthenticationError, type Logger } from '@anaplan-access/core';
import { createClientTransport, withCallOptions } from '@anaplan-access/core/client';
import { z } from 'zod';
import { listResponseOf } from './internal/list-response-of.js';
import { ScimHttp } from './internal/scim-http.js';
import { checkScimOwnOptions, scimOwnOptionKeys } from './internal/scim-own-options.js';
import {
  type ResourceType,
  ResourceTypeSchema,
  type Schema,
  SchemaSchema,
  type ServiceProviderConfig,
  ServiceProviderConfigSchema,
} from './schemas/discovery.js';
import type { ScimClientOptions } from './scim-client-options.js';
import { ScimUsersResource } from './users.js';

/** Default number of requests in flight (and list pages fetched ahead). */
const defaultConcurrency = 4;

/** A discovery list: a ListResponse, or a bare array as some servers send. */
function discoveryList<T extends z.ZodType>(resource: T) {
  return z.union([listResponseOf(resource), z.array(resource)]);
}

/**
 * A typed SCIM 2.0 client for Anaplan's user and workspace administration that also works with any
 * standards-following SCIM 2.0 server (`anaplan: false`).
 *
 * HTTP, retries, authentication (single-flight tokens, refresh, one re-authentication after a 401) and error
 * building come from `@anaplan-access/core`. The constructor does no I/O; the session starts with the first
 * request. Errors from the server are SCIM errors ({@link isScimError}) extending core's status classes.
 *
 * @example
 * ```ts
 * import { basicAuth } from '@anaplan-access/core';
 * import { ScimClient, filter } from '@anaplan-access/scim';
 *
 * const client = new ScimClient({ region: 'eu3', auth: basicAuth({ username, password }) });
 * for await (const user of client.users.list({ filter: filter.eq('active', true) })) console.log(user.userName);
 * await client.close();
 * ```
 * @throws `ConfigurationError` from the constructor for an unknown or invalid option.
 * @group Clients
 */
export class ScimClient {
  /** The `/Users` resource. */
  readonly users: ScimUsersResource;
  /** Whether Anaplan's limits are applied (the `anaplan` option). */
  readonly anaplan: boolean;
  /** The client's logger (scrubbed of secrets by core). */
  readonly logger: Logger;
  readonly #http: ScimHttp;
  #discoveryNeedsAuth = false;

  constructor(options: ScimClientOptions) {
    checkScimOwnOptions(options);
    const transport = createClientTransport('ScimClient', 'scim', options, scimOwnOptionKeys);
    const anaplan = options.anaplan ?? true;
    const concurrency = options.concurrency ?? defaultConcurrency;
    this.#http = new ScimHttp(transport);
    this.anaplan = anaplan;
    this.logger = transport.logger;
    this.users = new ScimUsersResource({ http: this.#http, anaplan, concurrency, logger: transport.logger });
  }

  /** The SCIM base URL requests go to. */
  get baseUrl(): string {
    return this.#http.transport.baseUrls.scim;
  }

  /**
   * `/ServiceProviderConfig`: what the server says it supports. Asked without credentials first (Anaplan's
   * discovery endpoints are public), then with them if the server answers 401.
   */
  async serviceProviderConfig(options: CallOptions = {}): Promise<ServiceProviderConfig> {
    return this.#discover('/ServiceProviderConfig', ServiceProviderConfigSchema, options);
  }

  /** `/ResourceTypes`: the resource types the server has (only `User` on Anaplan). */
  async resourceTypes(options: CallOptions = {}): Promise<ResourceType[]> {
    const data = await this.#discover('/ResourceTypes', discoveryList(ResourceTypeSchema), options);
    return Array.isArray(data) ? data : data.Resources;
  }

  /** `/Schemas`: the attribute definitions of the server's schemas (only the core User schema on Anaplan). */
  async schemas(options: CallOptions = {}): Promise<Schema[]> {
    const data = await this.#discover('/Schemas', discoveryList(SchemaSchema), options);
    return Array.isArray(data) ? data : data.Resources;
  }

  async #discover<S extends z.ZodType>(path: string, schema: S, options: CallOptions): Promise<z.output<S>> {
    return withCallOptions(options, async (signal) => {
      const request = { method: 'GET' as const, path, schema, signal };
      if (!this.#discoveryNeedsAuth) {
        try {
          return (await this.#http.send({ ...request, authenticated: false })).data;
        } catch (error) {
          if (!isAuthenticationError(error) || error.status !== 401) throw error;
          this.#discoveryNeedsAuth = true;
        }
      }
      return (await this.#http.send(request)).data;
    });
  }

  /** Ends the session (Anaplan: `/token/logout`). A later call starts a new one. */
  async close(): Promise<void> {
    await this.#http.transport.close();
  }
}
