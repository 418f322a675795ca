// Tests: ./discovery.test.ts

/** Path prefix of the SCIM API on every Anaplan host. */
export const scimPathPrefix = '/scim/1/0/v2';

/** Media type of every SCIM response (RFC 7644 §8.1). */
export const scimMediaType = 'application/scim+json';

/** Schema and message URNs used by the simulator (RFC 7643 §3, §8.7; RFC 7644 §3). */
export const scimUrns = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  /**
   * The simulator's own extension carried by a partial-success (207) user response. Anaplan documents that a
   * partial entitlement failure is reported but not the body, so this shape is the simulator's design.
   */
  entitlementResults: 'urn:anaplan-access:simulator:scim:2.0:EntitlementResults',
} as const;

/** The SCIM base URL of the running simulator, e.g. `http://127.0.0.1:4000/scim/1/0/v2`. */
export function scimBaseUrl(simulatorBaseUrl: string): string {
  return `${simulatorBaseUrl}${scimPathPrefix}`;
}
