// Tests: ../scim-client.test.ts, test/conformance/scim-conformance.test.ts

import { z } from 'zod';
import { booleanish, integerish, optional } from '../internal/lenient.js';
import { ScimMetaSchema } from './user.js';

const supportedSchema = z.looseObject({ supported: optional(booleanish) });

/**
 * `/ServiceProviderConfig` (RFC 7643 §5). Every capability is optional because real servers differ (Anaplan's
 * documented example is stale: it says `patch` and `filter` are unsupported while both work). Do not drive
 * behaviour from these flags without a fallback.
 *
 * @example
 * ```ts
 * const config = await client.serviceProviderConfig();
 * config.filter?.maxResults; // 200 on Anaplan's example
 * ```
 */
export const ServiceProviderConfigSchema = z.looseObject({
  schemas: optional(z.array(z.string())),
  documentationUri: optional(z.string()),
  patch: optional(supportedSchema),
  bulk: optional(
    z.looseObject({
      supported: optional(booleanish),
      maxOperations: optional(integerish),
      maxPayloadSize: optional(integerish),
    }),
  ),
  filter: optional(z.looseObject({ supported: optional(booleanish), maxResults: optional(integerish) })),
  changePassword: optional(supportedSchema),
  sort: optional(supportedSchema),
  etag: optional(supportedSchema),
  authenticationSchemes: optional(
    z.array(
      z.looseObject({
        type: optional(z.string()),
        name: optional(z.string()),
        description: optional(z.string()),
        specUri: optional(z.string()),
        documentationUri: optional(z.string()),
        primary: optional(booleanish),
      }),
    ),
  ),
  meta: optional(ScimMetaSchema),
});

/** A parsed `/ServiceProviderConfig`. */
export type ServiceProviderConfig = z.infer<typeof ServiceProviderConfigSchema>;

/**
 * One `/ResourceTypes` entry (RFC 7643 §6). Anaplan has only `User`, with no schema extensions.
 */
export const ResourceTypeSchema = z.looseObject({
  schemas: optional(z.array(z.string())),
  id: optional(z.string()),
  name: z.string(),
  endpoint: z.string(),
  description: optional(z.string()),
  schema: z.string(),
  schemaExtensions: optional(z.array(z.looseObject({ schema: z.string(), required: optional(booleanish) }))),
  meta: optional(ScimMetaSchema),
});

/** A parsed `/ResourceTypes` entry. */
export type ResourceType = z.infer<typeof ResourceTypeSchema>;

/** One attribute definition of a `/Schemas` entry (RFC 7643 §7), possibly with sub-attributes. */
export interface SchemaAttribute {
  name: string;
  type?: string | undefined;
  multiValued?: boolean | undefined;
  description?: string | undefined;
  required?: boolean | undefined;
  caseExact?: boolean | undefined;
  canonicalValues?: unknown[] | undefined;
  mutability?: string | undefined;
  returned?: string | undefined;
  uniqueness?: string | undefined;
  referenceTypes?: string[] | undefined;
  subAttributes?: SchemaAttribute[] | undefined;
  [key: string]: unknown;
}

/** Zod schema of a {@link SchemaAttribute}. */
export const SchemaAttributeSchema: z.ZodType<SchemaAttribute> = z.lazy(() =>
  z.looseObject({
    name: z.string(),
    type: optional(z.string()),
    multiValued: optional(booleanish),
    description: optional(z.string()),
    required: optional(booleanish),
    caseExact: optional(booleanish),
    canonicalValues: optional(z.array(z.unknown())),
    mutability: optional(z.string()),
    returned: optional(z.string()),
    uniqueness: optional(z.string()),
    referenceTypes: optional(z.array(z.string())),
    subAttributes: optional(z.array(SchemaAttributeSchema)),
  }),
);

/**
 * One `/Schemas` entry (RFC 7643 §7). Anaplan's live answer lists only the core User schema, with every attribute
 * `caseExact: false`.
 */
export const SchemaSchema = z.looseObject({
  schemas: optional(z.array(z.string())),
  id: z.string(),
  name: optional(z.string()),
  description: optional(z.string()),
  attributes: z.preprocess((value) => value ?? [], z.array(SchemaAttributeSchema)),
  meta: optional(ScimMetaSchema),
});

/** A parsed `/Schemas` entry. */
export type Schema = z.infer<typeof SchemaSchema>;
