// Tests: ./schemas.test.ts

import { z } from 'zod';
import { arrayOf, booleanish, optional } from '../internal/lenient.js';
import { scimUrns } from '../urns.js';

/** `meta` of any SCIM resource (RFC 7643 §3.1). Unknown keys are kept. */
export const ScimMetaSchema = z.looseObject({
  resourceType: optional(z.string()),
  created: optional(z.string()),
  lastModified: optional(z.string()),
  location: optional(z.string()),
  version: optional(z.string()),
});

/** `name` of a User (RFC 7643 §4.1.1). Anaplan requires `givenName` and `familyName` on create. */
export const ScimNameSchema = z.looseObject({
  formatted: optional(z.string()),
  familyName: optional(z.string()),
  givenName: optional(z.string()),
  middleName: optional(z.string()),
  honorificPrefix: optional(z.string()),
  honorificSuffix: optional(z.string()),
});

/** A value of a multi-valued attribute such as `emails` (RFC 7643 §2.4). */
export const ScimMultiValueSchema = z.looseObject({
  value: optional(z.string()),
  display: optional(z.string()),
  type: optional(z.string()),
  primary: optional(booleanish),
});

/**
 * One entitlement. On Anaplan it is a workspace: `type` is `WORKSPACE` (one item per workspace, `value` = id),
 * `WORKSPACE_IDS` (one item, comma-separated ids) or `WORKSPACE_NAMES` (one item, comma-separated quoted names).
 * Read workspace ids with {@link workspaces} instead of walking this list.
 */
export const ScimEntitlementSchema = ScimMultiValueSchema;

/** The enterprise User extension (RFC 7643 §4.3), found on generic servers; Anaplan has none. */
export const EnterpriseUserSchema = z.looseObject({
  employeeNumber: optional(z.string()),
  costCenter: optional(z.string()),
  organization: optional(z.string()),
  division: optional(z.string()),
  department: optional(z.string()),
  manager: optional(
    z.looseObject({
      value: optional(z.string()),
      $ref: optional(z.string()),
      displayName: optional(z.string()),
    }),
  ),
});

/**
 * A SCIM User as a server returns it, tolerant of what real servers send: `"True"`/`"False"` strings for booleans,
 * `null` for absent attributes, a missing `schemas`, and attributes this package does not know (kept as they are).
 * The enterprise extension is typed under its URN key.
 *
 * @example
 * ```ts
 * const user = ScimUserSchema.parse(await response.json());
 * console.log(user.userName, user.active);
 * ```
 */
export const ScimUserSchema = z.looseObject({
  schemas: optional(z.array(z.string())),
  id: z.string(),
  externalId: optional(z.string()),
  userName: z.string(),
  name: optional(ScimNameSchema),
  displayName: optional(z.string()),
  nickName: optional(z.string()),
  title: optional(z.string()),
  userType: optional(z.string()),
  preferredLanguage: optional(z.string()),
  locale: optional(z.string()),
  timezone: optional(z.string()),
  active: optional(booleanish),
  emails: optional(arrayOf(ScimMultiValueSchema)),
  phoneNumbers: optional(arrayOf(ScimMultiValueSchema)),
  groups: optional(arrayOf(ScimMultiValueSchema)),
  roles: optional(arrayOf(ScimMultiValueSchema)),
  entitlements: optional(arrayOf(ScimEntitlementSchema)),
  meta: optional(ScimMetaSchema),
  [scimUrns.enterpriseUser]: optional(EnterpriseUserSchema),
});

/**
 * A SCIM User as returned by a server (see {@link ScimUserSchema}). Its parts have their own names below, read off
 * this type, so that they need no schema of their own in the API.
 */
export type ScimUser = z.infer<typeof ScimUserSchema>;
/**
 * `name` of a {@link ScimUser}.
 *
 * @useDeclaredType
 */
export type ScimName = NonNullable<ScimUser['name']>;
/**
 * `meta` of a SCIM resource.
 *
 * @useDeclaredType
 */
export type ScimMeta = NonNullable<ScimUser['meta']>;
/**
 * One value of a multi-valued attribute (`emails`, `entitlements`, …).
 *
 * @useDeclaredType
 */
export type ScimMultiValue = NonNullable<ScimUser['emails']>[number];
/**
 * One entitlement of a {@link ScimUser}.
 *
 * @useDeclaredType
 */
export type ScimEntitlement = NonNullable<ScimUser['entitlements']>[number];
/**
 * The enterprise User extension.
 *
 * @useDeclaredType
 */
export type EnterpriseUser = NonNullable<ScimUser[typeof scimUrns.enterpriseUser]>;

/**
 * What {@link ScimClient.users}.create accepts: a User without the server-assigned `id` and `meta`. `schemas` is
 * filled in when omitted. On Anaplan, `name.givenName` and `name.familyName` are required and `userName` is the
 * login e-mail; send entitlements as `WORKSPACE` items (see {@link workspaceEntitlements}).
 */
export interface ScimUserInput {
  schemas?: string[];
  externalId?: string;
  userName: string;
  name?: { givenName?: string; familyName?: string; [attribute: string]: unknown };
  displayName?: string;
  active?: boolean;
  emails?: { value?: string; type?: string; primary?: boolean; [attribute: string]: unknown }[];
  entitlements?: { value?: string; display?: string; type?: string; primary?: boolean }[];
  [attribute: string]: unknown;
}
