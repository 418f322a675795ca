import { scimUrns } from './urns.js';
import { userSchemaResource } from './user-schema.js';

/** Largest `count` of `GET /Users` ("limit is 100 users per call"). */
export const maxPageSize = 100;

/**
 * A discovery list. The live `/ResourceTypes` and `/Schemas` answer `itemsPerPage: 10` for a single resource
 * (SETI capture); the simulator repeats that quirk so clients learn not to trust `itemsPerPage`.
 */
function discoveryList(resources: unknown[]): Record<string, unknown> {
  return {
    schemas: [scimUrns.listResponse],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: 10,
    Resources: resources,
  };
}

/**
 * `GET /ServiceProviderConfig` (RFC 7643 §5). Flags follow what works live rather than Apiary's stale example:
 * patch and filter are supported, bulk, sort, ETags and password change are not; the two authentication schemes
 * are the ones the live document lists (Basic and the Anaplan token).
 */
export function serviceProviderConfig(scimBase: string): Record<string, unknown> {
  return {
    schemas: [scimUrns.serviceProviderConfig],
    documentationUri: 'https://help.anaplan.com/e329da13-e9bd-4458-bb0a-5308a9781ed0',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: maxPageSize },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'httpbasic',
        name: 'HTTP Basic',
        description: 'Authentication scheme using the HTTP Basic Standard',
        specUri: 'https://www.rfc-editor.org/info/rfc2617',
        primary: false,
      },
      {
        type: 'anaplanbearertoken',
        name: 'Anaplan Bearer Token',
        description:
          'Authentication scheme using an Anaplan authentication token (AnaplanAuthToken or Bearer)',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${scimBase}/ServiceProviderConfig` },
  };
}

/** The one resource type, `User`, with no schema extensions (live `/ResourceTypes`). */
export function userResourceType(scimBase: string): Record<string, unknown> {
  return {
    schemas: [scimUrns.resourceType],
    meta: { resourceType: 'ResourceType', location: `${scimBase}/ResourceTypes/User` },
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    schema: scimUrns.user,
  };
}

/** `GET /ResourceTypes`. */
export function resourceTypesList(scimBase: string): Record<string, unknown> {
  return discoveryList([userResourceType(scimBase)]);
}

/** `GET /Schemas`: only the core User schema. */
export function schemasList(scimBase: string): Record<string, unknown> {
  return discoveryList([userSchemaResource(scimBase)]);
}
