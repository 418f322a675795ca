// Tests: ./internal/anaplan-write-body.test.ts, ./schemas/schemas.test.ts

/**
 * The SCIM 2.0 schema and message URNs this package reads and writes (RFC 7643 §8.7, RFC 7644 §3).
 *
 * @example
 * ```ts
 * const body = { schemas: [scimUrns.user], userName: 'ada@example.com' };
 * ```
 */
export const scimUrns = {
  /** Core User resource schema. */
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  /** Enterprise User extension (RFC 7643 §4.3); absent on Anaplan, common on generic servers. */
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  /** ListResponse message. */
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  /** PatchOp message. */
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  /** Error message. */
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  /** ServiceProviderConfig resource schema. */
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  /** ResourceType resource schema. */
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  /** Schema resource schema. */
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;
