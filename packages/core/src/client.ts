/**
 * `@anaplan-access/core/client`: the plumbing an anaplan-access client package is built on (the transport, the
 * mapping of `ClientOptions` onto it, base URLs, request shapes and paging). Applications use the clients
 * (`ScimClient`, `IntegrationClient`) and the main entry, `@anaplan-access/core`, instead.
 *
 * @example
 * ```ts
 * import { createClientTransport } from '@anaplan-access/core/client';
 *
 * const transport = createClientTransport('ScimClient', 'scim', options, ['anaplan']);
 * ```
 * @module
 */
export {
  type AnaplanAuthSchemeOptions,
  withAnaplanAuthScheme,
} from './auth/anaplan-auth-scheme.js';
export { withCallOptions } from './call-options.js';
export { type ClientService, clientOptionKeys, createClientTransport } from './client-options.js';
export type { PageContents, PagePromiseOptions, PageRequest } from './pagination.js';
export { type ParseResponseContext, parseResponse } from './parse-response.js';
export { type BaseUrls, resolveBaseUrls, type ServiceName } from './regions.js';
export { sleep } from './sleep.js';
export type {
  HttpMethod,
  RequestOptions,
  ResponseType,
  SearchParams,
  TransportResponse,
} from './transport/request-options.js';
export { Transport } from './transport/transport.js';
export type { TransportOptions } from './transport/transport-options.js';
